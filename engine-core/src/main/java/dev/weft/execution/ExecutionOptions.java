package dev.weft.execution;

import java.util.Objects;

/**
 * How to start an execution.
 *
 * @param mode {@code manual, trigger, webhook, schedule, subworkflow, error, retry}
 * @param startNode the node to start at, or {@code null} for the workflow's trigger
 * @param parentExecutionId the calling execution for sub-workflows, or {@code null}
 * @param executionId the id to use, or {@code null} to generate one
 */
public record ExecutionOptions(String mode, String startNode, String parentExecutionId, String executionId) {
  public ExecutionOptions {
    Objects.requireNonNull(mode, "mode");
  }

  /** A manual run from the workflow's trigger. */
  public static ExecutionOptions manual() {
    return new ExecutionOptions("manual", null, null, null);
  }

  /** These options starting at another node. */
  public ExecutionOptions startingAt(String node) {
    return new ExecutionOptions(mode, node, parentExecutionId, executionId);
  }
}
