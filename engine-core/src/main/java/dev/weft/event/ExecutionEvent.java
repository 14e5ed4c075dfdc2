package dev.weft.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Something that happened in an execution.
 *
 * @param type what happened
 * @param executionId the execution
 * @param workflowId its workflow's id, or {@code null}
 * @param workflowName its workflow's name
 * @param nodeName the node, for node events; {@code null} otherwise
 * @param runIndex the node's run index, for node events
 * @param itemCounts items per output (node finished) or per input (node started); empty otherwise
 * @param durationNanos how long the node or execution took, for finishing events
 * @param error the error message for failures, or {@code null}
 * @param data event data: for {@link Type#CUSTOM} what the node emitted, with the event's name under {@code event}
 * @param timestamp when it happened (engine clock)
 */
public record ExecutionEvent(
    Type type,
    String executionId,
    String workflowId,
    String workflowName,
    String nodeName,
    int runIndex,
    List<Integer> itemCounts,
    long durationNanos,
    String error,
    Map<String, Object> data,
    Instant timestamp) {

  /** Kinds of event. */
  public enum Type {
    EXECUTION_STARTED,
    NODE_STARTED,
    NODE_FINISHED,
    NODE_FAILED,
    /** A node failed a try and will be tried again. */
    NODE_RETRYING,
    EXECUTION_WAITING,
    EXECUTION_RESUMED,
    EXECUTION_FINISHED,
    EXECUTION_FAILED,
    EXECUTION_CANCELLED,
    /** A node published its own event through {@code NodeContext.emit}. */
    CUSTOM
  }
}
