package dev.weft.nodes.ai.model;

import dev.weft.nodes.ai.internal.JsonText;
import dev.weft.spi.Cancellation;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * A client of Anthropic's Messages API ({@code POST /v1/messages}): system prompt, tools as {@code tool_use} /
 * {@code tool_result} content blocks, and streaming events ({@code message_start}, {@code content_block_start},
 * {@code content_block_delta}, {@code message_delta}, …). Structured output becomes a tool whose input schema is the
 * wanted schema; the model's call of it is returned as the JSON text of the answer.
 */
public final class AnthropicClient implements ChatModel {
  /** The API version sent in {@code anthropic-version} unless the credential names another. */
  public static final String DEFAULT_VERSION = "2023-06-01";
  /** Anthropic requires {@code max_tokens}; this is used when the request sets none. */
  static final int DEFAULT_MAX_TOKENS = 4096;

  private final String baseUrl;
  private final String apiKey;
  private final String version;
  private final ModelHttp http;

  /**
   * A client.
   *
   * @param baseUrl the API root, for example {@code https://api.anthropic.com/v1}
   * @param apiKey the key sent in {@code x-api-key}
   * @param version the {@code anthropic-version} header, or {@code null} for {@link #DEFAULT_VERSION}
   * @param shared the engine's HTTP client; timeouts are derived from it per client
   * @param options timeouts and retries
   * @param cancellation the execution's cancellation, or {@code null}
   * @param clock for {@code Retry-After} dates
   */
  public AnthropicClient(String baseUrl, String apiKey, String version, OkHttpClient shared, ModelOptions options,
      Cancellation cancellation, Clock clock) {
    this.baseUrl = OpenAiClient.trimSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey").trim();
    this.version = version == null || version.isBlank() ? DEFAULT_VERSION : version.trim();
    this.http = new ModelHttp("Anthropic API", shared, options, cancellation, clock, List.of(this.apiKey));
  }

  @Override
  public String provider() {
    return "anthropic";
  }

  private Request.Builder request(String path) {
    return new Request.Builder().url(baseUrl + path).header("x-api-key", apiKey)
        .header("anthropic-version", version);
  }

  @Override
  public ChatResponse chat(ChatRequest request) throws ModelException {
    return parse(http.postJson(request("/messages"), body(request, false)), request.responseFormat());
  }

  @Override
  public ChatResponse stream(ChatRequest request, Consumer<String> onToken) throws ModelException {
    StreamState state = new StreamState(request.responseFormat());
    http.postStream(request("/messages"), body(request, true), (event, data) -> state.accept(data, onToken));
    if (state.error != null) {
      throw new ModelException("Anthropic API failed while streaming: " + http.redact(state.error), 0, null);
    }
    return state.response();
  }

  /** The ids of the models the key may use ({@code GET /models}); used to test credentials. */
  public List<String> models() throws ModelException {
    return http.modelIds(request("/models"));
  }

  // ---- request ----

