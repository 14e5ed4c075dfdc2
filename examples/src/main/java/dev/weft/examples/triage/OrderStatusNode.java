package dev.weft.examples.triage;

import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Order Status ({@code acme.orderStatus}): looks an order up in the host's {@link OrderBook}. The support-triage
 * agent calls it as a tool; its argument schema (orderId required, includeItems optional) comes from the parameters
 * below.
 */
public final class OrderStatusNode implements ItemNode {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("acme.orderStatus")
      .displayName("Order Status").group("input").icon("fa:box")
      .description("Looks up an order's status in the shop's order book.")
      .parameters(
          ParameterSpec.string("orderId").required().description("The order number, like A-1001"),
          ParameterSpec.bool("includeItems").defaultValue(false).description("Whether to list the order's items"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Item process(Item item, int itemIndex, NodeContext context) throws NodeException {
    String id = context.string("orderId", itemIndex);
    Map<String, Object> order = context.service(OrderBook.class).find(id == null ? "" : id.trim())
        .orElseThrow(() -> NodeException.parameter("orderId", itemIndex, "there is no order '" + id + "'"));
    Map<String, Object> json = new LinkedHashMap<>(order);
    if (!context.bool("includeItems", itemIndex)) {
      json.remove("items");
    }
    json.put("orderId", id);
    return Item.of(json);
  }
}
