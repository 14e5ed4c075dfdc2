package dev.weft.nodes.ai.agent;

import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nodes the agent tests call as tools: an order lookup, a knowledge base, and a start node for sub-workflows. */
final class ToolNodes {
  private ToolNodes() {}

  static List<Node> all() {
    return List.of(new LookupOrder(), new KnowledgeBase(), new Start());
  }

  /** test.lookupOrder: the status of order A-1001; any other id fails. */
  static final class LookupOrder implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.lookupOrder").description("Looks up an order")
          .parameters(
              ParameterSpec.string("orderId").required().description("The order's id, like A-1001"),
              ParameterSpec.bool("includeItems").defaultValue(false),
              ParameterSpec.options("detail", new Option("summary", "Summary", "status only"),
                  new Option("full", "Full", "status and carrier")),
              ParameterSpec.string("region").description("Which warehouse region"),
              ParameterSpec.string("carrierNote").displayWhen("detail", "full"))
          .build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws NodeException {
      List<Item> out = new ArrayList<>();
      for (int i = 0; i < context.items().size(); i++) {
        String id = context.string("orderId", i);
        if (!"A-1001".equals(id)) {
          throw NodeException.parameter("orderId", i, "no order " + id);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", id);
        json.put("status", "shipped");
        json.put("region", context.string("region", i));
        if ("full".equals(context.string("detail", i))) {
          json.put("carrier", "DHL");
        }
        json.put("customer", context.items().get(i).json().get("customer"));
        out.add(Item.of(json).pairedWith(i));
      }
      return NodeOutput.of(out);
    }
  }

  /** test.kb: answers a query from a tiny knowledge base. */
  static final class KnowledgeBase implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.kb").build();
    }

    @Override
    public NodeOutput execute(NodeContext context) {
      List<Item> out = new ArrayList<>();
      for (Item item : context.items()) {
        String q = String.valueOf(item.json().get("query"));
        out.add(Item.of("answer", q.contains("refund") ? "Refunds are possible within 30 days." : "Nothing found."));
      }
      return NodeOutput.of(out);
    }
  }

  /** test.start: a trigger passing the run's input on (the start of sub-workflows). */
  static final class Start implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.start").inputs().group("trigger").build();
    }

    @Override
    public NodeOutput execute(NodeContext context) {
      return NodeOutput.of(context.items());
    }
  }
}
