package dev.weft.nodes.ai.model;

import static dev.weft.nodes.ai.AiTests.ANTHROPIC_KEY;
import static dev.weft.nodes.ai.AiTests.body;
import static dev.weft.nodes.ai.AiTests.json;
import static dev.weft.nodes.ai.AiTests.resource;
import static dev.weft.nodes.ai.AiTests.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages client against recorded answers. */
class AnthropicClientTest {
  private static final OkHttpClient HTTP = new OkHttpClient();
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AnthropicClient client() {
    return new AnthropicClient(server.url("/v1").toString(), ANTHROPIC_KEY, null, HTTP,
        new ModelOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ZERO, 2, Duration.ofMillis(10),
            Duration.ofSeconds(5)), new TestCancellation(), Clock.systemUTC());
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(10, TimeUnit.SECONDS);
  }

  private static final ToolSpec LOOKUP = new ToolSpec("lookup_order", "Finds an order by id", Map.of("type", "object",
      "properties", Map.of("orderId", Map.of("type", "string")), "required", List.of("orderId")));

  @Test
  void mapsSystemToolsAndToolResultsToTheMessagesApi() throws Exception {
    server.enqueue(json(200, resource("anthropic/messages-tool-use.json")));
    ToolCall earlier = new ToolCall("toolu_0", "lookup_order", "{\"orderId\":\"A-0999\"}");
    ChatResponse response = client().chat(ChatRequest.of("claude-sonnet-4-5", List.of(
            ChatMessage.system("You triage tickets."),
            ChatMessage.user("Where is A-0999?"),
            ChatMessage.assistant("Checking.", List.of(earlier)),
            ChatMessage.toolResult(earlier, "no such order", true),
            ChatMessage.user("Sorry, I meant A-1001.")))
        .withTools(List.of(LOOKUP)).withSampling(0.0, null));

    assertThat(response.text()).isEqualTo("I'll look up that order for you.");
    assertThat(response.toolCalls()).containsExactly(new ToolCall("toolu_01A09q90qw90lq917835lq9", "lookup_order",
        "{\"orderId\":\"A-1001\"}"));
    assertThat(response.finishReason()).isEqualTo("tool_calls");
    assertThat(response.usage()).isEqualTo(new Usage(472, 91));

    RecordedRequest req = take();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(req.getHeaders().get("x-api-key")).isEqualTo(ANTHROPIC_KEY);
    assertThat(req.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(req.getHeaders().get("Authorization")).isNull();
    Map<String, Object> body = body(req);
    assertThat(body).containsEntry("model", "claude-sonnet-4-5").containsEntry("max_tokens", 4096)
        .containsEntry("system", "You triage tickets.").containsEntry("temperature", 0.0);
    assertThat(body.get("tools")).isEqualTo(List.of(Map.of("name", "lookup_order",
        "description", "Finds an order by id", "input_schema", LOOKUP.parameters())));
    assertThat(body.get("messages")).isEqualTo(List.of(
        Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "Where is A-0999?"))),
        Map.of("role", "assistant", "content", List.of(Map.of("type", "text", "text", "Checking."),
            Map.of("type", "tool_use", "id", "toolu_0", "name", "lookup_order", "input", Map.of("orderId", "A-0999")))),
        // the tool result and the user's next words share one user turn, as the API requires
        Map.of("role", "user", "content", List.of(
            Map.of("type", "tool_result", "tool_use_id", "toolu_0", "content", "no such order", "is_error", true),
            Map.of("type", "text", "text", "Sorry, I meant A-1001.")))));
  }

  @Test
  void structuredOutputIsAForcedToolWhoseInputIsTheAnswer() throws Exception {
    server.enqueue(json(200, resource("anthropic/messages-structured.json")));
    Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string")));
    ChatResponse response = client().chat(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.user("Ada")))
        .withResponseFormat(new ResponseFormat("output", schema)));
    assertThat(response.text()).isEqualTo("{\"name\":\"Ada Lovelace\",\"age\":36,\"city\":\"London\"}");
    assertThat(response.toolCalls()).isEmpty();
    assertThat(response.finishReason()).isEqualTo("stop");
    Map<String, Object> body = body(take());
    assertThat(body.get("tool_choice")).isEqualTo(Map.of("type", "tool", "name", "output"));
    assertThat((List<?>) body.get("tools")).hasSize(1);
  }

  @Test
  void streamsTextAndAssemblesToolInput() throws Exception {
    server.enqueue(sse(resource("anthropic/messages-stream.sse")));
    List<String> tokens = new ArrayList<>();
    ChatResponse response = client().stream(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.user("A-1001?")))
        .withTools(List.of(LOOKUP)), tokens::add);
    assertThat(tokens).containsExactly("Okay,", " let me check the order", ".");
    assertThat(response.text()).isEqualTo("Okay, let me check the order.");
    assertThat(response.toolCalls()).containsExactly(new ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "lookup_order",
        "{\"orderId\": \"A-1001\"}"));
    assertThat(response.usage()).isEqualTo(new Usage(472, 89));
    assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(body(take())).containsEntry("stream", true);
  }

  @Test
  void retriesWhenOverloadedAndReportsTheLastAnswer() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(529).setHeader("Content-Type", "application/json")
          .body(resource("anthropic/error-overloaded.json")).build());
    }
    assertThatThrownBy(() -> client().chat(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.user("hi")))))
        .isInstanceOf(ModelException.class)
        .hasMessage("Anthropic API answered 529: Overloaded (after 2 retries)");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
