package dev.weft.store;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A durable queue of work with leases, for queue mode: producers enqueue, workers claim, work, and ack. Delivery is
 * at least once: a worker that dies loses its lease when it expires and the message is delivered again, so workers
 * must tolerate repeats. Implementations are thread-safe and work across processes when the backend is shared.
 *
 * <p>Every backend promises:
 * <ul>
 *   <li>A message is claimable when its {@code deliverAt} is not after the queue's clock and it has no live lease.
 *       {@link #claim} hands out claimable messages by priority (highest first), then {@code deliverAt}, then enqueue
 *       order, and never hands the same message to two claims while a lease is live, however many workers race.</li>
 *   <li>Every claim of a message counts as an attempt. A message whose lease expired is claimable again, unless that
 *       was its last attempt: then it moves to the dead letters instead of being handed out.</li>
 *   <li>{@link #renew}, {@link #ack} and {@link #nack} work only with the current lease of a message (matched by
 *       {@link Lease#token()}); a lease that expired but whose message was not claimed again is still current.
 *       Otherwise they throw {@link LeaseLostException}.</li>
 * </ul>
 */
public interface WorkQueue {

  /**
   * Queues a message.
   *
   * @return the message id (the given one, or a random one)
   * @throws DuplicateIdException when a message with this id is queued, leased or dead-lettered
   */
  String enqueue(QueueMessage message);

  /**
   * Claims up to {@code maxMessages} claimable messages for {@code workerId}, each leased for {@code leaseDuration}.
   *
   * @return the leases, in claim order; empty when nothing is claimable
   * @throws IllegalArgumentException when {@code maxMessages} is below 1 or the lease is not longer than zero
   * @see #checkClaim
   */
  List<Lease> claim(String workerId, int maxMessages, Duration leaseDuration);

  /**
   * Checks the arguments of {@link #claim} as the contract asks, for implementations to call first.
   *
   * @throws NullPointerException when {@code workerId} is {@code null}
   * @throws IllegalArgumentException when {@code maxMessages} is below 1 or the lease is not longer than zero
   */
  static void checkClaim(String workerId, int maxMessages, Duration leaseDuration) {
    Objects.requireNonNull(workerId, "workerId");
    if (maxMessages < 1) {
      throw new IllegalArgumentException("worker '" + workerId + "' must claim at least 1 message, asked for "
          + maxMessages);
    }
    if (leaseDuration == null || leaseDuration.isNegative() || leaseDuration.isZero()) {
      throw new IllegalArgumentException("worker '" + workerId + "' asked for a lease of " + leaseDuration
          + "; a lease must last longer than zero");
    }
  }

  /**
   * Extends a lease by its {@link Lease#duration()} from now (a heartbeat).
   *
   * @return the renewed lease, with a later {@code expiresAt}
   * @throws LeaseLostException when the lease is no longer current
   */
  Lease renew(Lease lease);

  /**
   * The work is done: deletes the message.
   *
   * @throws LeaseLostException when the lease is no longer current
   */
  void ack(Lease lease);

  /**
   * The work failed: the message becomes claimable again after {@code delay}, or, when this was its last attempt,
   * moves to the dead letters.
   *
   * @param error why it failed, kept as the dead letter's {@link DeadLetter#lastError()}; may be {@code null}
   * @throws LeaseLostException when the lease is no longer current
   */
  void nack(Lease lease, Duration delay, String error);

  /** {@link #nack(Lease, Duration, String)} without an error text. */
  default void nack(Lease lease, Duration delay) {
    nack(lease, delay, null);
  }

  /** Up to {@code limit} dead letters, oldest failure first (then by message id). */
  List<DeadLetter> deadLetters(int limit);

  /**
   * Moves a dead letter back to the queue, claimable now, with its attempts reset.
   *
   * @return whether there was such a dead letter
   */
  boolean retryDeadLetter(String messageId);

  /**
   * Deletes a dead letter.
   *
   * @return whether there was such a dead letter
   */
  boolean deleteDeadLetter(String messageId);

  /** How many messages are queued or leased (dead letters not counted). */
  long size();
}
