package dev.weft.nodes.ai.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and retries of model calls.
 *
 * @param connectTimeout connecting to the server
 * @param readTimeout the longest silence while reading an answer (a stream's tokens reset it)
 * @param callTimeout the whole call, retries excluded; {@link Duration#ZERO} for none
 * @param maxRetries tries after the first on 429, 5xx and network failures
 * @param initialBackoff wait before the first retry when the server names none; doubles per retry
 * @param maxRetryWait the longest single wait; a server asking for longer is not waited for
 */
public record ModelOptions(Duration connectTimeout, Duration readTimeout, Duration callTimeout, int maxRetries,
    Duration initialBackoff, Duration maxRetryWait) {

  public ModelOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxRetryWait, "maxRetryWait");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
    }
  }

  /** 10 s to connect, 120 s of silence, 10 min per call, 2 retries from 1 s, waits up to 60 s. */
  public static ModelOptions defaults() {
    return new ModelOptions(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofMinutes(10), 2,
        Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  /** These options with another call timeout (and a read timeout no longer than it). */
  public ModelOptions withCallTimeout(Duration value) {
    Duration read = value.isZero() || value.compareTo(readTimeout) >= 0 ? readTimeout : value;
    return new ModelOptions(connectTimeout, read, value, maxRetries, initialBackoff, maxRetryWait);
  }

  /** These options with another number of retries. */
  public ModelOptions withMaxRetries(int value) {
    return new ModelOptions(connectTimeout, readTimeout, callTimeout, value, initialBackoff, maxRetryWait);
  }
}
