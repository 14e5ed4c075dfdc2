package dev.weft.persistence.jdbc;

import dev.weft.store.AuditEntry;
import dev.weft.store.AuditLog;
import dev.weft.store.AuditQuery;
import dev.weft.store.Page;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link AuditLog} on table {@code weft_audit}: ids from an identity column, details as JSON text. A row whose
 * details cannot be read is skipped by queries and logged once. Pruning selects at most a batch of ids (oldest
 * first), deletes exactly those, and commits, until no older entry is left.
 */
final class JdbcAuditLog implements AuditLog {
  private static final String KIND = "audit entry";
  private static final String COLUMNS = "id, at, actor, action, target_type, target_id, details";

  private final Database db;
  private final Clock clock;
  private final CorruptRows corrupt = new CorruptRows();

  JdbcAuditLog(Database db, Clock clock) {
    this.db = db;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public AuditEntry append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    Instant now = Jdbc.micros(clock.instant());
    String details = JsonCodec.write(entry.details(), "details of audit entry " + entry.action() + " by "
        + entry.actor());
    long id = db.tx("appending audit entry " + entry.action() + " by " + entry.actor(), c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO weft_audit (at, actor, action, target_type,"
          + " target_id, details) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
        Jdbc.setInstant(ps, 1, now);
        ps.setString(2, entry.actor());
        ps.setString(3, entry.action());
        ps.setString(4, entry.targetType());
        ps.setString(5, entry.targetId());
        ps.setString(6, details);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    });
    // read back from the text, so the caller holds what a later query returns (and a copy)
    return new AuditEntry(id, now, entry.actor(), entry.action(), entry.targetType(), entry.targetId(),
        JsonCodec.readMap(details, KIND, Long.toString(id), "details"));
  }

  @Override
  public Page<AuditEntry> query(AuditQuery q) {
    Objects.requireNonNull(q, "query");
    StringBuilder where = new StringBuilder(" FROM weft_audit WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.from() != null) {
      where.append(" AND at >= ?");
      args.add(q.from());
    }
    if (q.to() != null) {
      where.append(" AND at < ?");
      args.add(q.to());
    }
    if (q.actor() != null) {
      where.append(" AND actor = ?");
      args.add(q.actor());
    }
    if (q.actionIsPrefix()) {
      where.append(" AND action LIKE ? ESCAPE '!'");
      args.add(q.action().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    } else if (q.action() != null) {
      where.append(" AND action = ?");
      args.add(q.action());
    }
    if (q.targetType() != null) {
      where.append(" AND target_type = ?");
      args.add(q.targetType());
    }
    if (q.targetId() != null) {
      where.append(" AND target_id = ?");
      args.add(q.targetId());
    }
    return db.tx("querying the audit log", c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + where)) {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<AuditEntry> items = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + where
          + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?")) {
        List<Object> all = new ArrayList<>(args);
        all.add(q.limit());
        all.add((long) q.offset());
        bind(ps, all);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            try {
              items.add(row(rs));
            } catch (CorruptRecordException e) {
              corrupt.skip(e, "querying the audit log");
            }
          }
        }
      }
      return new Page<>(items, total, q.offset(), q.limit());
    });
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof Instant t) {
        Jdbc.setInstant(ps, i + 1, t);
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  private static AuditEntry row(ResultSet rs) throws SQLException {
    long id = rs.getLong("id");
    Map<String, Object> details = JsonCodec.readMap(rs.getString("details"), KIND, Long.toString(id), "details");
    return new AuditEntry(id, Jdbc.getInstant(rs, "at"), rs.getString("actor"), rs.getString("action"),
        rs.getString("target_type"), rs.getString("target_id"), details);
  }

  @Override
  public int prune(Instant before, int batchSize) {
    Objects.requireNonNull(before, "before");
    if (batchSize < 1) {
      throw new IllegalArgumentException("audit prune batch size must be at least 1, got " + batchSize);
    }
    int deleted = 0;
    while (true) {
      int batch = db.tx("pruning audit entries before " + before, c -> {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT id FROM weft_audit WHERE at < ? ORDER BY at, id LIMIT ?")) {
          Jdbc.setInstant(ps, 1, before);
          ps.setInt(2, batchSize);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
            }
          }
        }
        if (ids.isEmpty()) {
          return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(
            "DELETE FROM weft_audit WHERE id IN (" + Jdbc.placeholders(ids.size()) + ")")) {
          for (int i = 0; i < ids.size(); i++) {
            ps.setLong(i + 1, ids.get(i));
          }
          return ps.executeUpdate();
        }
      });
      deleted += batch;
      if (batch < batchSize) {
        return deleted;
      }
    }
  }
}
