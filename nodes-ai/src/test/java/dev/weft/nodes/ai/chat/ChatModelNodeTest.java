package dev.weft.nodes.ai.chat;

import static dev.weft.nodes.ai.AiTests.ANTHROPIC_KEY;
import static dev.weft.nodes.ai.AiTests.OPENAI_KEY;
import static dev.weft.nodes.ai.AiTests.answer;
import static dev.weft.nodes.ai.AiTests.body;
import static dev.weft.nodes.ai.AiTests.json;
import static dev.weft.nodes.ai.AiTests.messages;
import static dev.weft.nodes.ai.AiTests.resource;
import static dev.weft.nodes.ai.AiTests.sse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.event.ExecutionEvent;
import dev.weft.nodes.ai.AiTests;
import dev.weft.nodes.ai.internal.JsonText;
import dev.weft.spi.Item;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Chat Model node through the real engine. */
class ChatModelNodeTest {
  private MockWebServer server;
  private final List<ExecutionEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Weft engine() {
    return engine(null);
  }

  private Weft engine(DataSource dataSource) {
    return AiTests.engine(b -> {
      b.listener(events::add);
      if (dataSource != null) {
        b.service(DataSource.class, dataSource);
      }
    }, List.of(), AiTests.openAi(server), AiTests.anthropic(server));
  }

  private static String node(String credentials, Map<String, Object> parameters) {
    return JsonText.write(Map.of("name", "Chat", "type", "weft.ai.chatModel",
        "credentials", Map.of(credentials.startsWith("anthropic") ? "weft.anthropicApi" : "weft.openAiApi",
            credentials), "parameters", parameters));
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(10, TimeUnit.SECONDS);
  }

  private List<Map<String, Object>> custom(String name) {
    return events.stream().filter(e -> e.type() == ExecutionEvent.Type.CUSTOM && name.equals(e.data().get("event")))
        .map(ExecutionEvent::data).toList();
  }

  @Test
  void evaluatesTheTemplatesAndStreamsTokensToListeners() throws Exception {
    server.enqueue(sse(resource("openai/chat-stream.sse")));
    try (Weft weft = engine()) {
      ExecutionResult r = AiTests.run(weft, node("openai-1", Map.of("model", "gpt-4o-mini",
          "systemMessage", "You answer for {{ $json.shop }}.", "prompt", "Status of order {{ $json.order }}?",
          "stream", true, "temperature", 0.1)), List.of(Item.of("shop", "Acme", "order", "A-1001")));

      assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(r.output().get(0).json()).isEqualTo(Map.of("output", "Your order has shipped.",
          "model", "gpt-4o-mini-2024-07-18", "usage", Map.of("inputTokens", 24L, "outputTokens", 5L,
              "totalTokens", 29L), "finishReason", "stop"));
    }
    Map<String, Object> body = body(take());
    assertThat(body.get("messages")).isEqualTo(List.of(Map.of("role", "system", "content", "You answer for Acme."),
        Map.of("role", "user", "content", "Status of order A-1001?")));
    assertThat(body).containsEntry("stream", true).containsEntry("temperature", 0.1);
    assertThat(custom("ai.token")).extracting(d -> d.get("token")).containsExactly("Your", " order", " has",
        " shipped.");
    assertThat(custom("ai.token")).extracting(d -> d.get("index")).containsExactly(0, 1, 2, 3);
    assertThat(custom("ai.modelCall")).singleElement().satisfies(d -> assertThat(d)
        .containsEntry("model", "gpt-4o-mini-2024-07-18").containsEntry("provider", "openAi")
        .containsEntry("usage", Map.of("inputTokens", 24L, "outputTokens", 5L, "totalTokens", 29L)));
    assertThat(events.toString()).doesNotContain(OPENAI_KEY);
  }

  @Test
  void answersWithStructuredOutputFromAnthropic() throws Exception {
    server.enqueue(json(200, resource("anthropic/messages-structured.json")));
    Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string"),
        "age", Map.of("type", "integer"), "city", Map.of("type", "string")));
    try (Weft weft = engine()) {
      ExecutionResult r = AiTests.run(weft, node("anthropic-1", Map.of("provider", "anthropic",
          "model", "claude-sonnet-4-5", "prompt", "{{ $json.text }}", "outputSchema", schema, "maxTokens", 500)),
          List.of(Item.of("text", "Ada Lovelace, 36, lives in London")));
      assertThat(r.output().get(0).json().get("output")).isEqualTo(Map.of("name", "Ada Lovelace", "age", 36,
          "city", "London"));
      assertThat(r.output().get(0).json()).containsEntry("usage", Map.of("inputTokens", 389L, "outputTokens", 64L,
          "totalTokens", 453L));
    }
    RecordedRequest req = take();
    assertThat(req.getHeaders().get("x-api-key")).isEqualTo(ANTHROPIC_KEY);
    assertThat(body(req)).containsEntry("max_tokens", 500)
        .containsEntry("tool_choice", Map.of("type", "tool", "name", "output"));
  }

  @Test
  void remembersTheConversationInTheHostsDatabaseAcrossEngines(@TempDir Path dir) throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("weft").toAbsolutePath());
    ds.setUser("sa");
    Map<String, Object> params = Map.of("model", "gpt-4o-mini", "prompt", "{{ $json.chatInput }}",
        "memory", Map.of("sessionKey", "{{ $json.sessionId }}", "turns", 1));
    server.enqueue(answer("Hello Ada."));
    server.enqueue(answer("Your name is Ada."));
    server.enqueue(answer("You asked my name."));
    try (Weft weft = engine(ds)) {
      AiTests.run(weft, node("openai-1", params), List.of(Item.of("sessionId", "s-1", "chatInput", "I am Ada.")));
    }
    try (Weft restarted = engine(ds)) {
      AiTests.run(restarted, node("openai-1", params), List.of(Item.of("sessionId", "s-1",
          "chatInput", "What is my name?")));
      AiTests.run(restarted, node("openai-1", params), List.of(Item.of("sessionId", "s-1",
          "chatInput", "What did I ask?")));
      ExecutionResult read = AiTests.run(restarted, JsonText.write(Map.of("name", "Memory", "type", "weft.ai.memory",
          "parameters", Map.of("operation", "get", "turns", 5))), List.of(Item.of("sessionId", "s-1")));
      assertThat((List<?>) read.output().get(0).json().get("messages")).hasSize(2); // one turn kept
    }
    assertThat(messages(take())).hasSize(1);
    assertThat(messages(take())).containsExactly(Map.of("role", "user", "content", "I am Ada."),
        Map.of("role", "assistant", "content", "Hello Ada."), Map.of("role", "user", "content", "What is my name?"));
    assertThat(messages(take())).containsExactly(Map.of("role", "user", "content", "What is my name?"),
        Map.of("role", "assistant", "content", "Your name is Ada."),
        Map.of("role", "user", "content", "What did I ask?"));
  }

  @Test
  void withoutCredentialsTheErrorSaysWhichToAssign() {
    try (Weft weft = engine()) {
      ExecutionResult r = AiTests.run(weft, JsonText.write(Map.of("name", "Chat", "type", "weft.ai.chatModel",
          "parameters", Map.of("model", "gpt-4o-mini", "prompt", "hi"))), List.of(Item.empty()));
      assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
      assertThat(r.error().message()).contains("no credentials of type 'weft.openAiApi' are assigned");
    }
    assertThat(server.getRequestCount()).isZero();
  }
}
