package dev.weft.spi;

import java.time.Instant;

/**
 * Facts about the running execution and node, for logs and for nodes that report on themselves.
 *
 * @param executionId id of this execution
 * @param workflowId id of the workflow, or {@code null} for a workflow run without being saved
 * @param workflowName name of the workflow
 * @param nodeName name of the running node in the workflow
 * @param nodeType type id of the running node
 * @param mode how the execution started: {@code manual, trigger, webhook, schedule, subworkflow, error, retry}
 * @param runIndex how many times this node ran before in this execution (loops make it run several times)
 * @param startedAt when the execution started
 */
public record ExecutionInfo(
    String executionId,
    String workflowId,
    String workflowName,
    String nodeName,
    String nodeType,
    String mode,
    int runIndex,
    Instant startedAt) {}
