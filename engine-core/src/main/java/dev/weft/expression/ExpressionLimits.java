package dev.weft.expression;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one evaluation of one expression, so that no workflow can hang or exhaust the engine.
 *
 * @param timeout the longest one evaluation may compute, in CPU time of the evaluating thread (wall-clock time where
 *     the JVM cannot measure thread CPU time), so a busy machine does not fail expressions that are merely waiting
 *     for a core; checked as JSONata steps through the expression, so a single slow built-in call may overrun it
 * @param maxDepth the deepest nesting of JSONata evaluation steps; each level of a recursive function uses about
 *     three, so the default 100 allows recursion around 30 calls deep
 * @param maxResultChars the largest result, counted in characters of its JSON text (strings as they grow, lists by
 *     element count, the final value in full)
 */
public record ExpressionLimits(Duration timeout, int maxDepth, int maxResultChars) {
  /** Validates the bounds. */
  public ExpressionLimits {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("expression timeout must be positive, got " + timeout);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("expression maxDepth must be at least 1, got " + maxDepth);
    }
    if (maxResultChars < 1) {
      throw new IllegalArgumentException("expression maxResultChars must be at least 1, got " + maxResultChars);
    }
  }

  /** One second, depth 100, ten million characters. */
  public static ExpressionLimits defaults() {
    return new ExpressionLimits(Duration.ofSeconds(1), 100, 10_000_000);
  }
}
