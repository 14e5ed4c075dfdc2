package dev.weft.workflow;

import java.util.Map;
import java.util.Objects;

/**
 * A node as a workflow places and configures it. See {@code docs/workflow-format.md} for each field.
 *
 * @param name unique name in the workflow
 * @param type node type id or alias
 * @param version type version, 0 for the newest registered
 * @param x canvas position, left to right
 * @param y canvas position, top to bottom
 * @param parameters parameter values as JSON values, expressions unevaluated
 * @param credentials credential type id to stored credential id
 * @param disabled whether the node passes its input through instead of running
 * @param retry tries and waits
 * @param onError what a failure after the last try does
 * @param timeoutMs time limit per try, 0 for none
 * @param executeOnce whether to run with the first input item only
 * @param alwaysOutputData whether to output one empty item when the node outputs nothing
 * @param notes free text
 */
public record WorkflowNode(
    String name,
    String type,
    int version,
    double x,
    double y,
    Map<String, Object> parameters,
    Map<String, String> credentials,
    boolean disabled,
    RetryPolicy retry,
    OnError onError,
    long timeoutMs,
    boolean executeOnce,
    boolean alwaysOutputData,
    String notes) {

  public WorkflowNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    parameters = parameters == null ? Map.of() : parameters;
    credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    retry = retry == null ? RetryPolicy.NONE : retry;
    onError = onError == null ? OnError.STOP : onError;
    notes = notes == null ? "" : notes;
  }

  /** A node of a type with parameters and defaults for everything else. */
  public static WorkflowNode of(String name, String type, Map<String, Object> parameters) {
    return new WorkflowNode(name, type, 0, 0, 0, parameters, Map.of(), false, RetryPolicy.NONE, OnError.STOP, 0,
        false, false, "");
  }
}
