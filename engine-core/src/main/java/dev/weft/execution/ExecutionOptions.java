package dev.weft.execution;

import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start an execution.
 *
 * @param mode {@code manual, trigger, webhook, schedule, subworkflow, error, retry}
 * @param startNode the node to start at, or {@code null} for the workflow's trigger
 * @param parentExecutionId the calling execution for sub-workflows, or {@code null}
 * @param executionId the id to use, or {@code null} to generate one
 * @param priorOutputs outputs of nodes from an earlier execution, by node name and output port, seen by expressions
 *     such as {@code $('Upstream')} as if those nodes had run; used to retry a failed execution from its failed node
 */
public record ExecutionOptions(String mode, String startNode, String parentExecutionId, String executionId,
    Map<String, List<List<Item>>> priorOutputs) {
  public ExecutionOptions {
    Objects.requireNonNull(mode, "mode");
    priorOutputs = priorOutputs == null ? Map.of() : Map.copyOf(priorOutputs);
  }

  /** Options without prior outputs. */
  public ExecutionOptions(String mode, String startNode, String parentExecutionId, String executionId) {
    this(mode, startNode, parentExecutionId, executionId, Map.of());
  }

  /** These options with outputs of nodes from an earlier execution (see {@link #priorOutputs()}). */
  public ExecutionOptions withPriorOutputs(Map<String, List<List<Item>>> value) {
    return new ExecutionOptions(mode, startNode, parentExecutionId, executionId, value);
  }

  /** A manual run from the workflow's trigger. */
  public static ExecutionOptions manual() {
    return new ExecutionOptions("manual", null, null, null);
  }

  /** These options starting at another node. */
  public ExecutionOptions startingAt(String node) {
    return new ExecutionOptions(mode, node, parentExecutionId, executionId, priorOutputs);
  }
}
