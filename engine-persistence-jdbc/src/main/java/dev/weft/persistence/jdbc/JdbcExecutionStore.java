package dev.weft.persistence.jdbc;

import dev.weft.spi.Json;
import dev.weft.store.DuplicateIdException;
import dev.weft.store.ExecutionQuery;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.ExecutionRecord.Status;
import dev.weft.store.ExecutionStore;
import dev.weft.store.Page;
import dev.weft.store.PrunePolicy;
import dev.weft.store.RecordNotFoundException;
import dev.weft.store.StaleVersionException;
import dev.weft.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ExecutionStore} on three tables: {@code weft_execution} (the hot row the engine filters and sorts on),
 * {@code weft_execution_data} (run data as JSON text, read only for one execution or a page) and
 * {@code weft_execution_custom} (custom data pairs, for searching).
 */
final class JdbcExecutionStore implements ExecutionStore {
  private static final String KIND = "execution";
  /** The longest custom data key and value, as n8n's are short too; longer ones are refused naming the key. */
  static final int MAX_CUSTOM_KEY = 255;
  static final int MAX_CUSTOM_VALUE = 1000;
  /** Ids per {@code IN (...)} list, well under every driver's parameter limit. */
  private static final int IN_LIST = 500;

  private static final String SELECT = "SELECT e.id, e.workflow_id, e.workflow_name, e.status, e.mode, e.started_at,"
      + " e.finished_at, e.wait_until, e.error_message, e.error_node, e.parent_execution_id, e.custom_data,"
      + " e.version, d.data FROM weft_execution e LEFT JOIN weft_execution_data d ON d.execution_id = e.id";
  private static final String FINISHED = "('SUCCESS', 'ERROR', 'CANCELLED')";

  private final Database db;
  private final Clock clock;
  private final CorruptRows corrupt = new CorruptRows();

