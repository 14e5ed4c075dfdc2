package dev.weft.nodes.utility.flow;

import dev.weft.spi.Item;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.ParameterSpec;
import java.util.List;

/** {@code weft.filter}: keeps the items that meet the conditions and drops the others. */
public final class FilterNode implements dev.weft.spi.Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.filter")
      .displayName("Filter")
      .group("flow")
      .description("Keeps only the items that meet the conditions.")
      .icon("fa:filter")
      .parameters(
          ParameterSpec.list("conditions", Conditions.conditionFields()).displayName("Conditions")
              .defaultValue(List.of()).description("The conditions an item must meet to be kept"),
          ParameterSpec.options("combinator", "and", "or").displayName("Combine conditions with")
              .description("and: every condition must hold; or: one is enough"))
      .parameters(Conditions.optionParameters())
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        if (IfNode.test(context, i)) {
          out.add(0, items.get(i).pairedWith(i));
        }
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }
}
