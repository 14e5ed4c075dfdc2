package dev.weft.spi;

/**
 * A node that starts executions: manual, on a schedule, on a webhook call, by polling, or on a message from a broker.
 *
 * <p>When its workflow is activated, the engine calls {@link #activate(TriggerContext)}; the trigger registers what
 * it listens to through the context and emits items to start executions. When the workflow is deactivated (or the
 * engine closes) the returned activation is closed. In an execution, the trigger node itself passes on the items it
 * emitted (or, in a manual run, the run's input).
 */
public interface TriggerNode extends Node {

  /**
   * Starts listening.
   *
   * @return what to close to stop listening
   * @throws NodeException for bad parameters (a malformed cron expression, a missing path), naming the parameter
   */
  TriggerActivation activate(TriggerContext context) throws Exception;

  /** Passes on the items that started the execution. */
  @Override
  default NodeOutput execute(NodeContext context) throws Exception {
    return NodeOutput.of(context.items());
  }
}
