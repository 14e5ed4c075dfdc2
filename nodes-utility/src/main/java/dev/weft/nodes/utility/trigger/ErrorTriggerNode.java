package dev.weft.nodes.utility.trigger;

import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;

/**
 * {@code weft.errorTrigger}: the start of an error workflow. When an execution of a workflow that names this one as
 * its error workflow fails, the engine starts this workflow with one item describing the failure
 * ({@code execution: {id, error, lastNodeExecuted, mode}, workflow: {id, name}}); the node passes that item on.
 */
public final class ErrorTriggerNode implements TriggerNode {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.errorTrigger")
      .displayName("Error Trigger")
      .group("trigger")
      .description("Starts an error workflow with the failed execution's error item.")
      .icon("fa:bug")
      .inputs()
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) {
    return TriggerActivation.none();
  }
}
