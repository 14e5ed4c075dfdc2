package dev.weft.spi;

import java.time.Instant;

/**
 * A node's request to pause the execution (see {@link NodeOutput#suspend(Suspension)}). The engine stores the
 * execution as waiting; it resumes at {@code resumeAt}, or earlier when resumed from outside if {@code resumable}.
 *
 * @param resumeAt when to resume by itself, or {@code null} to wait only for an outside call
 * @param resumable whether an outside call (the host's {@code resume} or a webhook) may resume it
 */
public record Suspension(Instant resumeAt, boolean resumable) {
  public Suspension {
    if (resumeAt == null && !resumable) {
      throw new IllegalArgumentException("a suspension needs a time to resume at or must be resumable from outside");
    }
  }

  /** Resume at a time. */
  public static Suspension until(Instant time) {
    return new Suspension(time, false);
  }

  /** Resume when called from outside, or at {@code timeout} if that is not {@code null}. */
  public static Suspension untilResumed(Instant timeout) {
    return new Suspension(timeout, true);
  }
}
