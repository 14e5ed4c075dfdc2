package dev.weft.nodes.ai.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kind {@code agent}: another agent called as a tool (the supervisor pattern). Config: {@code systemMessage},
 * {@code tools}, {@code maxIterations}, {@code model} (as the Agent node's) and {@code maxCalls}, the most times the
 * calling agent may call it in one run (default 3). The model passes {@code input}; the result is the sub-agent's
 * answer. The sub-agent's model and tool calls are steps of the same run.
 */
final class SubAgentTool implements AgentTool {
  static final String KIND = "agent";
  static final int DEFAULT_MAX_CALLS = 3;
  private static final Map<String, Object> SCHEMA = Map.of("type", "object",
      "properties", Map.of("input", Map.of("type", "string", "description", "The task or question for the agent")),
      "required", List.of("input"));

  private final ToolDefinition definition;
  private final AgentDefinition agent;
  private final AgentRunner runner;
  private final int maxCalls;
  private int calls;

  SubAgentTool(ToolDefinition definition, AgentDefinition agent, AgentRunner runner) {
    this.definition = definition;
    this.agent = agent;
    this.runner = runner;
    this.maxCalls = definition.config().get("maxCalls") instanceof Number n ? n.intValue() : DEFAULT_MAX_CALLS;
  }

  @Override
  public String name() {
    return definition.name();
  }

  @Override
  public String description() {
    return definition.description().isEmpty() ? "Ask the agent " + definition.name() : definition.description();
  }

  @Override
  public Map<String, Object> parametersSchema() {
    return SCHEMA;
  }

  @Override
  public Object call(Map<String, Object> arguments, ToolCallContext context) throws Exception {
    if (calls >= maxCalls) {
      throw new IllegalStateException("agent '" + definition.name() + "' was called " + calls + " times, its cap in "
          + "one run; answer with what you have");
    }
    calls++;
    Object input = arguments.get("input");
    if (input == null || String.valueOf(input).isBlank()) {
      throw new IllegalArgumentException("give the agent an input");
    }
    AgentRunner.Result result = runner.run(agent, List.of(), String.valueOf(input), null);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("agent", result.agent());
    out.put("output", result.text());
    return out;
  }
}
