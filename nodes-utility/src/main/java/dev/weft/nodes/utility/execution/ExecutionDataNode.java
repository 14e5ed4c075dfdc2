package dev.weft.nodes.utility.execution;

import dev.weft.nodes.utility.io.NodeIo;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.ParameterSpec;
import java.util.List;
import java.util.Map;

/**
 * Execution Data ({@code weft.executionData}): records key/value pairs in the execution's custom data (searchable
 * with the execution), evaluated per item (the last item's value wins), and passes the items on unchanged.
 */
public final class ExecutionDataNode implements Node {
  /** Longest key accepted. */
  static final int MAX_KEY = 50;
  /** Longest value accepted. */
  static final int MAX_VALUE = 512;

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.executionData")
      .displayName("Execution Data")
      .group("utility")
      .description("Saves key/value pairs with the execution, for searching executions later.")
      .icon("fa:tasks")
      .parameters(ParameterSpec.list("values",
              ParameterSpec.string("key").displayName("Key").required().build(),
              ParameterSpec.string("value").displayName("Value").build())
          .displayName("Data to Save").defaultValue(List.of())
          .description("Keys up to " + MAX_KEY + " characters, values up to " + MAX_VALUE + "."))
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
        save(context, i);
        out.add(0, items.get(i).pairedWith(i));
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private static void save(NodeContext context, int i) throws NodeException {
    List<?> values = context.parameter("values", i, List.class);
    if (values == null) {
      return;
    }
    for (int n = 0; n < values.size(); n++) {
      if (!(values.get(n) instanceof Map<?, ?> entry)) {
        throw NodeException.parameter("values", i, "entry " + n + " of 'values' must be an object with 'key' and 'value'");
      }
      Object key = entry.get("key");
      if (key == null || key.toString().isBlank()) {
        throw NodeException.parameter("values", i, "entry " + n + " of 'values' has no key");
      }
      String k = key.toString();
      if (k.length() > MAX_KEY) {
        throw NodeException.parameter("values", i, "key '" + k + "' is " + k.length() + " characters long; at most "
            + MAX_KEY + " are allowed");
      }
      Object value = entry.get("value");
      String v = value == null ? "" : value instanceof Map || value instanceof List
          ? NodeIo.writeJson(context, value, false) : value.toString();
      if (v.length() > MAX_VALUE) {
        throw NodeException.parameter("values", i, "the value of key '" + k + "' is " + v.length()
            + " characters long; at most " + MAX_VALUE + " are allowed");
      }
      context.customData().put(k, v);
    }
  }
}
