package dev.weft.nodes.ai.internal;

import dev.weft.spi.Item;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeOutput;
import java.util.Map;

/** Runs a node's work once per input item, each answer a new item paired with its input, failures per item. */
public final class PerItem {
  private PerItem() {}

  /** The work for one item: the output item's JSON. */
  @FunctionalInterface
  public interface Work {
    /** The output JSON for item {@code itemIndex}. */
    Map<String, Object> apply(NodeContext context, int itemIndex) throws Exception;
  }

  /** Output 0 holds one item per input item; a failing item stops or continues as the workflow says. */
  public static NodeOutput map(NodeContext context, Work work) throws Exception {
    int n = context.items().size();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < n; i++) {
      try {
        out.add(0, Item.of(work.apply(context, i)).pairedWith(i));
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }
}
