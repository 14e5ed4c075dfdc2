package dev.weft.store;

import dev.weft.spi.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An {@link AuditLog} in memory: thread-safe, lost when the process ends. */
public final class InMemoryAuditLog implements AuditLog {
  private final Clock clock;
  /** In append order, so ids ascend. */
  private final List<AuditEntry> entries = new ArrayList<>();
  private long lastId;

  /** A log on the system clock. */
  public InMemoryAuditLog() {
    this(Clock.systemUTC());
  }

  /** A log that takes times from {@code clock}. */
  public InMemoryAuditLog(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized AuditEntry append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    AuditEntry stored = new AuditEntry(++lastId, clock.instant(), entry.actor(), entry.action(), entry.targetType(),
        entry.targetId(), Json.copy(entry.details()));
    entries.add(stored);
    return copy(stored);
  }

  @Override
  public synchronized Page<AuditEntry> query(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    List<AuditEntry> matches = new ArrayList<>();
    for (AuditEntry e : entries) {
      if (query.matches(e)) {
        matches.add(e);
      }
    }
    matches.sort((a, b) -> {
      int byTime = b.at().compareTo(a.at());
      return byTime != 0 ? byTime : Long.compare(b.id(), a.id());
    });
    List<AuditEntry> page = new ArrayList<>();
    for (int i = query.offset(); i < matches.size() && page.size() < query.limit(); i++) {
      page.add(copy(matches.get(i)));
    }
    return new Page<>(page, matches.size(), query.offset(), query.limit());
  }

  @Override
  public synchronized int prune(Instant before, int batchSize) {
    Objects.requireNonNull(before, "before");
    if (batchSize < 1) {
      throw new IllegalArgumentException("audit prune batch size must be at least 1, got " + batchSize);
    }
    int sizeBefore = entries.size();
    entries.removeIf(e -> e.at().isBefore(before));
    return sizeBefore - entries.size();
  }

  private static AuditEntry copy(AuditEntry e) {
    return new AuditEntry(e.id(), e.at(), e.actor(), e.action(), e.targetType(), e.targetId(), Json.copy(e.details()));
  }
}