  static Map<String, Object> body(ChatRequest request, boolean stream) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", request.model());
    body.put("max_tokens", request.maxTokens() == null ? DEFAULT_MAX_TOKENS : request.maxTokens());
    StringBuilder system = new StringBuilder();
    List<Map<String, Object>> messages = new ArrayList<>();
    for (ChatMessage m : request.messages()) {
      if (m.role() == ChatMessage.Role.SYSTEM) {
        if (m.content() != null && !m.content().isBlank()) {
          system.append(system.length() == 0 ? "" : "\n\n").append(m.content());
        }
        continue;
      }
      String role = m.role() == ChatMessage.Role.ASSISTANT ? "assistant" : "user";
      List<Object> blocks = blocks(m);
      if (blocks.isEmpty()) {
        continue;
      }
      Map<String, Object> last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
      if (last != null && last.get("role").equals(role)) {
        // the API wants user and assistant turns to alternate: tool results and a following user text join up
        @SuppressWarnings("unchecked")
        List<Object> content = (List<Object>) last.get("content");
        content.addAll(blocks);
      } else {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", role);
        message.put("content", blocks);
        messages.add(message);
      }
    }
    if (system.length() > 0) {
      body.put("system", system.toString());
    }
    body.put("messages", messages);
    List<Object> tools = new ArrayList<>();
    for (ToolSpec t : request.tools()) {
      tools.add(tool(t.name(), t.description(), t.parameters()));
    }
    ResponseFormat format = request.responseFormat();
    if (format != null) {
      tools.add(tool(format.name(), "Give your final answer by calling this tool with the answer as its input.",
          format.schema()));
      body.put("tool_choice", request.tools().isEmpty() ? Map.of("type", "tool", "name", format.name())
          : Map.of("type", "any"));
    }
    if (!tools.isEmpty()) {
      body.put("tools", tools);
    }
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    if (stream) {
      body.put("stream", true);
    }
    return body;
  }

  private static Map<String, Object> tool(String name, String description, Map<String, Object> schema) {
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("name", name);
    tool.put("description", description);
    tool.put("input_schema", schema);
    return tool;
  }

  private static List<Object> blocks(ChatMessage m) {
    List<Object> blocks = new ArrayList<>();
    if (m.role() == ChatMessage.Role.TOOL) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("type", "tool_result");
      result.put("tool_use_id", m.toolCallId());
      result.put("content", m.content() == null ? "" : m.content());
      if (m.error()) {
        result.put("is_error", true);
      }
      blocks.add(result);
      return blocks;
    }
    if (m.content() != null && !m.content().isEmpty()) {
      blocks.add(Map.of("type", "text", "text", m.content()));
    }
    for (ToolCall c : m.toolCalls()) {
      Map<String, Object> use = new LinkedHashMap<>();
      use.put("type", "tool_use");
      use.put("id", c.id());
      use.put("name", c.name());
      Map<String, Object> input;
      try {
        input = c.arguments();
      } catch (IllegalArgumentException e) {
        input = Map.of(); // the model's own malformed call; the tool result already told it so
      }
      use.put("input", input);
      blocks.add(use);
    }
    return blocks;
  }

  // ---- response ----

  static ChatResponse parse(Map<String, Object> answer, ResponseFormat format) {
    StringBuilder text = new StringBuilder();
    boolean anyText = false;
    List<ToolCall> calls = new ArrayList<>();
    String structured = null;
    if (answer.get("content") instanceof List<?> content) {
      for (Object o : content) {
        Map<?, ?> block = (Map<?, ?>) o;
        if ("text".equals(block.get("type"))) {
          text.append(block.get("text"));
          anyText = true;
        } else if ("tool_use".equals(block.get("type"))) {
          String name = String.valueOf(block.get("name"));
          String input = JsonText.write(block.get("input") == null ? Map.of() : block.get("input"));
          if (format != null && format.name().equals(name)) {
            structured = input;
          } else {
            calls.add(new ToolCall((String) block.get("id"), name, input));
          }
        }
      }
    }
    Map<?, ?> usage = answer.get("usage") instanceof Map<?, ?> u ? u : Map.of();
    return response((String) answer.get("id"), (String) answer.get("model"), anyText ? text.toString() : null,
        structured, calls, (String) answer.get("stop_reason"),
        new Usage(number(usage.get("input_tokens")), number(usage.get("output_tokens"))));
  }

  private static ChatResponse response(String id, String model, String text, String structured, List<ToolCall> calls,
      String stopReason, Usage usage) {
    if (structured != null && calls.isEmpty()) {
      return new ChatResponse(id, model, ChatMessage.assistant(structured), "stop", usage);
    }
    String finish = stopReason == null ? null : switch (stopReason) {
      case "end_turn", "stop_sequence" -> "stop";
      case "tool_use" -> "tool_calls";
      case "max_tokens" -> "length";
      default -> stopReason;
    };
    return new ChatResponse(id, model, ChatMessage.assistant(text, calls), finish, usage);
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  /** Assembles a streamed answer from its events. */
  private static final class StreamState {
    private final ResponseFormat format;
    String id;
    String model;
    String stopReason;
    long inputTokens;
    long outputTokens;
    String error;
    final StringBuilder text = new StringBuilder();
    boolean anyText;
    /** Content blocks by index: type, id, name; tool inputs as JSON pieces. */
    final Map<Integer, String[]> blocks = new TreeMap<>();
    final Map<Integer, StringBuilder> inputs = new TreeMap<>();

    StreamState(ResponseFormat format) {
      this.format = format;
    }

    void accept(String data, Consumer<String> onToken) {
      Map<String, Object> event;
      try {
        event = JsonText.parseObject(data);
      } catch (IOException e) {
        return;
      }
      String type = String.valueOf(event.get("type"));
      switch (type) {
        case "message_start" -> {
          Map<?, ?> message = (Map<?, ?>) event.get("message");
          id = (String) message.get("id");
          model = (String) message.get("model");
          if (message.get("usage") instanceof Map<?, ?> u) {
            inputTokens = number(u.get("input_tokens"));
            outputTokens = number(u.get("output_tokens"));
          }
        }
        case "content_block_start" -> {
          int index = ((Number) event.get("index")).intValue();
          Map<?, ?> block = (Map<?, ?>) event.get("content_block");
          blocks.put(index, new String[] {String.valueOf(block.get("type")), (String) block.get("id"),
              (String) block.get("name")});
          if ("text".equals(block.get("type")) && block.get("text") instanceof String t && !t.isEmpty()) {
            appendText(t, onToken);
          }
        }
        case "content_block_delta" -> {
          int index = ((Number) event.get("index")).intValue();
          Map<?, ?> delta = (Map<?, ?>) event.get("delta");
          if ("text_delta".equals(delta.get("type"))) {
            appendText(String.valueOf(delta.get("text")), onToken);
          } else if ("input_json_delta".equals(delta.get("type"))) {
            inputs.computeIfAbsent(index, k -> new StringBuilder()).append(delta.get("partial_json"));
          }
        }
        case "message_delta" -> {
          if (event.get("delta") instanceof Map<?, ?> delta && delta.get("stop_reason") instanceof String s) {
            stopReason = s;
          }
          if (event.get("usage") instanceof Map<?, ?> u) {
            if (u.get("output_tokens") != null) {
              outputTokens = number(u.get("output_tokens"));
            }
            if (u.get("input_tokens") != null) {
              inputTokens = number(u.get("input_tokens"));
            }
          }
        }
        case "error" -> error = event.get("error") instanceof Map<?, ?> e ? String.valueOf(e.get("message")) : data;
        default -> {
          // ping, content_block_stop, message_stop: nothing to keep
        }
      }
    }

    private void appendText(String piece, Consumer<String> onToken) {
      text.append(piece);
      anyText = true;
      if (onToken != null) {
        onToken.accept(piece);
      }
    }

    ChatResponse response() {
      List<ToolCall> calls = new ArrayList<>();
      String structured = null;
      for (Map.Entry<Integer, String[]> e : blocks.entrySet()) {
        String[] block = e.getValue();
        if (!"tool_use".equals(block[0])) {
          continue;
        }
        StringBuilder input = inputs.get(e.getKey());
        String json = input == null || input.length() == 0 ? "{}" : input.toString();
        if (format != null && format.name().equals(block[2])) {
          structured = json;
        } else {
          calls.add(new ToolCall(block[1], block[2], json));
        }
      }
      return AnthropicClient.response(id, model, anyText ? text.toString() : null, structured, calls, stopReason,
          new Usage(inputTokens, outputTokens));
    }
  }
}
