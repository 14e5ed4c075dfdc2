package dev.weft.spi;

/** Thrown by {@link Cancellation#throwIfCancelled()} when the execution was cancelled. Nodes let it propagate. */
public final class ExecutionCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception naming why the execution stopped. */
  public ExecutionCancelledException(String reason) {
    super(reason, null, false, false);
  }
}
