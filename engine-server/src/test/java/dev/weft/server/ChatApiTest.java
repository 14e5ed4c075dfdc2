package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/workflows/{id}/chat} with workflows that start with the AI pack's Chat Trigger. */
class ChatApiTest {
  @TempDir
  static Path data;
  static WeftServer server;
  static Http admin;
  Http user;

  @BeforeAll
  static void start() {
    server = TestServers.start(data);
    admin = Http.to(server).signUp("admin@example.com");
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void signUp() {
    user = admin.signUp("chat-" + UUID.randomUUID() + "@example.com");
  }

  private String create(Http who, Map<String, Object> workflow) {
    Http.Res created = who.post("/api/workflows", workflow);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return (String) created.body().get("id");
  }

  static Map<String, Object> echo(String name, Map<String, Object> triggerParameters, String field) {
    return Workflows.workflow(name, List.of(
        Workflows.node("Chat", ChatApi.CHAT_TRIGGER, triggerParameters, 0),
        Workflows.node("Reply", "weft.set", Workflows.setField(field, "You said: {{ $json.chatInput }}"), 200)));
  }

  @Test
  void aMessageRunsTheWorkflowAndTheReplyComesBackWithTheSession() {
    String id = create(user, echo("Echo", Map.of(), "output"));

    Http.Res first = user.post("/api/workflows/" + id + "/chat", Map.of("message", "hello"));
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    assertThat(first.body()).containsEntry("reply", "You said: hello").containsEntry("status", "success");
    String sessionId = (String) first.body().get("sessionId");
    assertThat(sessionId).matches("[0-9a-f-]{36}");

    Http.Res second = user.post("/api/workflows/" + id + "/chat", Map.of("sessionId", sessionId,
        "message", "again"));
    assertThat(second.body()).containsEntry("sessionId", sessionId).containsEntry("reply", "You said: again");

    Http.Res execution = user.get("/api/executions/" + second.body().get("executionId"));
    assertThat(execution.status()).as(execution.text()).isEqualTo(200);
    assertThat(execution.body()).containsEntry("mode", "chat");
    assertThat(execution.text()).contains("\"chatInput\":\"again\"", sessionId);
  }

  @Test
  void theTriggersReplyFieldPicksTheReply() {
    String id = create(user, echo("Echo field", Map.of("replyField", "answer"), "answer"));

    Http.Res r = user.post("/api/workflows/" + id + "/chat", Map.of("sessionId", "user-42:web", "message", "hi"));

    assertThat(r.body()).containsEntry("reply", "You said: hi").containsEntry("sessionId", "user-42:web");
  }

  @Test
  void aFailingWorkflowAnswersWithItsError() {
    String id = create(user, Workflows.workflow("Grumpy", List.of(
        Workflows.node("Chat", ChatApi.CHAT_TRIGGER, Map.of(), 0),
        Workflows.node("Refuse", "weft.stopAndError", Map.of("errorType", "message", "message", "not today"), 200))));

    Http.Res r = user.post("/api/workflows/" + id + "/chat", Map.of("message", "hi"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).containsEntry("status", "error").containsEntry("reply", null);
    assertThat((String) r.body().get("error")).contains("not today");
  }

  @Test
  void badRequestsAreRefusedNamingWhatIsWrong() {
    String id = create(user, echo("Echo", Map.of(), "output"));

    Http.Res noMessage = user.post("/api/workflows/" + id + "/chat", Map.of("sessionId", "s"));
    assertThat(noMessage.status()).isEqualTo(400);
    assertThat(noMessage.error().get("details")).isEqualTo(Map.of("field", "message"));

    Http.Res badSession = user.post("/api/workflows/" + id + "/chat", Map.of("sessionId", "a b'; --",
        "message", "x"));
    assertThat(badSession.status()).isEqualTo(400);
    assertThat(badSession.error().get("details")).isEqualTo(Map.of("field", "sessionId"));

    String plain = create(user, Workflows.greeting("No chat"));
    Http.Res noTrigger = user.post("/api/workflows/" + plain + "/chat", Map.of("message", "x"));
    assertThat(noTrigger.status()).isEqualTo(400);
    assertThat(noTrigger.error()).containsEntry("code", "no_chat_trigger");
    assertThat((String) noTrigger.error().get("message")).contains("No chat", "weft.ai.chatTrigger");
  }

  @Test
  void onlyTheOwnerMayChatAndOnlySignedIn() {
    String id = create(user, echo("Private", Map.of(), "output"));
    Http other = admin.signUp("other-" + UUID.randomUUID() + "@example.com");

    assertThat(other.post("/api/workflows/" + id + "/chat", Map.of("message", "x")).status()).isEqualTo(404);
    assertThat(Http.to(server).post("/api/workflows/" + id + "/chat", Map.of("message", "x")).status())
        .isEqualTo(401);
  }
}
