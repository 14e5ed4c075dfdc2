package dev.weft.persistence.jdbc;

import dev.weft.store.DeadLetter;
import dev.weft.store.DuplicateIdException;
import dev.weft.store.Lease;
import dev.weft.store.LeaseLostException;
import dev.weft.store.QueueMessage;
import dev.weft.store.WorkQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@link WorkQueue} on tables {@code weft_queue} (a row per queued or leased message, deleted on ack) and
 * {@code weft_dead_letter}.
 *
 * <p>A claim is one transaction: it first moves messages whose lease expired on their last attempt to the dead
 * letters, then selects the claimable messages in claim order with {@code FOR UPDATE SKIP LOCKED} (on PostgreSQL
 * and on H2 alike), so that concurrent claimers, in this process or in others sharing the database, pass over each
 * other's rows instead of waiting for them or taking them; and each selected row is leased with a compare-and-set
 * update that re-checks that it is still claimable. A lease is a random token on the row: renew, ack and nack match
 * it, so a worker whose lease expired and was re-claimed can no longer touch the message.
 */
final class JdbcWorkQueue implements WorkQueue {
  private static final String KIND = "queue message";
  /** How many lease-expired last attempts one claim moves to the dead letters at most. */
  private static final int DEAD_LETTER_SWEEP = 100;
  private static final String CLAIMABLE = "available_at <= ? AND (lease_token IS NULL"
      + " OR (lease_expires_at <= ? AND attempts < max_attempts))";

  private final Database db;
  private final Clock clock;

  JdbcWorkQueue(Database db, Clock clock) {
    this.db = db;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private Instant now() {
    return Jdbc.micros(clock.instant());
  }

  @Override
  public String enqueue(QueueMessage message) {
    Objects.requireNonNull(message, "message");
    String id = message.id() == null ? UUID.randomUUID().toString() : message.id();
    Instant deliverAt = Jdbc.micros(message.deliverAt() == null ? clock.instant() : message.deliverAt());
    String payload = JsonCodec.write(message.payload(), "payload of queue message '" + id + "'");
    return db.tx("queueing message '" + id + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM weft_dead_letter WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            throw new DuplicateIdException(KIND, id);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO weft_queue (id, payload, priority, deliver_at,"
          + " available_at, max_attempts, attempts) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
        ps.setString(1, id);
        ps.setString(2, payload);
        ps.setInt(3, message.priority());
        Jdbc.setInstant(ps, 4, deliverAt);
        Jdbc.setInstant(ps, 5, deliverAt);
        ps.setInt(6, message.maxAttempts());
        ps.executeUpdate();
      } catch (SQLException e) {
        if (Jdbc.isUniqueViolation(e)) {
          throw new DuplicateIdException(KIND, id);
        }
        throw e;
      }
      return id;
    });
  }

