package dev.weft.nodes.ai.agent;

import dev.weft.spi.Item;
import dev.weft.spi.NodeCalls;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Port;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kind {@code node}: a node type of the registry called as a tool. Config: {@code type} (node type id),
 * {@code version} (optional), {@code parameters} (values the workflow fixes; {@code {{ }}} expressions are evaluated
 * against the agent's item) and {@code credentials} (credential type to credential id). The model fills in the other
 * parameters; their schema comes from the node type's descriptor. The called node gets the agent's current item as
 * its input; the result is its output items' JSON (per output name when it has several outputs).
 */
final class NodeTool implements AgentTool {
  static final String KIND = "node";

  private final ToolDefinition definition;
  private final NodeDescriptor descriptor;
  private final Map<String, Object> fixed;
  private final Map<String, String> credentials;
  private final Map<String, Object> schema;

  private NodeTool(ToolDefinition definition, NodeDescriptor descriptor, Map<String, Object> fixed,
      Map<String, String> credentials) {
    this.definition = definition;
    this.descriptor = descriptor;
    this.fixed = fixed;
    this.credentials = credentials;
    this.schema = NodeSchemas.arguments(descriptor, fixed);
  }

  @SuppressWarnings("unchecked")
  static AgentTool create(ToolDefinition definition, NodeContext context, int itemIndex) throws NodeException {
    String type = definition.require("type");
    int version = definition.config().get("version") instanceof Number n ? n.intValue() : 0;
    NodeDescriptor descriptor = context.nodeCalls().descriptor(type, version).orElseThrow(() ->
        NodeException.parameter("tools", itemIndex, "tool '" + definition.name() + "': there is no node type '" + type
            + "'" + (version > 0 ? " version " + version : "")));
    Object params = definition.config().get("parameters");
    Object creds = definition.config().get("credentials");
    if (params != null && !(params instanceof Map)) {
      throw NodeException.parameter("tools", itemIndex, "tool '" + definition.name()
          + "': config.parameters must be an object");
    }
    if (creds != null && !(creds instanceof Map)) {
      throw NodeException.parameter("tools", itemIndex, "tool '" + definition.name()
          + "': config.credentials must be an object of credential type to credential id");
    }
    Map<String, String> credentialIds = new LinkedHashMap<>();
    if (creds != null) {
      ((Map<String, Object>) creds).forEach((k, v) -> credentialIds.put(k, String.valueOf(v)));
    }
    return new NodeTool(definition, descriptor,
        params == null ? Map.of() : new LinkedHashMap<>((Map<String, Object>) params), credentialIds);
  }

  @Override
  public String name() {
    return definition.name();
  }

  @Override
  public String description() {
    return definition.description().isEmpty() ? descriptor.description() : definition.description();
  }

  @Override
  public Map<String, Object> parametersSchema() {
    return schema;
  }

  @Override
  public Object call(Map<String, Object> arguments, ToolCallContext context) throws NodeException {
    List<Item> input = context.node().items();
    Item item = context.itemIndex() < input.size() ? input.get(context.itemIndex()) : Item.empty();
    List<List<Item>> outputs = context.node().nodeCalls().run(new NodeCalls.Call(definition.name(),
        descriptor.type(), descriptor.version(), fixed, arguments, credentials, List.of(item)));
    if (outputs.size() == 1) {
      return json(outputs.get(0));
    }
    Map<String, Object> byPort = new LinkedHashMap<>();
    List<Port> ports = descriptor.outputs();
    for (int i = 0; i < outputs.size(); i++) {
      byPort.put(i < ports.size() ? ports.get(i).name() : "output" + i, json(outputs.get(i)));
    }
    return byPort;
  }

  private static List<Object> json(List<Item> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (Item i : items) {
      out.add(i.json());
    }
    return out;
  }
}
