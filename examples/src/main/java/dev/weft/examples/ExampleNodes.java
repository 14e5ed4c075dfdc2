package dev.weft.examples;

import dev.weft.spi.Node;
import dev.weft.spi.NodePack;
import java.util.List;

/** The example node pack, found through {@code META-INF/services/dev.weft.spi.NodePack}. */
public final class ExampleNodes implements NodePack {
  @Override
  public String id() {
    return "acme.examples";
  }

  @Override
  public List<Node> nodes() {
    return List.of(new GreetingNode(), new dev.weft.examples.triage.OrderStatusNode());
  }
}
