package dev.weft;

import dev.weft.spi.Item;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an execution (or where it stands, when it is waiting).
 *
 * @param executionId its id
 * @param workflowId the workflow's id, or {@code null}
 * @param status success, error, waiting or cancelled
 * @param error why it failed, or {@code null}
 * @param startedAt when it started
 * @param finishedAt when it ended (or suspended)
 * @param lastNode the last node that ran, or {@code null}
 * @param runs every node's runs, by node name, in the order nodes first ran
 * @param waitUntil for a waiting execution, when it resumes by itself ({@code null} when it waits for a call)
 * @param customData what the workflow recorded about itself
 * @param lastOutput output 0 of the last node that ran, kept whatever the retention setting
 */
public record ExecutionResult(
    String executionId,
    String workflowId,
    ExecutionStatus status,
    ExecutionError error,
    Instant startedAt,
    Instant finishedAt,
    String lastNode,
    Map<String, List<NodeRun>> runs,
    Instant waitUntil,
    Map<String, String> customData,
    List<Item> lastOutput) {

  public ExecutionResult {
    runs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runs));
    customData = customData == null ? Map.of() : Map.copyOf(customData);
    lastOutput = lastOutput == null ? List.of() : lastOutput;
  }

  /** Whether the execution succeeded. */
  public boolean succeeded() {
    return status == ExecutionStatus.SUCCESS;
  }

  /** Every run of a node; empty when it did not run. */
  public List<NodeRun> runs(String nodeName) {
    return runs.getOrDefault(nodeName, List.of());
  }

  /** Output 0 of the node's last run; empty when it did not run. */
  public List<Item> items(String nodeName) {
    List<NodeRun> r = runs(nodeName);
    return r.isEmpty() ? List.of() : r.get(r.size() - 1).output(0);
  }

  /** Output 0 of the last node that ran. */
  public List<Item> output() {
    return lastOutput;
  }
}
