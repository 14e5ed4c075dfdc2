package dev.weft.persistence.jdbc;

import dev.weft.cluster.TickLock;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TickLock} on the database: a claim is a row whose primary key is (schedule, tick), so of all the
 * instances inserting it exactly one succeeds. Expired rows are deleted once a minute.
 */
final class JdbcTickLock implements TickLock {
  private static final long SWEEP_EVERY_MS = 60_000;
  private final Database db;
  private final Clock clock;
  private final AtomicLong nextSweep = new AtomicLong();

  JdbcTickLock(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public boolean claim(String key, Instant tick, Duration hold) {
    Instant now = clock.instant();
    sweep(now);
    return db.tx("claiming tick " + tick + " of schedule '" + key + "'", c -> {
      // an expired claim of this very tick gives way; a held one makes the insert below fail
      try (PreparedStatement del = c.prepareStatement(
          "DELETE FROM weft_tick_lock WHERE lock_key = ? AND tick = ? AND held_until < ?")) {
        del.setString(1, key);
        Jdbc.setInstant(del, 2, tick);
        Jdbc.setInstant(del, 3, now);
        del.executeUpdate();
      }
      try (PreparedStatement ins = c.prepareStatement(
          "INSERT INTO weft_tick_lock (lock_key, tick, held_until) VALUES (?, ?, ?)")) {
        ins.setString(1, key);
        Jdbc.setInstant(ins, 2, tick);
        Jdbc.setInstant(ins, 3, now.plus(hold));
        ins.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (Jdbc.isUniqueViolation(e)) {
          c.rollback();
          return false;
        }
        throw e;
      }
    });
  }

  private void sweep(Instant now) {
    long due = nextSweep.get();
    if (now.toEpochMilli() < due || !nextSweep.compareAndSet(due, now.toEpochMilli() + SWEEP_EVERY_MS)) {
      return;
    }
    db.tx("deleting expired tick claims", c -> {
      // a minute's expired claims: one row per schedule tick, so a small delete
      try (PreparedStatement del = c.prepareStatement("DELETE FROM weft_tick_lock WHERE held_until < ?")) {
        Jdbc.setInstant(del, 1, now);
        return del.executeUpdate();
      }
    });
  }
}
