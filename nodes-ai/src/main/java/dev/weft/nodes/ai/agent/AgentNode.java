package dev.weft.nodes.ai.agent;

import dev.weft.nodes.ai.internal.Params;
import dev.weft.nodes.ai.internal.PerItem;
import dev.weft.nodes.ai.chat.ChatModelNode;
import dev.weft.nodes.ai.memory.ChatMemories;
import dev.weft.nodes.ai.model.ChatMessage;
import dev.weft.nodes.ai.model.ChatModel;
import dev.weft.nodes.ai.model.ModelProviders;
import dev.weft.nodes.ai.model.ResponseFormat;
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

/**
 * Agent ({@code weft.ai.agent}): a language model that calls tools until it can answer. Tools are node types of the
 * registry, sub-workflows, other agents (supervisor pattern, capped), handoffs to other agents
 * ({@code transfer_to_<name>}: the target continues the conversation), and kinds other packages register (vector
 * store retrieval). Each model call and tool call is a step in the output item's {@code steps} and an execution event.
 * A failing tool is reported to the model as an error result unless {@code onToolError} is {@code fail}.
 *
 * <p>Output per input item: {@code output} (the answer's text, or the parsed object when an output schema is set),
 * {@code agent} (who answered), {@code steps}, {@code usage} and {@code model}.
 */
public final class AgentNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.ai.agent";

  private final ToolFactories factories;
  private final NodeDescriptor descriptor;

  /** An agent node knowing these tool kinds. */
  public AgentNode(ToolFactories factories) {
    this.factories = factories;
    List<ParameterSpec> params = new ArrayList<>();
    params.add(ParameterSpec.string("prompt").displayName("Prompt").required().defaultValue("{{ $json.chatInput }}")
        .description("The user's message for this item").build());
    params.add(ParameterSpec.string("systemMessage").displayName("System message")
        .defaultValue("You are a helpful assistant.").description("The agent's instructions").build());
    params.add(ParameterSpec.list("tools",
            ParameterSpec.string("name").required().description("The name the model calls the tool by").build(),
            ParameterSpec.string("description").description("What the tool does, for the model").build(),
            ParameterSpec.string("kind").required().description("node, workflow, agent, handoff, or a registered "
                + "kind such as vectorStore").build(),
            ParameterSpec.json("config").description("The kind's settings: node {type, parameters, credentials}; "
                + "workflow {workflowId | workflow, inputSchema}; agent and handoff {systemMessage, tools, "
                + "maxIterations, model}, agent also {maxCalls}").build())
        .displayName("Tools").noExpressions()
        .description("Fixed node parameters may hold {{ }} expressions: the called node evaluates them against "
            + "the agent's item").build());
    params.add(ParameterSpec.number("maxIterations").displayName("Max iterations").defaultValue(10)
        .description("The most model calls for one item (per agent after a handoff)").build());
    params.add(ParameterSpec.json("outputSchema").displayName("Output schema")
        .description("A JSON Schema the final answer must match; empty for a text answer").build());
    params.add(ParameterSpec.options("onToolError",
            new Option("reportToModel", "Report to the model", "the model sees the error and may try otherwise"),
            new Option("fail", "Fail the node", "the first failing tool call fails the item"))
        .displayName("When a tool fails").build());
    params.add(ChatMemories.parameter());
    this.descriptor = ModelProviders.nodeDescriptor(TYPE, params)
        .displayName("AI Agent").icon("fa:robot")
        .description("A language model that calls tools (nodes, sub-workflows, other agents) until it can "
            + "answer.")
        .build();
  }

  @Override
  public NodeDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    return PerItem.map(context, this::runItem);
  }

  private Map<String, Object> runItem(NodeContext context, int i) throws NodeException {
    String prompt = Params.required(context, "prompt", i, "the prompt");
    Number max = context.parameter("maxIterations", i, Number.class);
    int maxIterations = max == null ? 10 : max.intValue();
    if (maxIterations < 1) {
      throw NodeException.parameter("maxIterations", i, "max iterations must be at least 1");
    }
    ResponseFormat format = ChatModelNode.outputFormat(context, i);
    ModelProviders.Settings settings = ModelProviders.settings(context, i);
    ChatModel model = ModelProviders.chatModel(context, i);
    String system = context.string("systemMessage", i);
    AgentDefinition agent = new AgentDefinition(context.execution().nodeName(), system == null ? "" : system,
        AgentDefinition.tools(context.parameter("tools", i), "agent '" + context.execution().nodeName() + "'", i),
        maxIterations, null);
    ChatMemories.Session memory = ChatMemories.session(context, i);
    List<ChatMessage> history = memory == null ? List.of() : memory.history();
    AgentRunner runner = new AgentRunner(context, i, model, settings, factories,
        "fail".equals(context.string("onToolError", i)), maxIterations);
    AgentRunner.Result result = runner.run(agent, history, prompt, format);
    if (memory != null) {
      memory.remember(prompt, result.text());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("output", format == null ? result.text() : ChatModelNode.parseJson(result.text(), "outputSchema", i));
    json.put("agent", result.agent());
    json.put("steps", runner.steps());
    json.put("usage", runner.usage().toMap());
    json.put("model", runner.lastModel());
    return json;
  }
}
