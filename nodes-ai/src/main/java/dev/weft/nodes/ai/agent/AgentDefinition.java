package dev.weft.nodes.ai.agent;

import dev.weft.spi.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One agent: its name, instructions, tools and iteration limit. The Agent node's parameters define the first; the
 * {@code agent} and {@code handoff} tool kinds define others in their config, with the same keys
 * ({@code systemMessage}, {@code tools}, {@code maxIterations}, {@code model}).
 *
 * @param name the agent's name (in steps and events)
 * @param systemMessage its instructions
 * @param tools its tools
 * @param maxIterations the most model calls it makes for one request
 * @param model a model id overriding the node's, or {@code null}
 */
record AgentDefinition(String name, String systemMessage, List<ToolDefinition> tools, int maxIterations,
    String model) {

  /** Reads the tool declarations of a {@code tools} parameter or config entry. */
  @SuppressWarnings("unchecked")
  static List<ToolDefinition> tools(Object raw, String where, int itemIndex) throws NodeException {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list)) {
      throw NodeException.parameter("tools", itemIndex, where + ": tools must be a list");
    }
    List<ToolDefinition> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m)) {
        throw NodeException.parameter("tools", itemIndex, where + ": each tool must be an object with name, "
            + "description, kind and config");
      }
      Object name = m.get("name");
      Object kind = m.get("kind");
      if (!ToolDefinition.validName(name == null ? null : String.valueOf(name))) {
        throw NodeException.parameter("tools", itemIndex, where + ": tool name '" + name + "' must be 1 to 64 "
            + "letters, digits, _ or -");
      }
      if (kind == null || String.valueOf(kind).isBlank()) {
        throw NodeException.parameter("tools", itemIndex, where + ": tool '" + name + "' has no kind");
      }
      Object config = m.get("config");
      if (config != null && !(config instanceof Map)) {
        throw NodeException.parameter("tools", itemIndex, where + ": config of tool '" + name
            + "' must be an object");
      }
      out.add(new ToolDefinition(String.valueOf(name), m.get("description") == null ? "" : String.valueOf(
          m.get("description")), String.valueOf(kind), (Map<String, Object>) config));
    }
    return out;
  }

  /** The agent a tool declaration of kind {@code agent} or {@code handoff} describes. */
  static AgentDefinition of(ToolDefinition tool, int defaultIterations, int itemIndex) throws NodeException {
    Map<String, Object> c = tool.config();
    String system = tool.string("systemMessage");
    int max = c.get("maxIterations") instanceof Number n ? n.intValue() : defaultIterations;
    if (max < 1) {
      throw NodeException.parameter("tools", itemIndex, "agent '" + tool.name() + "': maxIterations must be at "
          + "least 1");
    }
    return new AgentDefinition(tool.name(), system == null ? "" : system,
        tools(c.get("tools"), "agent '" + tool.name() + "'", itemIndex), max, tool.string("model"));
  }
}
