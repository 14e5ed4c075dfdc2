package dev.weft.store;

import dev.weft.spi.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@link WorkQueue} in memory: thread-safe, lost when the process ends, shared only by the threads of one
 * process. Claims scan every queued message, which suits thousands of messages, not millions.
 */
public final class InMemoryWorkQueue implements WorkQueue {
  private static final Comparator<Entry> CLAIM_ORDER = Comparator
      .comparingInt((Entry e) -> -e.message.priority())
      .thenComparing((Entry e) -> e.availableAt)
      .thenComparingLong(e -> e.sequence);

  private final Clock clock;
  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<String, DeadLetter> deadLetters = new HashMap<>();
  private long sequence;

  /** A queue on the system clock. */
  public InMemoryWorkQueue() {
    this(Clock.systemUTC());
  }

  /** A queue that takes delivery times and lease expiry from {@code clock}. */
  public InMemoryWorkQueue(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static final class Entry {
    final QueueMessage message;
    final long sequence;
    Instant availableAt;
    int attempts;
    String token;
    String workerId;
    Instant expiresAt;

    Entry(QueueMessage message, long sequence) {
      this.message = message;
      this.sequence = sequence;
      this.availableAt = message.deliverAt();
    }
  }

  @Override
  public synchronized String enqueue(QueueMessage message) {
    Objects.requireNonNull(message, "message");
    String id = message.id() == null ? UUID.randomUUID().toString() : message.id();
    if (entries.containsKey(id) || deadLetters.containsKey(id)) {
      throw new DuplicateIdException("queue message", id);
    }
    Instant deliverAt = message.deliverAt() == null ? clock.instant() : message.deliverAt();
    QueueMessage stored = new QueueMessage(id, Json.copy(message.payload()), message.priority(), deliverAt,
        message.maxAttempts());
    entries.put(id, new Entry(stored, sequence++));
    return id;
  }

  @Override
  public synchronized List<Lease> claim(String workerId, int maxMessages, Duration leaseDuration) {
    WorkQueue.checkClaim(workerId, maxMessages, leaseDuration);
    Instant now = clock.instant();
    List<Entry> claimable = new ArrayList<>();
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      boolean leased = e.token != null;
      if (leased && e.expiresAt.isAfter(now)) {
        continue;
      }
      if (leased && e.attempts >= e.message.maxAttempts()) {
        it.remove();
        deadLetters.put(e.message.id(), new DeadLetter(copy(e.message), e.attempts,
            "the lease of worker '" + e.workerId + "' expired on attempt " + e.attempts + " of "
                + e.message.maxAttempts(), now));
        continue;
      }
      if (!e.availableAt.isAfter(now)) {
        claimable.add(e);
      }
    }
    claimable.sort(CLAIM_ORDER);
    List<Lease> leases = new ArrayList<>();
    for (Entry e : claimable) {
      if (leases.size() == maxMessages) {
        break;
      }
      e.attempts++;
      e.token = UUID.randomUUID().toString();
      e.workerId = workerId;
      e.expiresAt = now.plus(leaseDuration);
      leases.add(new Lease(copy(e.message), workerId, e.token, e.attempts, e.expiresAt, leaseDuration));
    }
    return leases;
  }

  @Override
  public synchronized Lease renew(Lease lease) {
    Entry e = current(lease);
    e.expiresAt = clock.instant().plus(lease.duration());
    return new Lease(lease.message(), lease.workerId(), lease.token(), lease.attempt(), e.expiresAt,
        lease.duration());
  }

  @Override
  public synchronized void ack(Lease lease) {
    current(lease);
    entries.remove(lease.messageId());
  }

  @Override
  public synchronized void nack(Lease lease, Duration delay, String error) {
    Entry e = current(lease);
    if (delay != null && delay.isNegative()) {
      throw new IllegalArgumentException(
          "nack of queue message '" + lease.messageId() + "' gave a negative delay " + delay);
    }
    Instant now = clock.instant();
    if (e.attempts >= e.message.maxAttempts()) {
      entries.remove(lease.messageId());
      String reason = error != null ? error
          : "nacked by worker '" + lease.workerId() + "' on attempt " + e.attempts + " of " + e.message.maxAttempts();
      deadLetters.put(lease.messageId(), new DeadLetter(copy(e.message), e.attempts, reason, now));
      return;
    }
    e.token = null;
    e.workerId = null;
    e.expiresAt = null;
    e.availableAt = delay == null ? now : now.plus(delay);
  }

  private Entry current(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    Entry e = entries.get(lease.messageId());
    if (e == null || !lease.token().equals(e.token)) {
      throw new LeaseLostException(lease.messageId(), lease.workerId());
    }
    return e;
  }

  @Override
  public synchronized List<DeadLetter> deadLetters(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("dead letter limit must be at least 1, got " + limit);
    }
    List<DeadLetter> all = new ArrayList<>(deadLetters.values());
    all.sort(Comparator.comparing(DeadLetter::failedAt).thenComparing(d -> d.message().id()));
    List<DeadLetter> result = new ArrayList<>();
    for (int i = 0; i < all.size() && i < limit; i++) {
      DeadLetter d = all.get(i);
      result.add(new DeadLetter(copy(d.message()), d.attempts(), d.lastError(), d.failedAt()));
    }
    return result;
  }

  @Override
  public synchronized boolean retryDeadLetter(String messageId) {
    DeadLetter d = messageId == null ? null : deadLetters.remove(messageId);
    if (d == null) {
      return false;
    }
    Entry e = new Entry(d.message(), sequence++);
    e.availableAt = clock.instant();
    entries.put(messageId, e);
    return true;
  }

  @Override
  public synchronized boolean deleteDeadLetter(String messageId) {
    return messageId != null && deadLetters.remove(messageId) != null;
  }

  @Override
  public synchronized long size() {
    return entries.size();
  }

  private static QueueMessage copy(QueueMessage m) {
    return new QueueMessage(m.id(), Json.copy(m.payload()), m.priority(), m.deliverAt(), m.maxAttempts());
  }
}