  JdbcExecutionStore(Database db, Clock clock) {
    this.db = db;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public ExecutionRecord create(ExecutionRecord record) {
    Objects.requireNonNull(record, "record");
    String id = record.id() == null ? UUID.randomUUID().toString() : record.id();
    Instant startedAt = Jdbc.micros(record.startedAt() == null ? clock.instant() : record.startedAt());
    ExecutionRecord stored = normalized(record.withId(id).withStartedAt(startedAt), 1);
    String data = JsonCodec.write(stored.data(), "run data of execution '" + id + "'");
    return copy(db.writes.submit(new Create(stored, data, customJson(stored)))); // copied here, not on the writer
  }

  @Override
  public ExecutionRecord update(ExecutionRecord record, long expectedVersion) {
    Objects.requireNonNull(record, "record");
    String id = Objects.requireNonNull(record.id(), "id of the execution to update");
    ExecutionRecord stored = normalized(record, expectedVersion + 1);
    String data = JsonCodec.write(stored.data(), "run data of execution '" + id + "'");
    return copy(db.writes.submit(new Update(stored, expectedVersion, data, customJson(stored))));
  }

  /** A new execution, serialised by its caller, inserted by the writer with others. */
  private static final class Create extends GroupCommit.Write<ExecutionRecord> {
    static final GroupCommit.Kind<Create> BATCH = Create::runAll;
    final ExecutionRecord stored;
    final String data;
    final String custom;

    Create(ExecutionRecord stored, String data, String custom) {
      super("creating execution '" + stored.id() + "'");
      this.stored = stored;
      this.data = data;
      this.custom = custom;
    }

    @Override
    GroupCommit.Kind<Create> kind() {
      return BATCH;
    }

    static void runAll(Connection c, List<Create> writes) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO weft_execution (workflow_id, workflow_name,"
          + " status, mode, started_at, finished_at, wait_until, error_message, error_node, parent_execution_id,"
          + " custom_data, version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)")) {
        for (Create w : writes) {
          bindRow(ps, w.stored, w.custom);
          ps.setString(12, w.stored.id());
          ps.addBatch();
        }
        ps.executeBatch();
      } catch (SQLException e) {
        if (writes.size() == 1 && Jdbc.isUniqueViolation(e)) {
          throw new DuplicateIdException(KIND, writes.get(0).stored.id());
        }
        throw e; // a batch: rolled back, and each create runs again alone
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO weft_execution_data (execution_id, data) VALUES (?, ?)")) {
        for (Create w : writes) {
          ps.setString(1, w.stored.id());
          ps.setString(2, w.data);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      insertCustom(c, writes.stream().map(w -> w.stored).toList());
      for (Create w : writes) {
        w.succeed(w.stored);
      }
    }
  }

  /** A new state of an execution, checked against its expected version row by row. */
  private static final class Update extends GroupCommit.Write<ExecutionRecord> {
    static final GroupCommit.Kind<Update> BATCH = Update::runAll;
    final ExecutionRecord stored;
    final long expectedVersion;
    final String data;
    final String custom;

    Update(ExecutionRecord stored, long expectedVersion, String data, String custom) {
      super("updating execution '" + stored.id() + "'");
      this.stored = stored;
      this.expectedVersion = expectedVersion;
      this.data = data;
      this.custom = custom;
    }

    @Override
    GroupCommit.Kind<Update> kind() {
      return BATCH;
    }

    static void runAll(Connection c, List<Update> writes) throws SQLException {
      int[] counts;
      try (PreparedStatement ps = c.prepareStatement("UPDATE weft_execution SET workflow_id = ?,"
          + " workflow_name = ?, status = ?, mode = ?, started_at = COALESCE(?, started_at), finished_at = ?,"
          + " wait_until = ?, error_message = ?, error_node = ?, parent_execution_id = ?, custom_data = ?,"
          + " version = version + 1 WHERE id = ? AND version = ?")) {
        for (Update w : writes) {
          bindRow(ps, w.stored, w.custom);
          ps.setString(12, w.stored.id());
          ps.setLong(13, w.expectedVersion);
          ps.addBatch();
        }
        counts = ps.executeBatch();
      }
      List<Update> landed = new ArrayList<>(writes.size());
      for (int i = 0; i < writes.size(); i++) {
        Update w = writes.get(i);
        if (counts[i] == 0) {
          w.fail(staleOrMissing(c, w.stored.id(), w.expectedVersion)); // only this caller's version was stale
        } else if (counts[i] > 0) {
          landed.add(w);
        } else {
          throw new SQLException("the driver reported no row count for a batched update of execution '"
              + w.stored.id() + "'; the version check cannot be trusted");
        }
      }
      if (landed.isEmpty()) {
        return;
      }
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE weft_execution_data SET data = ? WHERE execution_id = ?")) {
        for (Update w : landed) {
          ps.setString(1, w.data);
          ps.setString(2, w.stored.id());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_execution_custom WHERE execution_id = ?")) {
        for (Update w : landed) {
          ps.setString(1, w.stored.id());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      insertCustom(c, landed.stream().map(w -> w.stored).toList());
      for (Update w : landed) {
        ExecutionRecord result = w.stored;
        if (result.startedAt() == null) {
          try (PreparedStatement ps = c.prepareStatement("SELECT started_at FROM weft_execution WHERE id = ?")) {
            ps.setString(1, result.id());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              result = result.withStartedAt(Jdbc.getInstant(rs, "started_at"));
            }
          }
        }
        w.succeed(result);
      }
    }
  }

  /** The record as it will be stored: instants in microseconds, the given version. */
  private static ExecutionRecord normalized(ExecutionRecord r, long version) {
    for (Map.Entry<String, String> pair : r.customData().entrySet()) {
      if (pair.getKey() == null || pair.getValue() == null) {
        throw new StoreException("custom data of execution '" + r.id() + "' has a null key or value (key "
            + pair.getKey() + "); keys and values must be text");
      }
      if (pair.getKey().length() > MAX_CUSTOM_KEY) {
        throw new StoreException("custom data key '" + pair.getKey().substring(0, 40) + "...' of execution '"
            + r.id() + "' is " + pair.getKey().length() + " characters long; at most " + MAX_CUSTOM_KEY
            + " are stored");
      }
      if (pair.getValue().length() > MAX_CUSTOM_VALUE) {
        throw new StoreException("custom data '" + pair.getKey() + "' of execution '" + r.id() + "' is "
            + pair.getValue().length() + " characters long; at most " + MAX_CUSTOM_VALUE + " are stored");
      }
    }
    return new ExecutionRecord(r.id(), r.workflowId(), r.workflowName(), r.status(), r.mode(),
        Jdbc.micros(r.startedAt()), Jdbc.micros(r.finishedAt()), Jdbc.micros(r.waitUntil()), r.errorMessage(),
        r.errorNode(), r.parentExecutionId(), r.customData(), r.data(), version);
  }

  private static String customJson(ExecutionRecord r) {
    return JsonCodec.write(r.customData(), "custom data of execution '" + r.id() + "'");
  }

  private static void bindRow(PreparedStatement ps, ExecutionRecord r, String custom) throws SQLException {
    ps.setString(1, r.workflowId());
    ps.setString(2, r.workflowName());
    ps.setString(3, r.status().name());
    ps.setString(4, r.mode());
    Jdbc.setInstant(ps, 5, r.startedAt());
    Jdbc.setInstant(ps, 6, r.finishedAt());
    Jdbc.setInstant(ps, 7, r.waitUntil());
    ps.setString(8, r.errorMessage());
    ps.setString(9, r.errorNode());
    ps.setString(10, r.parentExecutionId());
    ps.setString(11, custom);
  }

  private static void insertCustom(Connection c, List<ExecutionRecord> records) throws SQLException {
    if (records.stream().allMatch(r -> r.customData().isEmpty())) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO weft_execution_custom (execution_id, data_key, data_value) VALUES (?, ?, ?)")) {
      for (ExecutionRecord r : records) {
        for (Map.Entry<String, String> pair : r.customData().entrySet()) {
          ps.setString(1, r.id());
          ps.setString(2, pair.getKey());
          ps.setString(3, pair.getValue());
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  private static RuntimeException staleOrMissing(Connection c, String id, long expectedVersion)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM weft_execution WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new RecordNotFoundException(KIND, id);
        }
        return new StaleVersionException(KIND, id, expectedVersion, rs.getLong(1));
      }
    }
  }

  private static ExecutionRecord copy(ExecutionRecord r) {
    return new ExecutionRecord(r.id(), r.workflowId(), r.workflowName(), r.status(), r.mode(), r.startedAt(),
        r.finishedAt(), r.waitUntil(), r.errorMessage(), r.errorNode(), r.parentExecutionId(),
        new LinkedHashMap<>(r.customData()), Json.copy(r.data()), r.version());
  }

  @Override
  public Optional<ExecutionRecord> get(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return db.tx("reading execution '" + id + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE e.id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.<ExecutionRecord>empty();
        }
      }
    });
  }

  private static ExecutionRecord row(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    String status = rs.getString("status");
    Status parsed;
    try {
      parsed = Status.valueOf(status);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CorruptRecordException(KIND, id, "status '" + status + "' is none of " + List.of(Status.values()),
          e);
    }
    return new ExecutionRecord(id, rs.getString("workflow_id"), rs.getString("workflow_name"), parsed,
        rs.getString("mode"), Jdbc.getInstant(rs, "started_at"), Jdbc.getInstant(rs, "finished_at"),
        Jdbc.getInstant(rs, "wait_until"), rs.getString("error_message"), rs.getString("error_node"),
        rs.getString("parent_execution_id"),
        JsonCodec.readStringMap(rs.getString("custom_data"), KIND, id, "custom data"),
        JsonCodec.readMap(rs.getString("data"), KIND, id, "run data"), rs.getLong("version"));
  }

  private List<ExecutionRecord> rows(PreparedStatement ps, String listing) throws SQLException {
    List<ExecutionRecord> result = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        try {
          result.add(row(rs));
        } catch (CorruptRecordException e) {
          corrupt.skip(e, listing);
        }
      }
    }
    return result;
  }

  @Override
  public Page<ExecutionRecord> list(ExecutionQuery query) {
    Objects.requireNonNull(query, "query");
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (query.workflowId() != null) {
      where.append(" AND e.workflow_id = ?");
      params.add(query.workflowId());
    }
    if (!query.statuses().isEmpty()) {
      where.append(" AND e.status IN (").append(Jdbc.placeholders(query.statuses().size())).append(')');
      for (Status s : query.statuses()) {
        params.add(s.name());
      }
    }
    if (query.startedFrom() != null) {
      where.append(" AND e.started_at >= ?");
      params.add(query.startedFrom());
    }
    if (query.startedBefore() != null) {
      where.append(" AND e.started_at < ?");
      params.add(query.startedBefore());
    }
    for (Map.Entry<String, String> pair : query.customData().entrySet()) {
      where.append(" AND EXISTS (SELECT 1 FROM weft_execution_custom c WHERE c.execution_id = e.id"
          + " AND c.data_key = ? AND c.data_value = ?)");
      params.add(pair.getKey());
      params.add(pair.getValue());
    }
    return db.tx("listing executions", c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM weft_execution e" + where)) {
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<ExecutionRecord> items;
      try (PreparedStatement ps = c.prepareStatement(
          SELECT + where + " ORDER BY e.started_at DESC, e.id DESC LIMIT ? OFFSET ?")) {
        int next = bind(ps, params);
        ps.setInt(next, query.limit());
        ps.setInt(next + 1, query.offset());
        items = rows(ps, "listing executions");
      }
      return new Page<>(items, total, query.offset(), query.limit());
    });
  }

  private static int bind(PreparedStatement ps, List<Object> params) throws SQLException {
    int i = 1;
    for (Object p : params) {
      if (p instanceof Instant t) {
        Jdbc.setInstant(ps, i++, t);
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
    return db.tx("deleting execution '" + id + "'", c -> deleteIds(c, List.of(id), false) > 0);
  }

  /** Deletes executions (their data and custom rows go with them by cascade). */
  private static int deleteIds(Connection c, List<String> ids, boolean finishedOnly) throws SQLException {
    int deleted = 0;
    for (int from = 0; from < ids.size(); from += IN_LIST) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_execution WHERE id IN ("
          + Jdbc.placeholders(chunk.size()) + ")" + (finishedOnly ? " AND status IN " + FINISHED : ""))) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        deleted += ps.executeUpdate();
      }
    }
    return deleted;
  }

  @Override
  public List<ExecutionRecord> waitingDueBefore(Instant time, int limit) {
    Objects.requireNonNull(time, "time");
    requirePositive(limit);
    return db.tx("finding waiting executions due at " + time, c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE e.status = 'WAITING'"
          + " AND e.wait_until IS NOT NULL AND e.wait_until <= ? ORDER BY e.wait_until, e.id LIMIT ?")) {
        Jdbc.setInstant(ps, 1, time);
        ps.setInt(2, limit);
        return rows(ps, "finding due waiting executions");
      }
    });
  }

  @Override
  public List<ExecutionRecord> findByStatus(Status status, int limit) {
    Objects.requireNonNull(status, "status");
    requirePositive(limit);
    return db.tx("finding " + status + " executions", c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT
          + " WHERE e.status = ? ORDER BY e.started_at, e.id LIMIT ?")) {
        ps.setString(1, status.name());
        ps.setInt(2, limit);
        return rows(ps, "finding " + status + " executions");
      }
    });
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }

  @Override
  public int prune(PrunePolicy policy) {
    Objects.requireNonNull(policy, "policy");
    Instant cutoff = policy.olderThan() == null ? null : clock.instant().minus(policy.olderThan());
    String select = pruneSelect(policy);
    int deleted = 0;
    while (true) {
      int batch = db.tx("pruning executions", c -> {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select)) {
          int i = 1;
          if (cutoff != null) {
            Jdbc.setInstant(ps, i++, cutoff);
          }
          if (policy.keepNewestPerWorkflow() != null) {
            ps.setInt(i++, policy.keepNewestPerWorkflow());
          }
          ps.setInt(i, policy.batchSize());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getString(1));
            }
          }
        }
        return ids.isEmpty() ? 0 : deleteIds(c, ids, true);
      });
      deleted += batch;
      if (batch < policy.batchSize()) {
        return deleted;
      }
    }
  }

  /** One batch of ids the policy selects: never a statement over the whole table's rows at once. */
  private static String pruneSelect(PrunePolicy policy) {
    String age = "COALESCE(finished_at, started_at) < ?";
    if (policy.keepNewestPerWorkflow() == null) {
      return "SELECT id FROM weft_execution WHERE status IN " + FINISHED + " AND " + age
          + " ORDER BY started_at, id LIMIT ?";
    }
    String ranked = "SELECT id, started_at, finished_at, ROW_NUMBER() OVER (PARTITION BY workflow_id"
        + " ORDER BY started_at DESC, id DESC) AS newest FROM weft_execution WHERE status IN " + FINISHED;
    String rule = policy.olderThan() == null ? "newest > ?" : "(" + age + " OR newest > ?)";
    return "SELECT id FROM (" + ranked + ") ranked WHERE " + rule + " ORDER BY started_at, id LIMIT ?";
  }
}
