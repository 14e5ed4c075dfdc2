package dev.weft.store;

import dev.weft.spi.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An {@link ExecutionStore} in memory: thread-safe, lost when the process ends. Run data is kept as deep copies, so
 * a long-running process should prune (see {@link #prune(PrunePolicy)}).
 */
public final class InMemoryExecutionStore implements ExecutionStore {
  private static final Comparator<ExecutionRecord> OLDEST_FIRST = Comparator
      .comparing(ExecutionRecord::startedAt)
      .thenComparing(ExecutionRecord::id);
  private static final Comparator<ExecutionRecord> NEWEST_FIRST = OLDEST_FIRST.reversed();

  private final Clock clock;
  private final Map<String, ExecutionRecord> executions = new HashMap<>();

  /** A store on the system clock. */
  public InMemoryExecutionStore() {
    this(Clock.systemUTC());
  }

  /** A store that takes timestamps (and the prune age reference) from {@code clock}. */
  public InMemoryExecutionStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized ExecutionRecord create(ExecutionRecord record) {
    Objects.requireNonNull(record, "record");
    String id = record.id() == null ? UUID.randomUUID().toString() : record.id();
    if (executions.containsKey(id)) {
      throw new DuplicateIdException("execution", id);
    }
    Instant startedAt = record.startedAt() == null ? clock.instant() : record.startedAt();
    ExecutionRecord stored = stored(record.withId(id).withStartedAt(startedAt), 1);
    executions.put(id, stored);
    return copy(stored);
  }

  @Override
  public synchronized ExecutionRecord update(ExecutionRecord record, long expectedVersion) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(record.id(), "id of the execution to update");
    ExecutionRecord current = executions.get(record.id());
    if (current == null) {
      throw new RecordNotFoundException("execution", record.id());
    }
    if (current.version() != expectedVersion) {
      throw new StaleVersionException("execution", record.id(), expectedVersion, current.version());
    }
    ExecutionRecord withStart = record.startedAt() == null ? record.withStartedAt(current.startedAt()) : record;
    ExecutionRecord stored = stored(withStart, current.version() + 1);
    executions.put(stored.id(), stored);
    return copy(stored);
  }

  @Override
  public synchronized Optional<ExecutionRecord> get(String id) {
    ExecutionRecord record = id == null ? null : executions.get(id);
    return Optional.ofNullable(record).map(InMemoryExecutionStore::copy);
  }

  @Override
  public synchronized Page<ExecutionRecord> list(ExecutionQuery query) {
    Objects.requireNonNull(query, "query");
    List<ExecutionRecord> matches = new ArrayList<>();
    for (ExecutionRecord e : executions.values()) {
      if (matches(query, e)) {
        matches.add(e);
      }
    }
    matches.sort(NEWEST_FIRST);
    List<ExecutionRecord> page = new ArrayList<>();
    for (int i = query.offset(); i < matches.size() && page.size() < query.limit(); i++) {
      page.add(copy(matches.get(i)));
    }
    return new Page<>(page, matches.size(), query.offset(), query.limit());
  }

  private static boolean matches(ExecutionQuery q, ExecutionRecord e) {
    if (q.workflowId() != null && !q.workflowId().equals(e.workflowId())) {
      return false;
    }
    if (!q.statuses().isEmpty() && !q.statuses().contains(e.status())) {
      return false;
    }
    if (q.startedFrom() != null && e.startedAt().isBefore(q.startedFrom())) {
      return false;
    }
    if (q.startedBefore() != null && !e.startedAt().isBefore(q.startedBefore())) {
      return false;
    }
    for (Map.Entry<String, String> pair : q.customData().entrySet()) {
      if (!pair.getValue().equals(e.customData().get(pair.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized boolean delete(String id) {
    return id != null && executions.remove(id) != null;
  }

  @Override
  public synchronized List<ExecutionRecord> waitingDueBefore(Instant time, int limit) {
    Objects.requireNonNull(time, "time");
    requirePositive(limit);
    List<ExecutionRecord> due = new ArrayList<>();
    for (ExecutionRecord e : executions.values()) {
      if (e.status() == ExecutionRecord.Status.WAITING && e.waitUntil() != null && !e.waitUntil().isAfter(time)) {
        due.add(e);
      }
    }
    due.sort(Comparator.comparing(ExecutionRecord::waitUntil).thenComparing(ExecutionRecord::id));
    return copies(due, limit);
  }

  @Override
  public synchronized List<ExecutionRecord> findByStatus(ExecutionRecord.Status status, int limit) {
    Objects.requireNonNull(status, "status");
    requirePositive(limit);
    List<ExecutionRecord> found = new ArrayList<>();
    for (ExecutionRecord e : executions.values()) {
      if (e.status() == status) {
        found.add(e);
      }
    }
    found.sort(OLDEST_FIRST);
    return copies(found, limit);
  }

  @Override
  public int prune(PrunePolicy policy) {
    Objects.requireNonNull(policy, "policy");
    int deleted = 0;
    while (true) {
      int batch = pruneBatch(policy);
      deleted += batch;
      if (batch < policy.batchSize()) {
        return deleted;
      }
    }
  }

  private synchronized int pruneBatch(PrunePolicy policy) {
    Set<String> doomed = new LinkedHashSet<>();
    Instant cutoff = policy.olderThan() == null ? null : clock.instant().minus(policy.olderThan());
    Map<String, List<ExecutionRecord>> byWorkflow = new HashMap<>();
    for (ExecutionRecord e : executions.values()) {
      if (!e.status().isFinished()) {
        continue;
      }
      Instant age = e.finishedAt() == null ? e.startedAt() : e.finishedAt();
      if (cutoff != null && age.isBefore(cutoff)) {
        doomed.add(e.id());
      }
      byWorkflow.computeIfAbsent(String.valueOf(e.workflowId()), k -> new ArrayList<>()).add(e);
    }
    if (policy.keepNewestPerWorkflow() != null) {
      for (List<ExecutionRecord> runs : byWorkflow.values()) {
        runs.sort(NEWEST_FIRST);
        for (int i = policy.keepNewestPerWorkflow(); i < runs.size(); i++) {
          doomed.add(runs.get(i).id());
        }
      }
    }
    int count = 0;
    for (String id : doomed) {
      if (count == policy.batchSize()) {
        break;
      }
      executions.remove(id);
      count++;
    }
    return count;
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }

  private static List<ExecutionRecord> copies(List<ExecutionRecord> records, int limit) {
    List<ExecutionRecord> result = new ArrayList<>(Math.min(records.size(), limit));
    for (int i = 0; i < records.size() && i < limit; i++) {
      result.add(copy(records.get(i)));
    }
    return result;
  }

  private static ExecutionRecord stored(ExecutionRecord r, long version) {
    return new ExecutionRecord(r.id(), r.workflowId(), r.workflowName(), r.status(), r.mode(), r.startedAt(),
        r.finishedAt(), r.waitUntil(), r.errorMessage(), r.errorNode(), r.parentExecutionId(),
        new LinkedHashMap<>(r.customData()), Json.copy(r.data()), version);
  }

  private static ExecutionRecord copy(ExecutionRecord r) {
    return stored(r, r.version());
  }
}
