package dev.weft.nodes.ai.chat;

import dev.weft.nodes.ai.internal.Params;
import dev.weft.nodes.ai.internal.PerItem;
import dev.weft.nodes.ai.internal.JsonText;
import dev.weft.nodes.ai.memory.ChatMemories;
import dev.weft.nodes.ai.model.ChatMessage;
import dev.weft.nodes.ai.model.ChatModel;
import dev.weft.nodes.ai.model.ChatRequest;
import dev.weft.nodes.ai.model.ChatResponse;
import dev.weft.nodes.ai.model.ModelProviders;
import dev.weft.nodes.ai.model.ResponseFormat;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat Model ({@code weft.ai.chatModel}): one prompt per item to a language model. The prompt and system message are
 * templates ({@code {{ }}} expressions evaluated per item). With an output schema the answer is parsed JSON; with
 * streaming each piece of text reaches listeners as an {@code ai.token} execution event while the model writes.
 *
 * <p>Output per item: {@code output} (text, or the parsed object), {@code model}, {@code usage} ({@code inputTokens},
 * {@code outputTokens}, {@code totalTokens}) and {@code finishReason}.
 */
public final class ChatModelNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.ai.chatModel";

  private static final NodeDescriptor DESCRIPTOR = describe();

  private static NodeDescriptor describe() {
    List<ParameterSpec> params = new ArrayList<>();
    params.add(ParameterSpec.string("prompt").displayName("Prompt").required().defaultValue("{{ $json.chatInput }}")
        .description("The user message; a template evaluated per item").build());
    params.add(ParameterSpec.string("systemMessage").displayName("System message")
        .description("Instructions for the model; a template evaluated per item").build());
    params.add(ParameterSpec.json("outputSchema").displayName("Output schema")
        .description("A JSON Schema the answer must match; empty for a text answer").build());
    params.add(ParameterSpec.bool("stream").displayName("Stream tokens").defaultValue(false)
        .description("Publish the answer piece by piece as ai.token execution events while the model writes")
        .build());
    params.add(ChatMemories.parameter());
    return ModelProviders.nodeDescriptor(TYPE, params).displayName("Chat Model")
        .icon("fa:comments").description("Sends a prompt to a language model and outputs its answer.")
        .build();
  }

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    return PerItem.map(context, ChatModelNode::answer);
  }

  private static Map<String, Object> answer(NodeContext context, int i) throws NodeException {
    String prompt = Params.required(context, "prompt", i, "the prompt");
    ResponseFormat format = outputFormat(context, i);
    ModelProviders.Settings settings = ModelProviders.settings(context, i);
    ChatModel model = ModelProviders.chatModel(context, i);
    ChatMemories.Session memory = ChatMemories.session(context, i);
    List<ChatMessage> turns = new ArrayList<>();
    if (memory != null) {
      turns.addAll(memory.history());
    }
    turns.add(ChatMessage.user(prompt));
    List<ChatMessage> messages = ChatMessage.conversation(context.string("systemMessage", i), turns);
    ChatRequest request = settings.request(messages).withResponseFormat(format);
    ChatResponse response = ModelCalls.call(context, i, model, request, context.bool("stream", i));
    String text = response.textOrEmpty();
    if (memory != null) {
      memory.remember(prompt, text);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("output", format == null ? text : parseJson(text, "outputSchema", i));
    json.put("model", response.model() == null ? settings.model() : response.model());
    json.put("usage", response.usage().toMap());
    json.put("finishReason", response.finishReason());
    return json;
  }

  /** The structured output an {@code outputSchema} parameter asks for, or {@code null} when it is empty. */
  @SuppressWarnings("unchecked")
  public static ResponseFormat outputFormat(NodeContext context, int i) throws NodeException {
    Object schema = context.parameter("outputSchema", i);
    if (schema == null || schema instanceof String s && s.isBlank()) {
      return null;
    }
    if (schema instanceof String) {
      schema = context.parameter("outputSchema", i, Map.class);
    }
    if (!(schema instanceof Map<?, ?> map) || map.isEmpty()) {
      throw NodeException.parameter("outputSchema", i, "the output schema must be a JSON Schema object");
    }
    return new ResponseFormat("output", (Map<String, Object>) map);
  }

  /** Parses a model's JSON answer, or fails naming the parameter that asked for JSON. */
  public static Object parseJson(String text, String parameter, int i) throws NodeException {
    try {
      return JsonText.parse(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw NodeException.parameter(parameter, i, "the model's answer is not the JSON asked for: "
          + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
    }
  }
}
