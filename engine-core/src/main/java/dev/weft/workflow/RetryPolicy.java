package dev.weft.workflow;

/**
 * How often a failing node is tried and how long to wait between tries: {@code waitMs × backoff^(try-1)}.
 *
 * @param maxTries tries in all, 1 to 10
 * @param waitMs wait before the second try, in milliseconds
 * @param backoff factor applied to the wait after each try, at least 1.0
 */
public record RetryPolicy(int maxTries, long waitMs, double backoff) {
  /** One try, no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, 0, 1.0);

  public RetryPolicy {
    if (maxTries < 1 || maxTries > 10) {
      throw new IllegalArgumentException("retry.maxTries must be between 1 and 10, was " + maxTries);
    }
    if (waitMs < 0) {
      throw new IllegalArgumentException("retry.waitMs must not be negative, was " + waitMs);
    }
    if (!(backoff >= 1.0)) {
      throw new IllegalArgumentException("retry.backoff must be at least 1.0, was " + backoff);
    }
  }

  /** The wait before try {@code nextTry} (2 for the first retry). */
  public long waitBefore(int nextTry) {
    return (long) (waitMs * Math.pow(backoff, Math.max(0, nextTry - 2)));
  }
}
