package dev.weft.benchmarks;

import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.NodePack;
import dev.weft.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal nodes, so that benchmarks measure the engine and the expression engine rather than node logic: a
 * pass-through node and a node that sets one field from a parameter resolved per item.
 */
public final class BenchNodes implements NodePack {
  @Override
  public String id() {
    return "bench";
  }

  @Override
  public List<Node> nodes() {
    return List.of(new Pass(), new SetField());
  }

  /** bench.pass: outputs its input unchanged. */
  static final class Pass implements Node {
    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("bench.pass").build();

    @Override
    public NodeDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public NodeOutput execute(NodeContext context) {
      return NodeOutput.of(context.items());
    }
  }

  /** bench.setField: sets {@code field} to {@code value} (an expression) on each item. */
  static final class SetField implements ItemNode {
    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("bench.setField")
        .parameters(ParameterSpec.string("field").required(), ParameterSpec.json("value")).build();

    @Override
    public NodeDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public Item process(Item item, int i, NodeContext context) throws NodeException {
      Map<String, Object> json = new LinkedHashMap<>(item.json());
      json.put(context.string("field", i), context.parameter("value", i));
      return item.withJson(json);
    }
  }
}
