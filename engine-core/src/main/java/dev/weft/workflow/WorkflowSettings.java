package dev.weft.workflow;

/**
 * Settings of a workflow; see {@code docs/workflow-format.md}.
 *
 * @param executionOrder order of ready nodes
 * @param timezone IANA zone id, or {@code null} for the engine's default
 * @param errorWorkflow id of the workflow started when an execution fails, or {@code null}
 * @param timeoutMs time limit of an execution, 0 for none
 * @param saveData which executions keep run data
 * @param maxStoredItems items kept per node run in the execution record, 0 for all
 */
public record WorkflowSettings(
    ExecutionOrder executionOrder,
    String timezone,
    String errorWorkflow,
    long timeoutMs,
    SaveData saveData,
    int maxStoredItems) {

  /** The defaults. */
  public static final WorkflowSettings DEFAULTS = new WorkflowSettings(ExecutionOrder.V1, null, null, 0, SaveData.ALL, 0);

  public WorkflowSettings {
    executionOrder = executionOrder == null ? ExecutionOrder.V1 : executionOrder;
    saveData = saveData == null ? SaveData.ALL : saveData;
  }

  /** These settings with another execution order. */
  public WorkflowSettings withExecutionOrder(ExecutionOrder order) {
    return new WorkflowSettings(order, timezone, errorWorkflow, timeoutMs, saveData, maxStoredItems);
  }

  /** These settings with another data retention. */
  public WorkflowSettings withSaveData(SaveData value) {
    return new WorkflowSettings(executionOrder, timezone, errorWorkflow, timeoutMs, value, maxStoredItems);
  }
}
