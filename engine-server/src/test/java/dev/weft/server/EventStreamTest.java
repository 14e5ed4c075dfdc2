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
  void anUnsavedWorkflowsEventsAreLiveAndReplayedFromMemoryButNeverStored() throws Exception {
    Http user = admin.signUp("n-" + UUID.randomUUID() + "@example.com");
    Map<String, Object> unsaved = new java.util.LinkedHashMap<>(Workflows.greeting("Unsaved"));
    unsaved.put("settings", Map.of("saveData", "none"));
    String id = (String) user.post("/api/workflows", unsaved).body().get("id");
    String saved = (String) user.post("/api/workflows", Workflows.greeting("Saved")).body().get("id");
    String quiet;
    try (SseClient live = new SseClient(user, "/api/executions/stream", null)) {
      quiet = (String) user.post("/api/workflows/" + id + "/run?wait=true", Map.of()).body().get("executionId");
      assertThat(live.until("execution.finished")).extracting(SseClient.Event::type)
          .startsWith("execution.started").contains("node.finished");
    }
    try (SseClient replay = new SseClient(user, "/api/executions/" + quiet + "/events", null)) {
      assertThat(replay.until("execution.finished").get(0).type()).as("replayed from memory")
          .isEqualTo("execution.started");
    }
    String kept = (String) user.post("/api/workflows/" + saved + "/run?wait=true", Map.of()).body()
        .get("executionId");
    EventHub hub = server.state().hub;
    hub.flush();
    assertThat(hub.readStored(-1, quiet)).as("no rows for an execution that saves no data").isEmpty();
    assertThat(hub.readStored(-1, kept)).as("rows for a saved one").isNotEmpty();

    // saveData changed to all: from now on its executions' events are stored
    Map<String, Object> current = user.get("/api/workflows/" + id).body();
    Map<String, Object> changed = new java.util.LinkedHashMap<>(unsaved);
    changed.put("settings", Map.of("saveData", "all"));
    changed.put("version", current.get("version"));
    assertThat(user.put("/api/workflows/" + id, changed).status()).isEqualTo(200);
    String later = (String) user.post("/api/workflows/" + id + "/run?wait=true", Map.of()).body().get("executionId");
    hub.flush();
    assertThat(hub.readStored(-1, later)).isNotEmpty();
  }

  @Test
  void aLongErrorIsCutToFitTheStoredPayload() throws Exception {
    String error = "x".repeat(EventHub.MAX_STORED_PAYLOAD + 10);
    Map<String, Object> payload = Map.of("type", "node.failed", "error", error);
    String json = EventHub.storedJson(payload);
    assertThat(json.length()).isLessThan(EventHub.MAX_STORED_PAYLOAD);
    assertThat(json).contains("(" + error.length() + " characters, cut for storage)");
    assertThat(EventHub.storedJson(Map.of("error", "short"))).isEqualTo("{\"error\":\"short\"}");
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
