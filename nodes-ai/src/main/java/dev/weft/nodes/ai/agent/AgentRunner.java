package dev.weft.nodes.ai.agent;

import dev.weft.nodes.ai.internal.JsonText;
import dev.weft.nodes.ai.model.ChatMessage;
import dev.weft.nodes.ai.model.ChatModel;
import dev.weft.nodes.ai.model.ChatRequest;
import dev.weft.nodes.ai.model.ChatResponse;
import dev.weft.nodes.ai.model.ModelProviders;
import dev.weft.nodes.ai.model.ResponseFormat;
import dev.weft.nodes.ai.model.ToolCall;
import dev.weft.nodes.ai.model.ToolSpec;
import dev.weft.nodes.ai.model.Usage;
import dev.weft.spi.ExecutionCancelledException;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tool-calling loop of one agent run, and of the sub-agents and handoffs it leads to. Each model call and each
 * tool call is a step: kept for the output item and published as an execution event ({@code ai.modelCall},
 * {@code ai.toolCall}, {@code ai.handoff}).
 */
final class AgentRunner {
  /** Kinds the runner handles itself rather than through a {@link ToolFactory}. */
  static final Set<String> OWN_KINDS = Set.of(SubAgentTool.KIND, "handoff");
  static final String HANDOFF_PREFIX = "transfer_to_";
  /** Handoffs in one run before the agents are taken to be passing the conversation round in circles. */
  static final int MAX_HANDOFFS = 10;

  private final NodeContext context;
  private final int itemIndex;
  private final ChatModel model;
  private final ModelProviders.Settings settings;
  private final ToolFactories factories;
  private final boolean failOnToolError;
  private final int defaultIterations;
  private final List<Map<String, Object>> steps = new ArrayList<>();
  private Usage usage = Usage.ZERO;
  private String lastModel;

  AgentRunner(NodeContext context, int itemIndex, ChatModel model, ModelProviders.Settings settings,
      ToolFactories factories, boolean failOnToolError, int defaultIterations) {
    this.context = context;
    this.itemIndex = itemIndex;
    this.model = model;
    this.settings = settings;
    this.factories = factories;
    this.failOnToolError = failOnToolError;
    this.defaultIterations = defaultIterations;
  }

  /**
   * What an agent run ended with.
   *
   * @param text the final answer's text
   * @param agent the agent that gave it (another than the first after a handoff)
   * @param conversation the messages of the run after the history: user input, tool calls and results, answer
   */
  record Result(String text, String agent, List<ChatMessage> conversation) {}

  List<Map<String, Object>> steps() {
    return steps;
  }

  Usage usage() {
    return usage;
  }

  String lastModel() {
    return lastModel;
  }

  /** Runs {@code agent} on the user's input after {@code history}, until it answers without calling tools. */
  Result run(AgentDefinition agent, List<ChatMessage> history, String input, ResponseFormat format)
      throws NodeException {
    List<ChatMessage> conversation = new ArrayList<>(history);
    int start = conversation.size();
    conversation.add(ChatMessage.user(input));
    AgentDefinition current = agent;
    Toolset tools = tools(current);
    int iterations = 0;
    int handoffs = 0;
    while (true) {
      context.cancellation().throwIfCancelled();
      if (iterations >= current.maxIterations()) {
        throw NodeException.parameter("maxIterations", itemIndex, "agent '" + current.name() + "' made "
            + iterations + " model calls (its limit) without reaching a final answer; raise maxIterations or "
            + "simplify the task");
      }
      iterations++;
      List<ChatMessage> messages = ChatMessage.conversation(current.systemMessage(), conversation);
      ChatRequest request = new ChatRequest(current.model() == null ? settings.model() : current.model(), messages,
          tools.specs(), settings.temperature(), settings.maxTokens(), format);
      long t0 = System.nanoTime();
      ChatResponse response = model.chat(request);
      modelStep(current, iterations, request, response, System.nanoTime() - t0);
      conversation.add(response.message());
      if (!response.message().hasToolCalls()) {
        return new Result(response.textOrEmpty(), current.name(),
            List.copyOf(conversation.subList(start, conversation.size())));
      }
      AgentDefinition handoff = null;
      for (ToolCall call : response.toolCalls()) {
        context.cancellation().throwIfCancelled();
        AgentDefinition target = tools.handoffs.get(call.name());
        if (target != null && handoff == null) {
          handoff = target;
          conversation.add(ChatMessage.toolResult(call, JsonText.write(Map.of("transferredTo", target.name())),
              false));
          Map<String, Object> step = step("handoff", current.name());
          step.put("from", current.name());
          step.put("to", target.name());
          step.put("callId", call.id());
          record("ai.handoff", step);
          continue;
        }
        conversation.add(callTool(current, tools, call));
      }
      if (handoff != null) {
        if (++handoffs > MAX_HANDOFFS) {
          throw new NodeException("the agents handed the conversation on " + MAX_HANDOFFS + " times without an "
              + "answer; last from '" + current.name() + "' to '" + handoff.name() + "'", "tools", itemIndex, null,
              null);
        }
        current = handoff;
        tools = tools(current);
        iterations = 0;
      }
    }
  }

