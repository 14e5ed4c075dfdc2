package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AI pack on the server, against a scripted model: an agent's steps reach live views as events, and conversation
 * memory and vector collections are kept in the server's database, so they survive a restart.
 */
class AgentServerTest {
  @TempDir
  Path data;
  ScriptedModel model;

  @BeforeEach
  void startModel() {
    model = new ScriptedModel();
  }

  @AfterEach
  void stopModel() throws Exception {
    model.close();
  }

  private static String create(Http user, Map<String, Object> workflow) {
    Http.Res created = user.post("/api/workflows", workflow);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return (String) created.body().get("id");
  }

  private static Http.Res chat(Http user, String workflowId, String sessionId, String message) {
    Http.Res r = user.post("/api/workflows/" + workflowId + "/chat", Map.of("sessionId", sessionId,
        "message", message));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.body()).as(r.text()).containsEntry("status", "success");
    return r;
  }

  private static Http logIn(WeftServer server, String email) {
    Http.Res r = Http.to(server).post("/api/auth/login", Map.of("email", email, "password", "correct horse battery"));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return Http.to(server).as((String) r.body().get("token"));
  }

  @Test
  void theAgentsModelAndToolCallsReachTheLiveEventStreamWithoutTheKey() throws Exception {
    model.callTools("check_stock", "{}").answer("We have 12 in stock.");
    try (WeftServer server = TestServers.start(data)) {
      Http user = Http.to(server).signUp("agent-events@example.com");
      String credential = model.credential(user);
      Map<String, Object> tool = Map.of("name", "check_stock", "description", "Stock of the product asked about",
          "kind", "node", "config", Map.of("type", "weft.set", "parameters",
              Workflows.setField("stock", "12 of {{ $json.chatInput }}")));
      String id = create(user, Workflows.workflow("Stock agent", List.of(
          Workflows.node("Chat", ChatApi.CHAT_TRIGGER, Map.of(), 0),
          ScriptedModel.agent("Agent", credential, Map.of("tools", List.of(tool)), 200))));

      try (SseClient live = new SseClient(user, "/api/executions/stream", null)) {
        Http.Res answer = chat(user, id, "s-1", "red bikes");
        assertThat(answer.body()).containsEntry("reply", "We have 12 in stock.");

        List<SseClient.Event> events = live.until("execution.finished");
        List<SseClient.Event> ai = events.stream().filter(e -> e.type().startsWith("ai.")).toList();
        assertThat(ai).extracting(SseClient.Event::type).containsExactly("ai.modelCall", "ai.toolCall",
            "ai.modelCall");
        assertThat(ai).allSatisfy(e -> assertThat(e.data()).containsEntry("nodeName", "Agent")
            .containsEntry("executionId", answer.body().get("executionId")).containsEntry("workflowId", id));
        assertThat(ai.get(0).data().get("data")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsEntry("type", "modelCall").containsEntry("model", "gpt-4o-mini-2024-07-18");
        assertThat(ai.get(1).data().get("data")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsEntry("tool", "check_stock").containsEntry("kind", "node")
            .containsEntry("result", List.of(Map.of("sessionId", "s-1", "action", "sendMessage",
                "chatInput", "red bikes", "stock", "12 of red bikes")));
        assertThat(events).allSatisfy(e -> assertThat(e.data().toString()).doesNotContain(ScriptedModel.API_KEY));
      }
    }
  }

  @Test
  void conversationMemoryAndVectorsSurviveARestartOnTheSameDataFolder() throws Exception {
    model.answer("Nice to meet you, Ada.").answer("You are Ada.");
    Map<String, Object> memory = Map.of("sessionKey", "{{ $json.sessionId }}", "turns", 5);
    Map<String, Object> hashing = Map.of("embeddingProvider", "hashing");
    String agentFlow;
    String searchFlow;
    try (WeftServer server = TestServers.start(data)) {
      Http user = Http.to(server).signUp("ada@example.com");
      String credential = model.credential(user);
      agentFlow = create(user, Workflows.workflow("Remembering agent", List.of(
          Workflows.node("Chat", ChatApi.CHAT_TRIGGER, Map.of(), 0),
          ScriptedModel.agent("Agent", credential, Map.of("memory", memory), 200))));
      String index = create(user, Workflows.workflow("Index", List.of(
          Workflows.node("Chat", ChatApi.CHAT_TRIGGER, Map.of(), 0),
          Workflows.node("Store", "weft.ai.vectorStore", with(hashing, "operation", "insert", "collection", "notes",
              "text", "{{ $json.chatInput }}"), 200))));
      searchFlow = create(user, Workflows.workflow("Search", List.of(
          Workflows.node("Chat", ChatApi.CHAT_TRIGGER, Map.of(), 0),
          Workflows.node("Find", "weft.ai.vectorStore", with(hashing, "operation", "search", "collection", "notes",
              "query", "{{ $json.chatInput }}", "topK", 1), 200))));

      assertThat(chat(user, agentFlow, "ada-1", "My name is Ada.").body())
          .containsEntry("reply", "Nice to meet you, Ada.");
      assertThat(chat(user, index, "idx", "Refunds take thirty days to reach the card.").body())
          .containsEntry("reply", "Refunds take thirty days to reach the card.");
    }
    assertThat(model.nextMessages()).containsExactly("system: You are a helpful assistant.",
        "user: My name is Ada.");

    try (WeftServer server = TestServers.start(data)) {
      Http user = logIn(server, "ada@example.com");
      assertThat(chat(user, agentFlow, "ada-1", "Who am I?").body()).containsEntry("reply", "You are Ada.");
      assertThat(chat(user, searchFlow, "find", "how long do refunds take").body())
          .containsEntry("reply", "Refunds take thirty days to reach the card.");
    }
    assertThat(model.nextMessages()).as("the earlier turns come from the database after the restart")
        .containsExactly("system: You are a helpful assistant.", "user: My name is Ada.",
            "assistant: Nice to meet you, Ada.", "user: Who am I?");
  }

  private static Map<String, Object> with(Map<String, Object> base, Object... keysAndValues) {
    Map<String, Object> m = new java.util.LinkedHashMap<>(base);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
