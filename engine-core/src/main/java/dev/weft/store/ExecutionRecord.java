package dev.weft.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored execution: its state, where it stands, and the data to show or resume it.
 *
 * @param id the store's id; {@code null} on a record not yet created (the store then assigns one)
 * @param workflowId the executed workflow's id, or {@code null} for a workflow that was never stored
 * @param workflowName the workflow's name when it ran, or {@code null}
 * @param status where the execution stands
 * @param mode how it was started, for example {@code manual}, {@code trigger}, {@code webhook}, {@code retry};
 *     {@code null} becomes {@code manual}
 * @param startedAt when it was created or started; the store sets its clock's time when this is {@code null} on
 *     create
 * @param finishedAt when it finished, or {@code null}
 * @param waitUntil for a {@link Status#WAITING} execution, when to resume it; {@code null} to wait for an outside
 *     event only
 * @param errorMessage what went wrong, for an {@link Status#ERROR} execution
 * @param errorNode the node that failed, or {@code null}
 * @param parentExecutionId the execution that started this one as a sub-workflow, or {@code null}
 * @param customData short key/value pairs a workflow attaches for searching (see
 *     {@link ExecutionQuery#customData()})
 * @param data run data and resumable state as JSON values; opaque to the store
 * @param version incremented by the store on every successful update; 1 after create
 */
public record ExecutionRecord(
    String id,
    String workflowId,
    String workflowName,
    Status status,
    String mode,
    Instant startedAt,
    Instant finishedAt,
    Instant waitUntil,
    String errorMessage,
    String errorNode,
    String parentExecutionId,
    Map<String, String> customData,
    Map<String, Object> data,
    long version) {

  /** Where an execution stands. */
  public enum Status {
    /** Created, not yet picked up (queued, in queue mode). */
    NEW,
    /** Running now. */
    RUNNING,
    /** Suspended until {@code waitUntil} or an outside event. */
    WAITING,
    /** Finished without error. */
    SUCCESS,
    /** Finished with an error. */
    ERROR,
    /** Stopped by a user or a timeout. */
    CANCELLED;

    /** Whether the execution is over: {@link #SUCCESS}, {@link #ERROR} or {@link #CANCELLED}. */
    public boolean isFinished() {
      return this == SUCCESS || this == ERROR || this == CANCELLED;
    }
  }

  public ExecutionRecord {
    Objects.requireNonNull(status, "status of execution " + id);
    mode = mode == null ? "manual" : mode;
    customData = customData == null ? Map.of() : customData;
    data = data == null ? Map.of() : data;
    if (version < 0) {
      throw new IllegalArgumentException("execution '" + id + "' has a negative version " + version);
    }
  }

  /** A new execution of a workflow: status {@link Status#NEW}, no id, no data. */
  public static ExecutionRecord newExecution(String workflowId, String workflowName, String mode) {
    return new ExecutionRecord(null, workflowId, workflowName, Status.NEW, mode, null, null, null, null, null, null,
        Map.of(), Map.of(), 0);
  }

  /** A copy with another id. */
  public ExecutionRecord withId(String value) {
    return new ExecutionRecord(value, workflowId, workflowName, status, mode, startedAt, finishedAt, waitUntil,
        errorMessage, errorNode, parentExecutionId, customData, data, version);
  }

  /** A copy with another status. */
  public ExecutionRecord withStatus(Status value) {
    return new ExecutionRecord(id, workflowId, workflowName, value, mode, startedAt, finishedAt, waitUntil,
        errorMessage, errorNode, parentExecutionId, customData, data, version);
  }

  /** A copy with another start time. */
  public ExecutionRecord withStartedAt(Instant value) {
    return new ExecutionRecord(id, workflowId, workflowName, status, mode, value, finishedAt, waitUntil,
        errorMessage, errorNode, parentExecutionId, customData, data, version);
  }

  /** A copy that is waiting: status {@link Status#WAITING} until {@code until} (or an outside event if null). */
  public ExecutionRecord waiting(Instant until) {
    return new ExecutionRecord(id, workflowId, workflowName, Status.WAITING, mode, startedAt, null, until,
        errorMessage, errorNode, parentExecutionId, customData, data, version);
  }

  /**
   * A copy that finished.
   *
   * @param finalStatus {@link Status#SUCCESS}, {@link Status#ERROR} or {@link Status#CANCELLED}
   * @param at when it finished
   * @param error what went wrong, or {@code null}
   * @param failedNode the node that failed, or {@code null}
   */
  public ExecutionRecord finished(Status finalStatus, Instant at, String error, String failedNode) {
    if (!finalStatus.isFinished()) {
      throw new IllegalArgumentException(
          "execution '" + id + "' cannot finish with status " + finalStatus + "; use SUCCESS, ERROR or CANCELLED");
    }
    return new ExecutionRecord(id, workflowId, workflowName, finalStatus, mode, startedAt, at, null, error,
        failedNode, parentExecutionId, customData, data, version);
  }

  /** A copy with another parent execution. */
  public ExecutionRecord withParentExecutionId(String value) {
    return new ExecutionRecord(id, workflowId, workflowName, status, mode, startedAt, finishedAt, waitUntil,
        errorMessage, errorNode, value, customData, data, version);
  }

  /** A copy with other custom data. */
  public ExecutionRecord withCustomData(Map<String, String> value) {
    return new ExecutionRecord(id, workflowId, workflowName, status, mode, startedAt, finishedAt, waitUntil,
        errorMessage, errorNode, parentExecutionId, value, data, version);
  }

  /** A copy with other run data. */
  public ExecutionRecord withData(Map<String, Object> value) {
    return new ExecutionRecord(id, workflowId, workflowName, status, mode, startedAt, finishedAt, waitUntil,
        errorMessage, errorNode, parentExecutionId, customData, value, version);
  }
}
