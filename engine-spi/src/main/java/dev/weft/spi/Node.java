package dev.weft.spi;

import java.util.List;
import java.util.Map;

/**
 * A node type: a step of a workflow. One instance serves every workflow and execution, concurrently, so a node keeps
 * no state of its own; per-run state lives in the {@link NodeContext}.
 *
 * <p>The engine calls {@link #execute(NodeContext)} once per activation with all input items; the node loops over
 * them itself and resolves its parameters per item through the context. Nodes that turn each item into one item can
 * implement {@link ItemNode} instead.
 */
public interface Node {

  /** What this node is. Called once when the node is registered; must return the same value every time. */
  NodeDescriptor descriptor();

  /**
   * Runs the node.
   *
   * @return items per output, or a suspension (see {@link NodeOutput#suspend(Suspension)}); never {@code null}
   * @throws NodeException for a failure the user can act on: say which parameter or item, and what was wrong
   * @throws Exception any other failure; the engine reports it with the node's name
   */
  NodeOutput execute(NodeContext context) throws Exception;

  /**
   * The outputs for these (unresolved) parameter values. Override for nodes whose outputs depend on their
   * configuration, such as a Switch with one output per rule.
   */
  default List<Port> outputs(Map<String, Object> parameters) {
    return descriptor().outputs();
  }
}
