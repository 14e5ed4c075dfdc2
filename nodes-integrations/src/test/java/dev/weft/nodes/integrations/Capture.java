package dev.weft.nodes.integrations;

import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A test node ({@code test.capture}) that hands every item it receives to the test. */
public final class Capture implements ItemNode {
  /** Items received, in order. */
  public final BlockingQueue<Item> received = new LinkedBlockingQueue<>();

  @Override
  public NodeDescriptor descriptor() {
    return NodeDescriptor.builder("test.capture").displayName("Capture").build();
  }

  @Override
  public Item process(Item item, int itemIndex, NodeContext context) {
    received.add(item);
    return item;
  }
}