  @Override
  public List<Lease> claim(String workerId, int maxMessages, Duration leaseDuration) {
    WorkQueue.checkClaim(workerId, maxMessages, leaseDuration);
    Instant now = now();
    Instant expiresAt = Jdbc.micros(now.plus(leaseDuration));
    return db.tx("claiming messages for worker '" + workerId + "'", c -> {
      deadLetterExpiredLastAttempts(c, now);
      List<Row> candidates = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, payload, priority, deliver_at, max_attempts,"
          + " attempts FROM weft_queue WHERE " + CLAIMABLE
          + " ORDER BY priority DESC, available_at, seq LIMIT ? FOR UPDATE SKIP LOCKED")) {
        Jdbc.setInstant(ps, 1, now);
        Jdbc.setInstant(ps, 2, now);
        ps.setInt(3, maxMessages);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            candidates.add(Row.of(rs));
          }
        }
      }
      List<Lease> leases = new ArrayList<>(candidates.size());
      try (PreparedStatement ps = c.prepareStatement("UPDATE weft_queue SET attempts = attempts + 1,"
          + " lease_token = ?, worker_id = ?, lease_expires_at = ? WHERE id = ? AND " + CLAIMABLE)) {
        for (Row row : candidates) {
          QueueMessage message;
          try {
            message = row.message();
          } catch (CorruptRecordException e) {
            // never hand it out, never block the queue with it: park it where an operator looks
            deadLetter(c, row, e.getMessage(), now);
            continue;
          }
          String token = UUID.randomUUID().toString();
          ps.setString(1, token);
          ps.setString(2, workerId);
          Jdbc.setInstant(ps, 3, expiresAt);
          ps.setString(4, row.id);
          Jdbc.setInstant(ps, 5, now);
          Jdbc.setInstant(ps, 6, now);
          if (ps.executeUpdate() == 1) {
            leases.add(new Lease(message, workerId, token, row.attempts + 1, expiresAt, leaseDuration));
          }
        }
      }
      return leases;
    });
  }

  private static void deadLetterExpiredLastAttempts(Connection c, Instant now) throws SQLException {
    List<Row> expired = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, payload, priority, deliver_at, max_attempts,"
        + " attempts, worker_id FROM weft_queue WHERE lease_token IS NOT NULL AND lease_expires_at <= ?"
        + " AND attempts >= max_attempts ORDER BY lease_expires_at LIMIT " + DEAD_LETTER_SWEEP
        + " FOR UPDATE SKIP LOCKED")) {
      Jdbc.setInstant(ps, 1, now);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row row = Row.of(rs);
          row.workerId = rs.getString("worker_id");
          expired.add(row);
        }
      }
    }
    for (Row row : expired) {
      deadLetter(c, row, "the lease of worker '" + row.workerId + "' expired on attempt " + row.attempts + " of "
          + row.maxAttempts, now);
    }
  }

  private static void deadLetter(Connection c, Row row, String error, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO weft_dead_letter (id, payload, priority,"
        + " deliver_at, max_attempts, attempts, last_error, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, row.id);
      ps.setString(2, row.payload);
      ps.setInt(3, row.priority);
      Jdbc.setInstant(ps, 4, row.deliverAt);
      ps.setInt(5, row.maxAttempts);
      ps.setInt(6, row.attempts);
      ps.setString(7, error);
      Jdbc.setInstant(ps, 8, now);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_queue WHERE id = ?")) {
      ps.setString(1, row.id);
      ps.executeUpdate();
    }
  }

  @Override
  public Lease renew(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    Instant expiresAt = Jdbc.micros(clock.instant().plus(lease.duration()));
    return db.tx("renewing the lease of worker '" + lease.workerId() + "' on queue message '" + lease.messageId()
        + "'", c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE weft_queue SET lease_expires_at = ? WHERE id = ? AND lease_token = ?")) {
            Jdbc.setInstant(ps, 1, expiresAt);
            ps.setString(2, lease.messageId());
            ps.setString(3, lease.token());
            if (ps.executeUpdate() == 0) {
              throw new LeaseLostException(lease.messageId(), lease.workerId());
            }
          }
          return new Lease(lease.message(), lease.workerId(), lease.token(), lease.attempt(), expiresAt,
              lease.duration());
        });
  }

  @Override
  public void ack(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    db.tx("acking queue message '" + lease.messageId() + "' for worker '" + lease.workerId() + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_queue WHERE id = ? AND lease_token = ?")) {
        ps.setString(1, lease.messageId());
        ps.setString(2, lease.token());
        if (ps.executeUpdate() == 0) {
          throw new LeaseLostException(lease.messageId(), lease.workerId());
        }
      }
      return null;
    });
  }

  @Override
  public void nack(Lease lease, Duration delay, String error) {
    Objects.requireNonNull(lease, "lease");
    Instant now = now();
    db.tx("nacking queue message '" + lease.messageId() + "' for worker '" + lease.workerId() + "'", c -> {
      Row row;
      try (PreparedStatement ps = c.prepareStatement("SELECT id, payload, priority, deliver_at, max_attempts,"
          + " attempts FROM weft_queue WHERE id = ? AND lease_token = ? FOR UPDATE")) {
        ps.setString(1, lease.messageId());
        ps.setString(2, lease.token());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new LeaseLostException(lease.messageId(), lease.workerId());
          }
          row = Row.of(rs);
        }
      }
      if (delay != null && delay.isNegative()) {
        throw new IllegalArgumentException(
            "nack of queue message '" + lease.messageId() + "' gave a negative delay " + delay);
      }
      if (row.attempts >= row.maxAttempts) {
        deadLetter(c, row, error != null ? error : "nacked by worker '" + lease.workerId() + "' on attempt "
            + row.attempts + " of " + row.maxAttempts, now);
        return null;
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE weft_queue SET lease_token = NULL, worker_id = NULL,"
          + " lease_expires_at = NULL, available_at = ? WHERE id = ?")) {
        Jdbc.setInstant(ps, 1, delay == null ? now : now.plus(delay));
        ps.setString(2, row.id);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<DeadLetter> deadLetters(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("dead letter limit must be at least 1, got " + limit);
    }
    return db.tx("listing dead letters", c -> {
      List<DeadLetter> result = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, payload, priority, deliver_at, max_attempts,"
          + " attempts, last_error, failed_at FROM weft_dead_letter ORDER BY failed_at, id LIMIT ?")) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Row row = Row.of(rs);
            result.add(new DeadLetter(row.messageOrRaw(), row.attempts, rs.getString("last_error"),
                Jdbc.getInstant(rs, "failed_at")));
          }
        }
      }
      return result;
    });
  }

  @Override
  public boolean retryDeadLetter(String messageId) {
    if (messageId == null) {
      return false;
    }
    Instant now = now();
    return db.tx("retrying dead letter '" + messageId + "'", c -> {
      Row row;
      try (PreparedStatement ps = c.prepareStatement("SELECT id, payload, priority, deliver_at, max_attempts,"
          + " attempts FROM weft_dead_letter WHERE id = ? FOR UPDATE")) {
        ps.setString(1, messageId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          row = Row.of(rs);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_dead_letter WHERE id = ?")) {
        ps.setString(1, messageId);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO weft_queue (id, payload, priority, deliver_at,"
          + " available_at, max_attempts, attempts) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
        ps.setString(1, row.id);
        ps.setString(2, row.payload);
        ps.setInt(3, row.priority);
        Jdbc.setInstant(ps, 4, row.deliverAt);
        Jdbc.setInstant(ps, 5, now);
        ps.setInt(6, row.maxAttempts);
        ps.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public boolean deleteDeadLetter(String messageId) {
    if (messageId == null) {
      return false;
    }
    return db.tx("deleting dead letter '" + messageId + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_dead_letter WHERE id = ?")) {
        ps.setString(1, messageId);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public long size() {
    return db.tx("counting queued messages", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM weft_queue");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** A queue or dead-letter row. */
  private static final class Row {
    String id;
    String payload;
    int priority;
    Instant deliverAt;
    int maxAttempts;
    int attempts;
    String workerId;

    static Row of(ResultSet rs) throws SQLException {
      Row row = new Row();
      row.id = rs.getString("id");
      row.payload = rs.getString("payload");
      row.priority = rs.getInt("priority");
      row.deliverAt = Jdbc.getInstant(rs, "deliver_at");
      row.maxAttempts = rs.getInt("max_attempts");
      row.attempts = rs.getInt("attempts");
      return row;
    }

    /** The message, or for a corrupt payload one whose payload holds the raw text under {@code corruptPayload}. */
    QueueMessage messageOrRaw() {
      try {
        return message();
      } catch (CorruptRecordException e) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("corruptPayload", payload);
        return new QueueMessage(id, raw, priority, deliverAt, Math.max(1, maxAttempts));
      }
    }

    QueueMessage message() {
      if (maxAttempts < 1) {
        throw new CorruptRecordException(KIND, id, "max_attempts is " + maxAttempts + ", below 1", null);
      }
      return new QueueMessage(id, JsonCodec.readMap(payload, KIND, id, "payload"), priority, deliverAt,
          maxAttempts);
    }
  }
}
