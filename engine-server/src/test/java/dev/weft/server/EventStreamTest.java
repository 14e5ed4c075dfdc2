package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStreamTest {
  @TempDir
  static Path data;
  static WeftServer server;
  static Http admin;

  @BeforeAll
  static void start() {
    server = TestServers.start(data);
    admin = Http.to(server).signUp("admin@example.com");
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void theStreamShowsNodesStartingAndFinishingWithItemCounts() throws Exception {
    Http user = admin.signUp("u-" + UUID.randomUUID() + "@example.com");
    Http stranger = admin.signUp("s-" + UUID.randomUUID() + "@example.com");
    String id = (String) user.post("/api/workflows", Workflows.greeting("Watched")).body().get("id");
    try (SseClient mine = new SseClient(user, "/api/executions/stream", null);
        SseClient theirs = new SseClient(stranger, "/api/executions/stream", null)) {
      assertThat(mine.status).isEqualTo(200);
      String executionId = (String) user.post("/api/workflows/" + id + "/run", Map.of("items",
          List.of(Map.of("who", "a"), Map.of("who", "b")))).body().get("executionId");
      List<SseClient.Event> events = mine.until("execution.finished");
      assertThat(events).allSatisfy(e -> {
        assertThat(e.data()).containsEntry("executionId", executionId);
        assertThat(Long.parseLong(e.id())).isEqualTo(((Number) e.data().get("seq")).longValue());
      });
      assertThat(events).extracting(SseClient.Event::type).startsWith("execution.started")
          .contains("node.started", "node.finished");
      SseClient.Event greet = events.stream()
          .filter(e -> e.type().equals("node.finished") && "Greet".equals(e.data().get("nodeName"))).findFirst()
          .orElseThrow();
      assertThat(greet.data().get("itemCounts")).isEqualTo(List.of(2));
      assertThat(theirs.poll(500)).as("another user's stream shows nothing of it").isNull();
    }
  }

  @Test
  void aReconnectingClientGetsWhatItMissedFromTheStoredEvents() throws Exception {
    Http user = admin.signUp("r-" + UUID.randomUUID() + "@example.com");
    String id = (String) user.post("/api/workflows", Workflows.greeting("Replayed")).body().get("id");
    String first = (String) user.post("/api/workflows/" + id + "/run?wait=true", Map.of()).body().get("executionId");

    // one execution's stream starts from its first stored event
    List<SseClient.Event> all;
    try (SseClient stream = new SseClient(user, "/api/executions/" + first + "/events", null)) {
      all = stream.until("execution.finished");
    }
    assertThat(all.get(0).type()).isEqualTo("execution.started");
    assertThat(all).extracting(e -> Long.parseLong(e.id())).isSorted().doesNotHaveDuplicates();

    String lastSeen = all.get(2).id();
    try (SseClient resumed = new SseClient(user, "/api/executions/" + first + "/events", lastSeen)) {
      List<SseClient.Event> rest = resumed.until("execution.finished");
      assertThat(rest).extracting(SseClient.Event::id).containsExactlyElementsOf(
          all.subList(3, all.size()).stream().map(SseClient.Event::id).toList());
    }

    // the global stream resumes after the last event the client had, across executions
    String lastGlobal = all.get(all.size() - 1).id();
    String second = (String) user.post("/api/workflows/" + id + "/run?wait=true", Map.of()).body().get("executionId");
    try (SseClient resumed = new SseClient(user, "/api/executions/stream", lastGlobal)) {
      List<SseClient.Event> missed = resumed.until("execution.finished");
      assertThat(missed).isNotEmpty().allSatisfy(e -> assertThat(e.data()).containsEntry("executionId", second));
      assertThat(missed.get(0).type()).isEqualTo("execution.started");
    }

    // events survive a restart
    server.stop();
    server = TestServers.start(data);
    admin = Http.to(server).as(admin.token);
    Http again = Http.to(server).as(user.token);
    try (SseClient replay = new SseClient(again, "/api/executions/" + first + "/events", null)) {
      assertThat(replay.until("execution.finished")).extracting(SseClient.Event::id)
          .containsExactlyElementsOf(all.stream().map(SseClient.Event::id).toList());
    }
  }

  @Test
  void streamsNeedAnEventStreamClientAndAToken() throws Exception {
    Http user = admin.signUp("t-" + UUID.randomUUID() + "@example.com");
    Http.Res plain = user.get("/api/executions/stream");
    assertThat(plain.status()).isEqualTo(406);
    assertThat(plain.error()).containsEntry("code", "not_acceptable");
    try (SseClient anonymous = new SseClient(Http.to(server), "/api/executions/stream", null)) {
      assertThat(anonymous.status).isEqualTo(401);
    }
    try (SseClient byQuery = new SseClient(Http.to(server), "/api/executions/stream?access_token=" + user.token,
        null)) {
      assertThat(byQuery.status).as("EventSource cannot send headers").isEqualTo(200);
    }
    try (SseClient missing = new SseClient(user, "/api/executions/" + UUID.randomUUID() + "/events", null)) {
      assertThat(missing.status).isEqualTo(404);
    }
  }
}
