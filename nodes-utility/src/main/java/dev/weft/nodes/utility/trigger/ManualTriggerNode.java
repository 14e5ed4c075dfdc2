package dev.weft.nodes.utility.trigger;

import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;

/**
 * {@code weft.manualTrigger}: the start of a workflow that is run on demand. It listens to nothing; in a run it
 * passes on the items the run was started with.
 */
public final class ManualTriggerNode implements TriggerNode {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.manualTrigger")
      .displayName("Manual Trigger")
      .group("trigger")
      .description("Starts the workflow when it is run on demand, passing on the run's input items.")
      .icon("fa:mouse-pointer")
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