  private ChatMessage callTool(AgentDefinition agent, Toolset tools, ToolCall call) throws NodeException {
    AgentTool tool = tools.byName.get(call.name());
    Map<String, Object> step = step("toolCall", agent.name());
    step.put("tool", call.name());
    if (tool != null) {
      step.put("kind", tools.kinds.get(call.name()));
    }
    step.put("callId", call.id());
    long t0 = System.nanoTime();
    String content;
    boolean error = false;
    try {
      if (tool == null) {
        throw new IllegalArgumentException("there is no tool named '" + call.name() + "'; the tools are "
            + String.join(", ", tools.names()));
      }
      Map<String, Object> arguments = call.arguments();
      step.put("arguments", arguments);
      Object result = tool.call(arguments, new ToolCallContext(context, itemIndex, agent.name(), call.id()));
      step.put("result", result);
      content = JsonText.write(result);
    } catch (ExecutionCancelledException e) {
      throw e;
    } catch (Exception e) {
      if (context.cancellation().isCancelled()) {
        throw new ExecutionCancelledException(context.cancellation().reason());
      }
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      if (failOnToolError) {
        throw new NodeException("tool '" + call.name() + "' of agent '" + agent.name() + "' failed: " + message,
            "tools", itemIndex, null, e);
      }
      if (!step.containsKey("arguments")) {
        step.put("arguments", call.argumentsJson());
      }
      step.put("error", message);
      content = message;
      error = true;
    }
    step.put("durationMs", (System.nanoTime() - t0) / 1_000_000);
    record("ai.toolCall", step);
    return ChatMessage.toolResult(call, content, error);
  }

  private void modelStep(AgentDefinition agent, int iteration, ChatRequest request, ChatResponse response,
      long nanos) {
    usage = usage.plus(response.usage());
    lastModel = response.model() == null ? request.model() : response.model();
    Map<String, Object> step = step("modelCall", agent.name());
    step.put("iteration", iteration);
    step.put("provider", model.provider());
    step.put("model", lastModel);
    step.put("durationMs", nanos / 1_000_000);
    step.put("usage", response.usage().toMap());
    step.put("finishReason", response.finishReason());
    if (response.text() != null) {
      step.put("text", response.text());
    }
    if (response.message().hasToolCalls()) {
      List<Object> calls = new ArrayList<>();
      for (ToolCall c : response.toolCalls()) {
        calls.add(c.toMap());
      }
      step.put("toolCalls", calls);
    }
    record("ai.modelCall", step);
  }

  private Map<String, Object> step(String type, String agent) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("type", type);
    step.put("agent", agent);
    return step;
  }

  private void record(String event, Map<String, Object> step) {
    steps.add(step);
    context.emit(event, step);
  }

  /**
   * An agent's tools for one run: callable ones by name (with their kind, which the steps name so that views can tell
   * a sub-agent call from a node call), handoff targets by tool name.
   */
  private record Toolset(Map<String, AgentTool> byName, Map<String, String> kinds,
      Map<String, AgentDefinition> handoffs, List<ToolSpec> specs) {
    List<String> names() {
      List<String> names = new ArrayList<>(byName.keySet());
      names.addAll(handoffs.keySet());
      return names;
    }
  }

  private Toolset tools(AgentDefinition agent) throws NodeException {
    Map<String, AgentTool> byName = new LinkedHashMap<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    Map<String, AgentDefinition> handoffs = new LinkedHashMap<>();
    List<ToolSpec> specs = new ArrayList<>();
    for (ToolDefinition d : agent.tools()) {
      if ("handoff".equals(d.kind())) {
        AgentDefinition target = AgentDefinition.of(d, defaultIterations, itemIndex);
        String name = HANDOFF_PREFIX + d.name();
        unique(agent, name, byName, handoffs);
        handoffs.put(name, target);
        specs.add(new ToolSpec(name, d.description().isEmpty() ? "Transfer the conversation to " + d.name()
            + ", who continues it" : d.description(), Map.of("type", "object", "properties", Map.of())));
        continue;
      }
      AgentTool tool;
      if (SubAgentTool.KIND.equals(d.kind())) {
        tool = new SubAgentTool(d, AgentDefinition.of(d, defaultIterations, itemIndex), this);
      } else {
        ToolFactory factory = factories.get(d.kind());
        if (factory == null) {
          throw NodeException.parameter("tools", itemIndex, "agent '" + agent.name() + "': tool '" + d.name()
              + "' has unknown kind '" + d.kind() + "'; known kinds: " + String.join(", ", kinds()));
        }
        tool = factory.create(d, context, itemIndex);
      }
      unique(agent, tool.name(), byName, handoffs);
      byName.put(tool.name(), tool);
      kinds.put(tool.name(), d.kind());
      specs.add(new ToolSpec(tool.name(), tool.description(), tool.parametersSchema()));
    }
    return new Toolset(byName, kinds, handoffs, specs);
  }

  private List<String> kinds() {
    List<String> kinds = new ArrayList<>(factories.kinds());
    kinds.add(SubAgentTool.KIND);
    kinds.add("handoff");
    return kinds;
  }

  private void unique(AgentDefinition agent, String name, Map<String, ?> a, Map<String, ?> b) throws NodeException {
    if (a.containsKey(name) || b.containsKey(name)) {
      throw NodeException.parameter("tools", itemIndex, "agent '" + agent.name() + "' has two tools named '" + name
          + "'");
    }
  }
}
