package dev.weft.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A unit of work put on a {@link WorkQueue}, for example "run execution X".
 *
 * @param id the message id; {@code null} to let the queue assign a random one. Giving an id (an execution id, say)
 *     makes enqueueing idempotent: a second enqueue with the same id fails instead of queueing the work twice
 * @param payload what the worker needs, as JSON values
 * @param priority higher is claimed first; messages of equal priority are claimed in {@code deliverAt} order, then in
 *     enqueue order
 * @param deliverAt not claimable before this time; {@code null} for "now" (the queue's clock at enqueue)
 * @param maxAttempts how many deliveries before the message is dead-lettered, at least 1
 */
public record QueueMessage(
    String id, Map<String, Object> payload, int priority, Instant deliverAt, int maxAttempts) {

  /** The {@link #maxAttempts()} of {@link #of(Map)}. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  public QueueMessage {
    payload = payload == null ? Map.of() : payload;
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("queue message '" + id + "' needs maxAttempts >= 1, got " + maxAttempts);
    }
  }

  /** A message with this payload: priority 0, deliverable now, {@value #DEFAULT_MAX_ATTEMPTS} attempts. */
  public static QueueMessage of(Map<String, Object> payload) {
    return new QueueMessage(null, Objects.requireNonNull(payload, "payload"), 0, null, DEFAULT_MAX_ATTEMPTS);
  }

  /** A copy with another id. */
  public QueueMessage withId(String value) {
    return new QueueMessage(value, payload, priority, deliverAt, maxAttempts);
  }

  /** A copy with another priority (higher is claimed first). */
  public QueueMessage withPriority(int value) {
    return new QueueMessage(id, payload, value, deliverAt, maxAttempts);
  }

  /** A copy deliverable no earlier than {@code value}. */
  public QueueMessage withDeliverAt(Instant value) {
    return new QueueMessage(id, payload, priority, value, maxAttempts);
  }

  /** A copy with another attempt limit. */
  public QueueMessage withMaxAttempts(int value) {
    return new QueueMessage(id, payload, priority, deliverAt, value);
  }
}
