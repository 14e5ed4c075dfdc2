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
 * A client of the OpenAI chat completions and embeddings API ({@code POST /chat/completions}, {@code POST
 * /embeddings}) as OpenAI, OpenRouter, Ollama ({@code http://localhost:11434/v1}), vLLM and other compatible servers
 * speak it: messages, tools and tool calls, {@code response_format: json_schema}, and streaming as server-sent events
 * with {@code stream_options.include_usage}.
 */
public final class OpenAiClient implements ChatModel {
  private final String baseUrl;
  private final String apiKey;
  private final Map<String, String> headers;
  private final ModelHttp http;

  /**
   * A client.
   *
   * @param baseUrl the API root, for example {@code https://api.openai.com/v1}
   * @param apiKey the key sent as a bearer token, or {@code null} for servers that need none (local ones)
   * @param headers extra headers for every request (OpenRouter's {@code HTTP-Referer}, a proxy's key)
   * @param shared the engine's HTTP client; timeouts are derived from it per client
   * @param options timeouts and retries
   * @param cancellation the execution's cancellation, or {@code null}
   * @param clock for {@code Retry-After} dates
   */
  public OpenAiClient(String baseUrl, String apiKey, Map<String, String> headers, OkHttpClient shared,
      ModelOptions options, Cancellation cancellation, Clock clock) {
    this.baseUrl = trimSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    List<String> secrets = new ArrayList<>(this.headers.values());
    secrets.add(this.apiKey);
    this.http = new ModelHttp("OpenAI-compatible API", shared, options, cancellation, clock, secrets);
  }

  static String trimSlash(String url) {
    String u = url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  @Override
  public String provider() {
    return "openAi";
  }

  private Request.Builder request(String path) {
    Request.Builder b = new Request.Builder().url(baseUrl + path);
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    headers.forEach(b::header);
    return b;
  }

  @Override
  public ChatResponse chat(ChatRequest request) throws ModelException {
    Map<String, Object> answer = http.postJson(request("/chat/completions"), body(request, false));
    return parse(answer);
  }

  @Override
  public ChatResponse stream(ChatRequest request, Consumer<String> onToken) throws ModelException {
    StreamState state = new StreamState();
    http.postStream(request("/chat/completions"), body(request, true), (event, data) -> state.accept(data, onToken));
    if (state.error != null) {
      throw new ModelException("OpenAI-compatible API failed while streaming: " + http.redact(state.error), 0, null);
    }
    return state.response();
  }

  /** The names of the models the server offers ({@code GET /models}); used to test credentials. */
  public List<String> models() throws ModelException {
    return http.modelIds(request("/models"));
  }

  /**
   * Embeds texts ({@code POST /embeddings}).
   *
   * @param model the embedding model ({@code text-embedding-3-small}, {@code nomic-embed-text})
   * @param inputs the texts, in order
   * @param dimensions the vector size to ask for, or {@code null} for the model's own
   * @return one vector per input, in input order
   */
  public Embeddings embed(String model, List<String> inputs, Integer dimensions) throws ModelException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("input", inputs);
    body.put("encoding_format", "float");
    if (dimensions != null) {
      body.put("dimensions", dimensions);
    }
    Map<String, Object> answer = http.postJson(request("/embeddings"), body);
    Object data = answer.get("data");
    if (!(data instanceof List<?> list) || list.size() != inputs.size()) {
      throw new ModelException("OpenAI-compatible API returned " + (data instanceof List<?> l ? l.size() : 0)
          + " embeddings for " + inputs.size() + " inputs", 200, null);
    }
    float[][] vectors = new float[inputs.size()][];
    for (Object o : list) {
      Map<?, ?> entry = (Map<?, ?>) o;
      int index = ((Number) entry.get("index")).intValue();
      List<?> values = (List<?>) entry.get("embedding");
      float[] v = new float[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = ((Number) values.get(i)).floatValue();
      }
      vectors[index] = v;
    }
    Map<?, ?> usage = answer.get("usage") instanceof Map<?, ?> u ? u : Map.of();
    return new Embeddings(String.valueOf(answer.getOrDefault("model", model)), List.of(vectors),
        new Usage(number(usage.get("prompt_tokens")), 0));
  }

  /**
   * Vectors returned by {@link #embed}.
   *
   * @param model the model that embedded
   * @param vectors one per input, in input order
   * @param usage tokens used (input only)
   */
  public record Embeddings(String model, List<float[]> vectors, Usage usage) {}

  // ---- request ----

  static Map<String, Object> body(ChatRequest request, boolean stream) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", request.model());
    List<Object> messages = new ArrayList<>();
    for (ChatMessage m : request.messages()) {
      messages.add(message(m));
    }
    body.put("messages", messages);
    if (!request.tools().isEmpty()) {
      List<Object> tools = new ArrayList<>();
      for (ToolSpec t : request.tools()) {
        Map<String, Object> fn = new LinkedHashMap<>();
        fn.put("name", t.name());
        fn.put("description", t.description());
        fn.put("parameters", t.parameters());
        tools.add(Map.of("type", "function", "function", fn));
      }
      body.put("tools", tools);
    }
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    if (request.maxTokens() != null) {
      body.put("max_tokens", request.maxTokens());
    }
    if (request.responseFormat() != null) {
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("name", request.responseFormat().name());
      schema.put("schema", request.responseFormat().schema());
      body.put("response_format", Map.of("type", "json_schema", "json_schema", schema));
    }
    if (stream) {
      body.put("stream", true);
      body.put("stream_options", Map.of("include_usage", true));
    }
    return body;
  }

  private static Map<String, Object> message(ChatMessage m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("role", m.role().wireName());
    switch (m.role()) {
      case TOOL -> {
        out.put("tool_call_id", m.toolCallId());
        out.put("content", m.error() ? "Error: " + m.content() : m.content());
      }
      case ASSISTANT -> {
        out.put("content", m.content());
        if (m.hasToolCalls()) {
          List<Object> calls = new ArrayList<>();
          for (ToolCall c : m.toolCalls()) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("id", c.id());
            call.put("type", "function");
            call.put("function", Map.of("name", c.name(), "arguments", c.argumentsJson()));
            calls.add(call);
          }
          out.put("tool_calls", calls);
        }
      }
      default -> out.put("content", m.content() == null ? "" : m.content());
    }
    return out;
  }

  // ---- response ----

  static ChatResponse parse(Map<String, Object> answer) throws ModelException {
    Object choices = answer.get("choices");
    if (!(choices instanceof List<?> list) || list.isEmpty()) {
      throw new ModelException("OpenAI-compatible API answered without choices", 200, null);
    }
    Map<?, ?> choice = (Map<?, ?>) list.get(0);
    Map<?, ?> message = choice.get("message") instanceof Map<?, ?> m ? m : Map.of();
    List<ToolCall> calls = new ArrayList<>();
    if (message.get("tool_calls") instanceof List<?> raw) {
      for (Object o : raw) {
        Map<?, ?> call = (Map<?, ?>) o;
        Map<?, ?> fn = (Map<?, ?>) call.get("function");
        calls.add(new ToolCall((String) call.get("id"), String.valueOf(fn.get("name")), (String) fn.get("arguments")));
      }
    }
    String content = message.get("content") instanceof String s ? s : null;
    return new ChatResponse((String) answer.get("id"), (String) answer.get("model"),
        ChatMessage.assistant(content, calls), (String) choice.get("finish_reason"), usage(answer.get("usage")));
  }

  private static Usage usage(Object raw) {
    if (!(raw instanceof Map<?, ?> u)) {
      return Usage.ZERO;
    }
    return new Usage(number(u.get("prompt_tokens")), number(u.get("completion_tokens")));
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  /** Assembles a streamed answer from its chunks. */
  private static final class StreamState {
    String id;
    String model;
    String finishReason;
    Usage usage = Usage.ZERO;
    String error;
    final StringBuilder text = new StringBuilder();
    boolean anyText;
    /** Tool calls by their index in the stream: id, name, and argument pieces. */
    final Map<Integer, String[]> calls = new TreeMap<>();
    final Map<Integer, StringBuilder> arguments = new TreeMap<>();

    void accept(String data, Consumer<String> onToken) {
      if ("[DONE]".equals(data.trim())) {
        return;
      }
      Map<String, Object> chunk;
      try {
        chunk = JsonText.parseObject(data);
      } catch (IOException e) {
        return; // not a JSON chunk: servers send nothing else worth reading
      }
      if (chunk.get("error") instanceof Map<?, ?> e) {
        error = String.valueOf(e.get("message"));
        return;
      }
      id = chunk.get("id") instanceof String s ? s : id;
      model = chunk.get("model") instanceof String s ? s : model;
      if (chunk.get("usage") instanceof Map<?, ?>) {
        usage = usage(chunk.get("usage"));
      }
      if (!(chunk.get("choices") instanceof List<?> choices)) {
        return;
      }
      for (Object c : choices) {
        Map<?, ?> choice = (Map<?, ?>) c;
        if (choice.get("finish_reason") instanceof String f) {
          finishReason = f;
        }
        if (!(choice.get("delta") instanceof Map<?, ?> delta)) {
          continue;
        }
        if (delta.get("content") instanceof String piece && !piece.isEmpty()) {
          text.append(piece);
          anyText = true;
          if (onToken != null) {
            onToken.accept(piece);
          }
        }
        if (delta.get("tool_calls") instanceof List<?> toolCalls) {
          for (Object t : toolCalls) {
            Map<?, ?> call = (Map<?, ?>) t;
            int index = call.get("index") instanceof Number n ? n.intValue() : calls.size();
            String[] entry = calls.computeIfAbsent(index, k -> new String[2]);
            if (call.get("id") instanceof String callId) {
              entry[0] = callId;
            }
            if (call.get("function") instanceof Map<?, ?> fn) {
              if (fn.get("name") instanceof String name) {
                entry[1] = name;
              }
              if (fn.get("arguments") instanceof String args) {
                arguments.computeIfAbsent(index, k -> new StringBuilder()).append(args);
              }
            }
          }
        }
      }
    }

    ChatResponse response() {
      List<ToolCall> toolCalls = new ArrayList<>();
      for (Map.Entry<Integer, String[]> e : calls.entrySet()) {
        StringBuilder args = arguments.get(e.getKey());
        toolCalls.add(new ToolCall(e.getValue()[0], e.getValue()[1] == null ? "" : e.getValue()[1],
            args == null ? "{}" : args.toString()));
      }
      return new ChatResponse(id, model, ChatMessage.assistant(anyText ? text.toString() : null, toolCalls),
          finishReason, usage);
    }
  }
}
