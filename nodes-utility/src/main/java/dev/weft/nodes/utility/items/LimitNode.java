package dev.weft.nodes.utility.items;

import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.List;

/** {@code weft.limit}: keeps the first (or last) N items. */
public final class LimitNode implements Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.limit")
      .displayName("Limit")
      .group("transform")
      .description("Keeps only the first or last N items.")
      .icon("fa:ban")
      .parameters(
          ParameterSpec.number("maxItems").defaultValue(1).displayName("Max items")
              .description("How many items to keep, 0 or more"),
          ParameterSpec.options("keep", Option.of("first", "First items"), Option.of("last", "Last items"))
              .displayName("Keep"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    if (items.isEmpty()) {
      return NodeOutput.none();
    }
    Number max = context.parameter("maxItems", 0, Number.class);
    if (max == null || max.doubleValue() < 0 || max.doubleValue() != Math.rint(max.doubleValue())) {
      throw NodeException.parameter("maxItems", 0, "'maxItems' must be a whole number of 0 or more, got "
          + (max == null ? "nothing" : dev.weft.nodes.utility.common.JsonValues.numberText(max)));
    }
    int n = (int) Math.min(items.size(), max.longValue());
    boolean last = "last".equals(context.string("keep", 0));
    int from = last ? items.size() - n : 0;
    List<Item> out = new ArrayList<>(n);
    for (int i = from; i < from + n; i++) {
      out.add(items.get(i).pairedWith(i));
    }
    return NodeOutput.of(out);
  }
}
