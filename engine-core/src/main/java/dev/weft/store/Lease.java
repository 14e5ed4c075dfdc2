package dev.weft.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A worker's exclusive, time-limited claim on a {@link QueueMessage}. While the lease is live no other worker can
 * claim the message; the holder renews it while working and acks or nacks it when done.
 *
 * @param message the claimed message (with its id and the deliverAt it was queued with)
 * @param workerId the worker holding the lease
 * @param token identifies this claim; a later claim of the same message gets another token, which is how a queue
 *     tells a stale holder from the current one
 * @param attempt which delivery this is, 1 for the first
 * @param expiresAt when the lease ends unless renewed
 * @param duration how long a claim or renewal lasts
 */
public record Lease(
    QueueMessage message, String workerId, String token, int attempt, Instant expiresAt, Duration duration) {

  public Lease {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(message.id(), "id of the leased message");
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(duration, "duration");
  }

  /** The leased message's id. */
  public String messageId() {
    return message.id();
  }

  /** Whether this is the message's last allowed delivery. */
  public boolean isLastAttempt() {
    return attempt >= message.maxAttempts();
  }
}
