package dev.weft.nodes.utility.flow;

import dev.weft.spi.Item;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Port;
import java.util.List;

/**
 * {@code weft.if}: routes each item to output {@code true} or {@code false} by a list of conditions combined with
 * {@code and} or {@code or}.
 */
public final class IfNode implements dev.weft.spi.Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.if")
      .displayName("If")
      .group("flow")
      .description("Routes items to the true or false output by conditions.")
      .icon("fa:map-signs")
      .outputs(new Port("true", "True", false), new Port("false", "False", false))
      .parameters(
          ParameterSpec.list("conditions", Conditions.conditionFields()).displayName("Conditions")
              .defaultValue(List.of()).description("The conditions each item is tested against"),
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
        boolean passed = test(context, i);
        out.add(passed ? 0 : 1, items.get(i).pairedWith(i));
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  static boolean test(NodeContext context, int i) throws NodeException {
    return Conditions.test(context.parameter("conditions", i), context.string("combinator", i),
        Conditions.Settings.of(context, i), "conditions", i);
  }
}
