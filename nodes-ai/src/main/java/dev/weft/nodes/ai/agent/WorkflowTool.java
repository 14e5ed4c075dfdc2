package dev.weft.nodes.ai.agent;

import dev.weft.spi.Item;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import dev.weft.spi.WorkflowSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kind {@code workflow}: a sub-workflow called as a tool. Config: {@code workflowId} (a stored workflow) or
 * {@code workflow} (the workflow inline, as JSON), and {@code inputSchema} (the JSON Schema of the arguments; by
 * default one text property {@code query}). The arguments become the one item the sub-workflow's trigger outputs; the
 * result is the JSON of the items its last node produced.
 */
final class WorkflowTool implements AgentTool {
  static final String KIND = "workflow";
  private static final Map<String, Object> DEFAULT_SCHEMA = Map.of("type", "object",
      "properties", Map.of("query", Map.of("type", "string", "description", "What to ask the tool")),
      "required", List.of("query"));

  private final ToolDefinition definition;
  private final WorkflowSource source;
  private final Map<String, Object> schema;

  private WorkflowTool(ToolDefinition definition, WorkflowSource source, Map<String, Object> schema) {
    this.definition = definition;
    this.source = source;
    this.schema = schema;
  }

  @SuppressWarnings("unchecked")
  static AgentTool create(ToolDefinition definition, NodeContext context, int itemIndex) throws NodeException {
    Object inline = definition.config().get("workflow");
    String id = definition.string("workflowId");
    WorkflowSource source;
    if (inline instanceof Map<?, ?> map) {
      source = WorkflowSource.inline((Map<String, Object>) map);
    } else if (id != null && !id.isBlank()) {
      source = WorkflowSource.byId(id);
    } else {
      throw NodeException.parameter("tools", itemIndex, "tool '" + definition.name()
          + "' (workflow) needs config.workflowId or config.workflow");
    }
    Object schema = definition.config().get("inputSchema");
    if (schema != null && !(schema instanceof Map)) {
      throw NodeException.parameter("tools", itemIndex, "tool '" + definition.name()
          + "': config.inputSchema must be a JSON Schema object");
    }
    return new WorkflowTool(definition, source, schema == null ? DEFAULT_SCHEMA : (Map<String, Object>) schema);
  }

  @Override
  public String name() {
    return definition.name();
  }

  @Override
  public String description() {
    return definition.description();
  }

  @Override
  public Map<String, Object> parametersSchema() {
    return schema;
  }

  @Override
  public Object call(Map<String, Object> arguments, ToolCallContext context) throws NodeException {
    List<Item> output = context.node().workflows().run(source, List.of(Item.of(arguments)));
    List<Object> json = new ArrayList<>(output.size());
    for (Item i : output) {
      json.add(i.json());
    }
    return json;
  }
}
