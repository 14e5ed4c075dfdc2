package dev.weft.nodes.ai.model;

import static dev.weft.nodes.ai.AiTests.OPENAI_KEY;
import static dev.weft.nodes.ai.AiTests.body;
import static dev.weft.nodes.ai.AiTests.json;
import static dev.weft.nodes.ai.AiTests.resource;
import static dev.weft.nodes.ai.AiTests.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.spi.ExecutionCancelledException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible client against recorded answers: requests as the API wants them, answers understood. */
class OpenAiClientTest {
  private static final OkHttpClient HTTP = new OkHttpClient();
  private MockWebServer server;
  private TestCancellation cancellation;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    cancellation = new TestCancellation();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OpenAiClient client(ModelOptions options) {
    return new OpenAiClient(server.url("/v1/").toString(), OPENAI_KEY, Map.of("HTTP-Referer", "https://weft.dev"),
        HTTP, options, cancellation, Clock.systemUTC());
  }

  private OpenAiClient client() {
    return client(ModelOptions.defaults().withMaxRetries(2));
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(10, TimeUnit.SECONDS);
  }

  private static ChatRequest toolRequest() {
    ToolSpec lookup = new ToolSpec("lookup_order", "Finds an order by id", Map.of("type", "object",
        "properties", Map.of("orderId", Map.of("type", "string")), "required", List.of("orderId")));
    return ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.system("You triage tickets."),
            ChatMessage.user("Where is order A-1001?")))
        .withTools(List.of(lookup)).withSampling(0.2, 300);
  }

  @Test
  void sendsMessagesAndToolsAndReadsToolCallsAndUsage() throws Exception {
    server.enqueue(json(200, resource("openai/chat-tool-call.json")));
    ChatResponse response = client().chat(toolRequest());

    assertThat(response.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(response.finishReason()).isEqualTo("tool_calls");
    assertThat(response.text()).isNull();
    assertThat(response.toolCalls()).containsExactly(
        new ToolCall("call_62136354", "lookup_order", "{\"orderId\":\"A-1001\"}"),
        new ToolCall("call_62136355", "lookup_customer", "{\"email\":\"ada@example.com\"}"));
    assertThat(response.toolCalls().get(0).arguments()).isEqualTo(Map.of("orderId", "A-1001"));
    assertThat(response.usage()).isEqualTo(new Usage(82, 51));

    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
    assertThat(req.getHeaders().get("HTTP-Referer")).isEqualTo("https://weft.dev");
    Map<String, Object> body = body(req);
    assertThat(body).containsEntry("model", "gpt-4o-mini").containsEntry("temperature", 0.2)
        .containsEntry("max_tokens", 300).doesNotContainKey("stream");
    assertThat(body.get("messages")).isEqualTo(List.of(
        Map.of("role", "system", "content", "You triage tickets."),
        Map.of("role", "user", "content", "Where is order A-1001?")));
    assertThat(body.get("tools")).isEqualTo(List.of(Map.of("type", "function", "function", Map.of(
        "name", "lookup_order", "description", "Finds an order by id", "parameters", Map.of("type", "object",
            "properties", Map.of("orderId", Map.of("type", "string")), "required", List.of("orderId"))))));
  }

  @Test
  void sendsToolCallsAndToolResultsBack() throws Exception {
    server.enqueue(dev.weft.nodes.ai.AiTests.answer("It shipped."));
    ToolCall call = new ToolCall("call_1", "lookup_order", "{\"orderId\":\"A-1001\"}");
    client().chat(ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("Where is A-1001?"),
        ChatMessage.assistant(null, List.of(call)),
        ChatMessage.toolResult(call, "{\"status\":\"shipped\"}", false))));
    List<?> messages = (List<?>) body(take()).get("messages");
    // content null beside tool calls, as OpenAI itself sends such a message
    @SuppressWarnings("unchecked")
    Map<String, Object> assistant = (Map<String, Object>) messages.get(1);
    assertThat(assistant).containsEntry("role", "assistant").containsEntry("content", null)
        .containsEntry("tool_calls", List.of(Map.of("id", "call_1", "type", "function",
            "function", Map.of("name", "lookup_order", "arguments", "{\"orderId\":\"A-1001\"}"))));
    assertThat(messages.get(2)).isEqualTo(Map.of("role", "tool", "tool_call_id", "call_1",
        "content", "{\"status\":\"shipped\"}"));
  }

  @Test
  void asksForJsonSchemaOutput() throws Exception {
    server.enqueue(json(200, resource("openai/chat-structured.json")));
    Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string"),
        "age", Map.of("type", "integer"), "city", Map.of("type", "string")));
    ChatResponse response = client().chat(ChatRequest.of("gpt-4o", List.of(ChatMessage.user("Ada, 36, London")))
        .withResponseFormat(new ResponseFormat("person", schema)));
    assertThat(response.text()).isEqualTo("{\"name\":\"Ada Lovelace\",\"age\":36,\"city\":\"London\"}");
    assertThat(body(take()).get("response_format")).isEqualTo(Map.of("type", "json_schema",
        "json_schema", Map.of("name", "person", "schema", schema)));
  }

  @Test
  void streamsTokensAndReadsTheUsageChunk() throws Exception {
    server.enqueue(sse(resource("openai/chat-stream.sse")));
    List<String> tokens = new ArrayList<>();
    ChatResponse response = client().stream(ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("Status?"))),
        tokens::add);
    assertThat(tokens).containsExactly("Your", " order", " has", " shipped.");
    assertThat(response.text()).isEqualTo("Your order has shipped.");
    assertThat(response.finishReason()).isEqualTo("stop");
    assertThat(response.usage()).isEqualTo(new Usage(24, 5));
    RecordedRequest req = take();
    assertThat(body(req)).containsEntry("stream", true)
        .containsEntry("stream_options", Map.of("include_usage", true));
    assertThat(req.getHeaders().get("Accept")).isEqualTo("text/event-stream");
  }

  @Test
  void assemblesStreamedToolCalls() throws Exception {
    server.enqueue(sse(resource("openai/chat-stream-tools.sse")));
    List<String> tokens = new ArrayList<>();
    ChatResponse response = client().stream(toolRequest(), tokens::add);
    assertThat(tokens).isEmpty();
    assertThat(response.toolCalls()).containsExactly(new ToolCall("call_DdmO9pD3xa9XTPNJ32zg2hcA", "lookup_order",
        "{\"orderId\":\"A-1001\"}"));
    assertThat(response.finishReason()).isEqualTo("tool_calls");
    assertThat(response.usage()).isEqualTo(new Usage(60, 18));
  }

  @Test
  void embedsTexts() throws Exception {
    server.enqueue(json(200, resource("openai/embeddings.json")));
    OpenAiClient.Embeddings e = client().embed("text-embedding-3-small", List.of("refund policy", "shipping"), 4);
    assertThat(e.vectors()).hasSize(2);
    assertThat(e.vectors().get(0)).containsExactly(-0.006929283f, -0.005336422f, 0.024047505f, -0.01407812f);
    assertThat(e.usage().inputTokens()).isEqualTo(9);
    RecordedRequest req = take();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
    assertThat(body(req)).isEqualTo(Map.of("model", "text-embedding-3-small", "input",
        List.of("refund policy", "shipping"), "encoding_format", "float", "dimensions", 4));
  }

  @Test
  void retriesA429AfterTheWaitTheServerAsksFor() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1")
        .setHeader("Content-Type", "application/json").body(resource("openai/error-429.json")).build());
    server.enqueue(json(200, resource("openai/chat-structured.json")));
    ChatResponse response = client(ModelOptions.defaults().withMaxRetries(2))
        .chat(ChatRequest.of("gpt-4o", List.of(ChatMessage.user("hi"))));
    assertThat(response.text()).contains("Ada Lovelace");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retriesServerErrorsThenGivesUpNamingTheStatusWithoutTheKey() throws Exception {
    server.enqueue(json(503, "{\"error\":{\"message\":\"The server is overloaded\"}}"));
    server.enqueue(json(401, resource("openai/error-401.json")));
    assertThatThrownBy(() -> client(new ModelOptions(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ZERO, 2,
        Duration.ofMillis(10), Duration.ofSeconds(5))).chat(ChatRequest.of("gpt-4o", List.of(ChatMessage.user("hi")))))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("answered 401: Incorrect API key provided: ***.")
        .hasMessageContaining("(after 1 retry)")
        .hasMessageNotContaining(OPENAI_KEY)
        .satisfies(e -> assertThat(((ModelException) e).status()).isEqualTo(401));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRetryAfterLongerThanTheCapIsNotWaitedFor() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600")
        .body(resource("openai/error-429.json")).build());
    assertThatThrownBy(() -> client().chat(ChatRequest.of("gpt-4o", List.of(ChatMessage.user("hi")))))
        .isInstanceOf(ModelException.class).hasMessageContaining("answered 429: Rate limit reached");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    Clock clock = Clock.fixed(Instant.parse("2025-03-10T12:00:00Z"), ZoneOffset.UTC);
    assertThat(ModelHttp.retryAfter("7", clock)).isEqualTo(Duration.ofSeconds(7));
    assertThat(ModelHttp.retryAfter("Mon, 10 Mar 2025 12:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
    assertThat(ModelHttp.retryAfter("Mon, 10 Mar 2025 11:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    assertThat(ModelHttp.retryAfter("soon", clock)).isNull();
    assertThat(ModelHttp.retryAfter(null, clock)).isNull();
  }

  @Test
  void cancellingClosesAStreamMidway() throws Exception {
    // the answer's head arrives, its body never ends: only cancellation can end the call
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
        .body(resource("openai/chat-stream.sse")).throttleBody(120, 1, TimeUnit.SECONDS).build());
    List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> {
      try {
        return client().stream(ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("Status?"))), tokens::add);
      } catch (Exception e) {
        return e;
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.getRequestCount() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    cancellation.cancel("stopped by the test");
    Object outcome = call.get(20, TimeUnit.SECONDS);
    assertThat(outcome).isInstanceOf(ExecutionCancelledException.class);
    assertThat(tokens).doesNotContain(" shipped.");
  }
}
