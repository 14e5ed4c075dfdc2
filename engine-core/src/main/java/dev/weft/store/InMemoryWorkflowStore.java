package dev.weft.store;

import dev.weft.spi.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link WorkflowStore} in memory: thread-safe, lost when the process ends. For tests, embedded use and
 * single-process deployments that keep workflows elsewhere.
 */
public final class InMemoryWorkflowStore implements WorkflowStore {
  private static final Comparator<WorkflowRecord> BY_NAME = Comparator
      .comparing((WorkflowRecord w) -> w.name().toLowerCase(Locale.ROOT))
      .thenComparing(WorkflowRecord::id);

  private final Clock clock;
  private final Map<String, WorkflowRecord> workflows = new HashMap<>();
  private final Map<String, List<WorkflowVersion>> history = new HashMap<>();

  /** A store on the system clock. */
  public InMemoryWorkflowStore() {
    this(Clock.systemUTC());
  }

  /** A store that takes timestamps from {@code clock}. */
  public InMemoryWorkflowStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized WorkflowRecord create(WorkflowRecord record) {
    Objects.requireNonNull(record, "record");
    String id = record.id() == null ? UUID.randomUUID().toString() : record.id();
    if (workflows.containsKey(id)) {
      throw new DuplicateIdException("workflow", id);
    }
    Instant now = clock.instant();
    WorkflowRecord stored = new WorkflowRecord(id, record.name(), Json.copy(record.definition()), record.active(), 1,
        record.ownerId(), now, now);
    workflows.put(id, stored);
    List<WorkflowVersion> versions = new ArrayList<>();
    versions.add(versionOf(stored));
    history.put(id, versions);
    return copy(stored);
  }

  @Override
  public synchronized WorkflowRecord update(WorkflowRecord record, long expectedVersion) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(record.id(), "id of the workflow to update");
    WorkflowRecord current = workflows.get(record.id());
    if (current == null) {
      throw new RecordNotFoundException("workflow", record.id());
    }
    if (current.version() != expectedVersion) {
      throw new StaleVersionException("workflow", record.id(), expectedVersion, current.version());
    }
    WorkflowRecord stored = new WorkflowRecord(current.id(), record.name(), Json.copy(record.definition()),
        record.active(), current.version() + 1, record.ownerId(), current.createdAt(), clock.instant());
    workflows.put(stored.id(), stored);
    history.get(stored.id()).add(versionOf(stored));
    return copy(stored);
  }

  @Override
  public synchronized Optional<WorkflowRecord> get(String id) {
    WorkflowRecord record = id == null ? null : workflows.get(id);
    return Optional.ofNullable(record).map(InMemoryWorkflowStore::copy);
  }

  @Override
  public synchronized Page<WorkflowRecord> list(WorkflowQuery query) {
    Objects.requireNonNull(query, "query");
    String needle = query.nameContains() == null ? null : query.nameContains().toLowerCase(Locale.ROOT);
    List<WorkflowRecord> matches = new ArrayList<>();
    for (WorkflowRecord w : workflows.values()) {
      if (query.ownerId() != null && !query.ownerId().equals(w.ownerId())) {
        continue;
      }
      if (needle != null && !w.name().toLowerCase(Locale.ROOT).contains(needle)) {
        continue;
      }
      if (query.active() != null && query.active() != w.active()) {
        continue;
      }
      matches.add(w);
    }
    matches.sort(BY_NAME);
    List<WorkflowRecord> page = new ArrayList<>();
    for (int i = query.offset(); i < matches.size() && page.size() < query.limit(); i++) {
      page.add(copy(matches.get(i)));
    }
    return new Page<>(page, matches.size(), query.offset(), query.limit());
  }

  @Override
  public synchronized boolean delete(String id) {
    if (id == null) {
      return false;
    }
    history.remove(id);
    return workflows.remove(id) != null;
  }

  @Override
  public synchronized List<WorkflowVersion> versions(String id) {
    List<WorkflowVersion> versions = id == null ? null : history.get(id);
    if (versions == null) {
      return List.of();
    }
    List<WorkflowVersion> result = new ArrayList<>(versions.size());
    for (int i = versions.size() - 1; i >= 0; i--) {
      WorkflowVersion v = versions.get(i);
      result.add(new WorkflowVersion(v.workflowId(), v.version(), v.name(), Json.copy(v.definition()), v.active(),
          v.savedAt()));
    }
    return result;
  }

  @Override
  public synchronized List<WorkflowRecord> activeWorkflows() {
    List<WorkflowRecord> result = new ArrayList<>();
    for (WorkflowRecord w : workflows.values()) {
      if (w.active()) {
        result.add(copy(w));
      }
    }
    result.sort(Comparator.comparing(WorkflowRecord::id));
    return result;
  }

  private static WorkflowVersion versionOf(WorkflowRecord w) {
    return new WorkflowVersion(w.id(), w.version(), w.name(), Json.copy(w.definition()), w.active(), w.updatedAt());
  }

  private static WorkflowRecord copy(WorkflowRecord w) {
    return w.withDefinition(Json.copy(w.definition()));
  }
}
