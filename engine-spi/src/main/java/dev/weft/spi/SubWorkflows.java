package dev.weft.spi;

import java.util.List;

/** Runs other workflows from inside a node. */
public interface SubWorkflows {

  /**
   * Runs a workflow with these items as its trigger's output and waits for it to finish. The node's timeout and the
   * execution's cancellation apply to the child.
   *
   * @return the items the child's last node produced
   * @throws NodeException naming the child execution and its failed node when the child fails
   */
  List<Item> run(WorkflowSource workflow, List<Item> input) throws NodeException;

  /**
   * Starts a workflow and returns at once (fire and forget). The child is recorded as an execution of its own.
   *
   * @return the child's execution id
   */
  String start(WorkflowSource workflow, List<Item> input) throws NodeException;
}
