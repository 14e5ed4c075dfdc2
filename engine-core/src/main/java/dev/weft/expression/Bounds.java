package dev.weft.expression;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Parser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Watches one JSONata evaluation through dashjoin's entry/exit callbacks: nesting depth, elapsed time, thread
 * interruption and the size of every intermediate string or list. Not thread-safe: one instance per evaluation
 * (dashjoin calls back on the evaluating thread only).
 */
final class Bounds implements Jsonata.EntryCallback, Jsonata.ExitCallback {
  /** A bound was exceeded. */
  static final class Exceeded extends RuntimeException {
    Exceeded(String message) {
      super(message, null, false, false);
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME = cpuTimeAvailable();

  private final ExpressionLimits limits;
  private final long cpuStart;
  private long deadline;
  private int depth;
  private int steps;
  private String exceeded;

  Bounds(ExpressionLimits limits) {
    this.limits = limits;
    this.cpuStart = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
    this.deadline = System.nanoTime() + limits.timeout().toNanos();
  }

  private static boolean cpuTimeAvailable() {
    try {
      return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    } catch (UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  @Override
  public void callback(Parser.Symbol expr, Object input, Jsonata.Frame environment) {
    if (++depth > limits.maxDepth()) {
      throw exceed("the expression nests deeper than the limit of " + limits.maxDepth()
          + " evaluation levels (runaway recursion?)");
    }
    if ((++steps & 31) == 0) {
      checkTime();
    }
  }

  @Override
  public void callback(Parser.Symbol expr, Object input, Jsonata.Frame environment, Object result) {
    depth--;
    if (result instanceof String s) {
      if (s.length() > limits.maxResultChars()) {
        throw tooLarge();
      }
    } else if (result instanceof List<?> list && list.size() > limits.maxResultChars()) {
      throw tooLarge();
    }
    if ((++steps & 31) == 0) {
      checkTime();
    }
  }

  private Exceeded tooLarge() {
    return exceed("the expression produced a value larger than the limit of " + limits.maxResultChars()
        + " characters");
  }

  private Exceeded exceed(String message) {
    exceeded = message;
    return new Exceeded(message);
  }

  /**
   * The bound this evaluation exceeded, or {@code null}. Kept because some built-ins ({@code $eval}) replace the
   * exception thrown inside them with their own.
   */
  String exceeded() {
    return exceeded;
  }

  /**
   * The timeout counts the evaluating thread's CPU time, so that a thread starved on a busy machine is not blamed for
   * it: the cheap wall clock is checked first, and only when it has passed is the CPU time read, which then either
   * confirms the overrun or moves the wall-clock check to when the remaining CPU budget could at the earliest be spent.
   */
  private void checkTime() {
    long now = System.nanoTime();
    if (now > deadline) {
      long budget = limits.timeout().toNanos();
      long used = CPU_TIME ? THREADS.getCurrentThreadCpuTime() - cpuStart : budget + 1;
      if (used > budget) {
        throw exceed("the expression ran longer than the limit of " + limits.timeout().toMillis() + " ms");
      }
      deadline = now + (budget - used);
    }
    if (Thread.currentThread().isInterrupted()) {
      throw exceed("the evaluation was interrupted");
    }
  }
}
