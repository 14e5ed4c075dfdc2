package dev.weft.nodes.ai.agent;

import java.util.Map;

/**
 * One tool an agent offers its model: a name, a description the model reads to decide when to call it, the JSON
 * Schema of its arguments, and the call itself. Tools are made per agent run (by a {@link ToolFactory}), so an
 * instance may keep per-run state such as a call count.
 */
public interface AgentTool {

  /** The name the model calls the tool by: letters, digits, {@code _} and {@code -}, at most 64 characters. */
  String name();

  /** What the tool does and when to use it. */
  String description();

  /** The JSON Schema of the arguments: an object schema as plain Java values. */
  Map<String, Object> parametersSchema();

  /**
   * Runs the tool.
   *
   * @param arguments the arguments the model gave, parsed
   * @param context the agent run the call belongs to
   * @return the result as a JSON value (map, list, string, number, boolean or {@code null}); the agent sends it to
   *     the model as JSON text
   * @throws Exception when the tool fails; the agent reports the message to the model as a tool error (unless the
   *     workflow asks it to fail), so say what was wrong in terms the model can act on
   */
  Object call(Map<String, Object> arguments, ToolCallContext context) throws Exception;
}
