package dev.weft.spi;

/**
 * The cancellation signal of an execution. Long-running nodes check it between units of work, or register a callback
 * that aborts a blocking call. The engine also interrupts the node's thread on cancellation.
 */
public interface Cancellation {

  /** Whether the execution was cancelled (by a user, a timeout or engine shutdown). */
  boolean isCancelled();

  /** Throws {@link ExecutionCancelledException} if the execution was cancelled. */
  default void throwIfCancelled() {
    if (isCancelled()) {
      throw new ExecutionCancelledException(reason());
    }
  }

  /** Why the execution was cancelled, or {@code null}. */
  String reason();

  /**
   * Runs {@code callback} when the execution is cancelled (at once if it already is).
   *
   * @return closing it unregisters the callback
   */
  AutoCloseable onCancel(Runnable callback);
}
