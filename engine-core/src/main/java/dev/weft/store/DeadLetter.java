package dev.weft.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A message that ran out of attempts: it was nacked, or its lease expired, on its last allowed delivery.
 *
 * @param message the message as it was queued
 * @param attempts how many times it was delivered
 * @param lastError why the last delivery failed: the nack's error text, or a note that the lease expired
 * @param failedAt when it was dead-lettered
 */
public record DeadLetter(QueueMessage message, int attempts, String lastError, Instant failedAt) {
  public DeadLetter {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(failedAt, "failedAt");
  }
}
