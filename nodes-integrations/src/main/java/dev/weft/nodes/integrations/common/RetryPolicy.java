package dev.weft.nodes.integrations.common;

import java.time.Duration;
import java.util.Objects;

/**
 * When {@link HttpCalls} tries a call again: on 429 Too Many Requests and on 500/502/503/504 (when {@code onServerErrors}),
 * and on network failures of requests whose body can be sent again. Waits what the service asks in {@code Retry-After},
 * otherwise {@code initialBackoff} doubling per try; a service asking for longer than {@code maxWait} is not waited
 * for: its answer is returned as it is.
 *
 * @param maxRetries tries after the first, 0 for none
 * @param initialBackoff wait before the first retry when the service names none
 * @param maxWait the longest single wait
 * @param onServerErrors whether 5xx answers are retried (429 always is while retries remain)
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxWait, boolean onServerErrors) {

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxWait, "maxWait");
  }

  /** Three retries, from one second, waiting at most one minute at a time. */
  public static RetryPolicy standard() {
    return new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1), true);
  }

  /** No retries. */
  public static RetryPolicy none() {
    return new RetryPolicy(0, Duration.ZERO, Duration.ZERO, false);
  }

  /** Whether an answer with this status is worth another try. */
  public boolean retries(int status) {
    return status == 429 || (onServerErrors && (status == 500 || status == 502 || status == 503 || status == 504));
  }

  /** The wait before retry number {@code retry} (from 1) when the service names none. */
  public Duration backoff(int retry) {
    long millis = initialBackoff.toMillis() << Math.min(retry - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxWait.toMillis()));
  }
}
