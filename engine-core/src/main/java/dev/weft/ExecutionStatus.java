package dev.weft;

/** Where an execution stands. */
public enum ExecutionStatus {
  /** Still running. */
  RUNNING,
  /** Suspended by a node until a time or an outside call; see {@link Weft#resume}. */
  WAITING,
  /** Every node that ran succeeded (or failed under a continue setting). */
  SUCCESS,
  /** A node failed and the workflow said to stop, or the execution timed out. */
  ERROR,
  /** Cancelled by a call to {@link Weft#cancel} or by the engine closing. */
  CANCELLED;

  /** Whether the execution has ended for good. */
  public boolean isFinal() {
    return this == SUCCESS || this == ERROR || this == CANCELLED;
  }
}
