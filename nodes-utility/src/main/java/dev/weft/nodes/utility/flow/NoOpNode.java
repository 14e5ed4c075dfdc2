package dev.weft.nodes.utility.flow;

import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;

/** {@code weft.noOp}: passes its items on unchanged; a named waypoint in a workflow. */
public final class NoOpNode implements ItemNode {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.noOp")
      .displayName("No Operation")
      .group("flow")
      .description("Passes its input items on unchanged.")
      .icon("fa:arrow-right")
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Item process(Item item, int itemIndex, NodeContext context) {
    return item.pairedWith(itemIndex);
  }
}
