package dev.weft.persistence.jdbc;

import dev.weft.spi.Json;
import dev.weft.store.DuplicateIdException;
import dev.weft.store.Page;
import dev.weft.store.RecordNotFoundException;
import dev.weft.store.StaleVersionException;
import dev.weft.store.WorkflowQuery;
import dev.weft.store.WorkflowRecord;
import dev.weft.store.WorkflowStore;
import dev.weft.store.WorkflowVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link WorkflowStore} on tables {@code weft_workflow} and {@code weft_workflow_version}. */
final class JdbcWorkflowStore implements WorkflowStore {
  private static final String KIND = "workflow";
  private static final String COLUMNS = "id, name, definition, active, version, owner_id, created_at, updated_at";

  private final Database db;
  private final Clock clock;
  private final CorruptRows corrupt = new CorruptRows();

  JdbcWorkflowStore(Database db, Clock clock) {
    this.db = db;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public WorkflowRecord create(WorkflowRecord record) {
    Objects.requireNonNull(record, "record");
    String id = record.id() == null ? UUID.randomUUID().toString() : record.id();
    Instant now = Jdbc.micros(clock.instant());
    WorkflowRecord stored = new WorkflowRecord(id, record.name(), record.definition(), record.active(), 1,
        record.ownerId(), now, now);
    String definition = JsonCodec.write(record.definition(), "definition of workflow '" + id + "'");
    return db.tx("creating workflow '" + id + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO weft_workflow (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, 1, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, stored.name());
        ps.setString(3, definition);
        ps.setBoolean(4, stored.active());
        ps.setString(5, stored.ownerId());
        Jdbc.setInstant(ps, 6, now);
        Jdbc.setInstant(ps, 7, now);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (Jdbc.isUniqueViolation(e)) {
          throw new DuplicateIdException(KIND, id);
        }
        throw e;
      }
      insertVersion(c, stored, definition);
      return readBack(stored);
    });
  }

  @Override
  public WorkflowRecord update(WorkflowRecord record, long expectedVersion) {
    Objects.requireNonNull(record, "record");
    String id = Objects.requireNonNull(record.id(), "id of the workflow to update");
    String definition = JsonCodec.write(record.definition(), "definition of workflow '" + id + "'");
    Instant now = Jdbc.micros(clock.instant());
    return db.tx("updating workflow '" + id + "'", c -> {
      int updated;
      try (PreparedStatement ps = c.prepareStatement("UPDATE weft_workflow SET name = ?, definition = ?, active = ?,"
          + " owner_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?")) {
        ps.setString(1, record.name());
        ps.setString(2, definition);
        ps.setBoolean(3, record.active());
        ps.setString(4, record.ownerId());
        Jdbc.setInstant(ps, 5, now);
        ps.setString(6, id);
        ps.setLong(7, expectedVersion);
        updated = ps.executeUpdate();
      }
      if (updated == 0) {
        throw staleOrMissing(c, id, expectedVersion);
      }
      Instant createdAt;
      try (PreparedStatement ps = c.prepareStatement("SELECT created_at FROM weft_workflow WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          createdAt = Jdbc.getInstant(rs, "created_at");
        }
      }
      WorkflowRecord stored = new WorkflowRecord(id, record.name(), record.definition(), record.active(),
          expectedVersion + 1, record.ownerId(), createdAt, now);
      insertVersion(c, stored, definition);
      return readBack(stored);
    });
  }

  private static RuntimeException staleOrMissing(Connection c, String id, long expectedVersion)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM weft_workflow WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new RecordNotFoundException(KIND, id);
        }
        return new StaleVersionException(KIND, id, expectedVersion, rs.getLong(1));
      }
    }
  }

  private static void insertVersion(Connection c, WorkflowRecord w, String definition) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO weft_workflow_version"
        + " (workflow_id, version, name, definition, active, saved_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, w.id());
      ps.setLong(2, w.version());
      ps.setString(3, w.name());
      ps.setString(4, definition);
      ps.setBoolean(5, w.active());
      Jdbc.setInstant(ps, 6, w.updatedAt());
      ps.executeUpdate();
    }
  }

  /** The stored record as a fresh copy: the caller's maps are never handed back. */
  private static WorkflowRecord readBack(WorkflowRecord w) {
    return w.withDefinition(Json.copy(w.definition()));
  }

  @Override
  public Optional<WorkflowRecord> get(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return db.tx("reading workflow '" + id + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM weft_workflow WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.<WorkflowRecord>empty();
        }
      }
    });
  }

  private static WorkflowRecord row(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    return new WorkflowRecord(id, rs.getString("name"),
        JsonCodec.readMap(rs.getString("definition"), KIND, id, "definition"), rs.getBoolean("active"),
        rs.getLong("version"), rs.getString("owner_id"), Jdbc.getInstant(rs, "created_at"),
        Jdbc.getInstant(rs, "updated_at"));
  }

  @Override
  public Page<WorkflowRecord> list(WorkflowQuery query) {
    Objects.requireNonNull(query, "query");
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (query.ownerId() != null) {
      where.append(" AND owner_id = ?");
      params.add(query.ownerId());
    }
    if (query.nameContains() != null) {
      // POSITION takes the text literally: no LIKE wildcards to escape
      where.append(" AND POSITION(? IN LOWER(name)) > 0");
      params.add(query.nameContains().toLowerCase(Locale.ROOT));
    }
    if (query.active() != null) {
      where.append(" AND active = ?");
      params.add(query.active());
    }
    return db.tx("listing workflows", c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM weft_workflow" + where)) {
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<WorkflowRecord> items = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM weft_workflow" + where + " "
          + db.dialect.orderByName + " LIMIT ? OFFSET ?")) {
        int next = bind(ps, params);
        ps.setInt(next, query.limit());
        ps.setInt(next + 1, query.offset());
        readRows(ps, items, "listing workflows");
      }
      return new Page<>(items, total, query.offset(), query.limit());
    });
  }

  private void readRows(PreparedStatement ps, List<WorkflowRecord> into, String listing) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        try {
          into.add(row(rs));
        } catch (CorruptRecordException e) {
          corrupt.skip(e, listing);
        }
      }
    }
  }

  private static int bind(PreparedStatement ps, List<Object> params) throws SQLException {
    int i = 1;
    for (Object p : params) {
      if (p instanceof Boolean b) {
        ps.setBoolean(i++, b);
      } else {
        ps.setString(i++, (String) p);
      }
    }
    return i;
  }

  @Override
  public boolean delete(String id) {
    if (id == null) {
      return false;
    }
    return db.tx("deleting workflow '" + id + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_workflow WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public List<WorkflowVersion> versions(String id) {
    if (id == null) {
      return List.of();
    }
    return db.tx("reading the history of workflow '" + id + "'", c -> {
      List<WorkflowVersion> result = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT version, name, definition, active, saved_at"
          + " FROM weft_workflow_version WHERE workflow_id = ? ORDER BY version DESC")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long version = rs.getLong("version");
            result.add(new WorkflowVersion(id, version, rs.getString("name"),
                JsonCodec.readMap(rs.getString("definition"), "workflow version", id + "@" + version,
                    "definition"),
                rs.getBoolean("active"), Jdbc.getInstant(rs, "saved_at")));
          }
        }
      }
      return result;
    });
  }

  @Override
  public List<WorkflowRecord> activeWorkflows() {
    return db.tx("listing active workflows", c -> {
      List<WorkflowRecord> result = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
          + " FROM weft_workflow WHERE active = TRUE ORDER BY id")) {
        readRows(ps, result, "listing active workflows");
      }
      return result;
    });
  }
}
