package dev.weft.execution;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.spi.Item;
import dev.weft.spi.NodeException;
import dev.weft.spi.SubWorkflows;
import dev.weft.spi.WorkflowSource;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/** Runs child executions for a node. The child runs on the calling thread, so nesting cannot starve a pool. */
final class SubWorkflowsImpl implements SubWorkflows {
  private final ExecutionRun parent;
  private final PlannedNode node;

  SubWorkflowsImpl(ExecutionRun parent, PlannedNode node) {
    this.parent = parent;
    this.node = node;
  }

  @Override
  public List<Item> run(WorkflowSource source, List<Item> input) throws NodeException {
    Workflow workflow = resolve(source);
    Engine engine = parent.engine();
    ExecutionRun child = engine.newRun(workflow, new ExecutionOptions("subworkflow", null, parent.id, null), input);
    child.cancellation.follow(parent.cancellation);
    ExecutionResult result = engine.drive(child);
    if (result.status() == ExecutionStatus.WAITING) {
      try {
        result = child.finished.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        engine.cancel(child.id, "the calling execution was cancelled");
        throw new NodeException("interrupted while waiting for sub-workflow '" + workflow.name() + "' (execution "
            + child.id + ")");
      } catch (ExecutionException | CancellationException e) {
        throw new NodeException("sub-workflow '" + workflow.name() + "' (execution " + child.id + ") failed: "
            + e.getMessage(), e);
      }
    }
    if (result.status() != ExecutionStatus.SUCCESS) {
      String why = result.error() != null ? result.error().message() : "it was " + result.status().name().toLowerCase();
      throw new NodeException("sub-workflow '" + workflow.name() + "' (execution " + child.id + ") did not succeed: "
          + why);
    }
    return result.output();
  }

  @Override
  public String start(WorkflowSource source, List<Item> input) throws NodeException {
    Workflow workflow = resolve(source);
    Engine engine = parent.engine();
    ExecutionRun child = engine.newRun(workflow, new ExecutionOptions("subworkflow", null, parent.id, null), input);
    engine.driveAsync(child);
    return child.id;
  }

  private Workflow resolve(WorkflowSource source) throws NodeException {
    if (source.workflowId() != null) {
      Workflow wf = parent.engine().findWorkflow(source.workflowId());
      if (wf == null) {
        throw new NodeException("there is no stored workflow with id '" + source.workflowId() + "'", "workflowId",
            -1, null, null);
      }
      return wf;
    }
    try {
      return Workflow.fromMap(source.definition());
    } catch (WorkflowException e) {
      throw new NodeException("the inline sub-workflow is invalid: " + e.getMessage(), "workflow", -1, null, e);
    }
  }
}
