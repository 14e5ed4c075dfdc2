package dev.weft.spi;

import java.util.List;

/**
 * A node that turns each input item into at most one output item on output 0. The loop, lineage and per-item error
 * handling (stop, continue, or route to the error output, as the workflow says) are done here once for all such nodes.
 */
public interface ItemNode extends Node {

  /**
   * Processes one item.
   *
   * @return the output item (lineage to {@code itemIndex} is added when missing), or {@code null} to drop the item
   */
  Item process(Item item, int itemIndex, NodeContext context) throws Exception;

  @Override
  default NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        Item result = process(items.get(i), i, context);
        if (result != null) {
          out.add(0, result.pairedWithIfAbsent(i));
        }
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }
}
