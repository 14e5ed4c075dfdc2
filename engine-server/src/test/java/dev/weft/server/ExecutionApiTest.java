package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionApiTest {
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
    user = admin.signUp("u-" + UUID.randomUUID() + "@example.com");
  }

  private String create(Map<String, Object> definition) {
    Http.Res r = user.post("/api/workflows", definition);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return (String) r.body().get("id");
  }

  private Map<String, Object> runAndWait(String workflowId) {
    Http.Res r = user.post("/api/workflows/" + workflowId + "/run?wait=true", Map.of());
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.body();
  }

  @SuppressWarnings("unchecked")
  @Test
  void anExecutionShowsEachNodesRunData() {
    String id = create(Workflows.greeting("Detail"));
    String executionId = (String) runAndWait(id).get("executionId");
    Http.Res r = user.get("/api/executions/" + executionId);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).containsEntry("status", "success").containsEntry("workflowId", id)
        .containsEntry("mode", "manual");
    assertThat(((Number) r.body().get("durationMs")).longValue()).isGreaterThanOrEqualTo(0);
    Map<String, Object> runs = (Map<String, Object>) ((Map<String, Object>) r.body().get("data")).get("runs");
    assertThat(runs).containsOnlyKeys("Start", "Greet", "Done");
    Map<String, Object> greet = ((List<Map<String, Object>>) runs.get("Greet")).get(0);
    assertThat(greet.get("outputItems")).isEqualTo(List.of(1));
    assertThat(greet.toString()).contains("hello world");
  }

  @Test
  void theListFiltersByWorkflowStatusAndTime() {
    String ok = create(Workflows.greeting("Fine"));
    String bad = create(Workflows.failing("Broken"));
    Instant before = Instant.now().minusSeconds(1);
    runAndWait(ok);
    runAndWait(ok);
    Map<String, Object> failed = runAndWait(bad);
    assertThat(failed).containsEntry("status", "error");
    assertThat(failed.get("error").toString()).contains("Check").contains("order rejected");

    assertThat(user.get("/api/executions").body()).containsEntry("total", 3);
    assertThat(user.get("/api/executions?workflowId=" + ok).items()).hasSize(2)
        .allSatisfy(e -> assertThat(e).containsEntry("workflowName", "Fine"));
    assertThat(user.get("/api/executions?status=error").items()).singleElement()
        .satisfies(e -> assertThat(e.get("error").toString()).contains("Check"));
    assertThat(user.get("/api/executions?status=success,error&limit=1").items()).hasSize(1);
    assertThat(user.get("/api/executions?startedAfter=" + Instant.now().plusSeconds(60)).items()).isEmpty();
    assertThat(user.get("/api/executions?startedAfter=" + before).items()).hasSize(3);
    Http.Res badStatus = user.get("/api/executions?status=exploded");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat((String) badStatus.error().get("message")).contains("exploded");
    Http.Res badTime = user.get("/api/executions?startedAfter=yesterday");
    assertThat(badTime.error().get("details")).isEqualTo(Map.of("parameter", "startedAfter"));

    Http stranger = admin.signUp("s-" + UUID.randomUUID() + "@example.com");
    assertThat(stranger.get("/api/executions").items()).isEmpty();
    assertThat(stranger.get("/api/executions/" + failed.get("executionId")).status()).isEqualTo(404);
  }

  @SuppressWarnings("unchecked")
  @Test
  void aFailedExecutionIsRetriedFromItsFailedNodeWithTheInputItHad() throws Exception {
    String id = create(Workflows.failing("Retry me"));
    Http.Res failedRun = user.post("/api/workflows/" + id + "/run?wait=true", Map.of("items", List.of(
        Map.of("n", 1), Map.of("n", 2))));
    String failedId = (String) failedRun.body().get("executionId");
    assertThat(failedRun.body()).containsEntry("status", "error");

    // fix the workflow: the check now lets orders through
    Map<String, Object> current = user.get("/api/workflows/" + id).body();
    Map<String, Object> fixed = new LinkedHashMap<>(Workflows.workflow("Retry me", List.of(
        Workflows.node("Start", "weft.manualTrigger", Map.of(), 0),
        Workflows.node("Prepare", "weft.set", Workflows.setField("order", "{{ $json.n ?? 7 }}"), 200),
        Workflows.node("Check", "weft.set", Workflows.setField("checked", "{{ $node(\"Prepare\").json.order & '0' }}"),
            400))));
    fixed.put("version", current.get("version"));
    assertThat(user.put("/api/workflows/" + id, fixed).status()).isEqualTo(200);

    Http.Res retry = user.post("/api/executions/" + failedId + "/retry", Map.of());
    assertThat(retry.status()).as(retry.text()).isEqualTo(202);
    assertThat(retry.body()).containsEntry("retryOf", failedId).containsEntry("startNode", "Check");
    String retryId = (String) retry.body().get("executionId");
    Map<String, Object> done = awaitFinal(retryId);
    assertThat(done).containsEntry("status", "success").containsEntry("mode", "retry");
    Map<String, Object> runs = (Map<String, Object>) ((Map<String, Object>) done.get("data")).get("runs");
    String check = runs.get("Check").toString();
    // the retried node sees the upstream node's output of the failed execution, item by item
    assertThat(check).contains("order=1").contains("order=2").contains("checked=10").contains("checked=20");

    Http.Res again = user.post("/api/executions/" + retryId + "/retry", Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).containsEntry("code", "not_failed");
  }

  @Test
  void aWaitingExecutionCanBeCancelledAndAFinishedOneDeleted() throws Exception {
    String id = create(Workflows.workflow("Waits", List.of(
        Workflows.node("Start", "weft.manualTrigger", Map.of(), 0),
        Workflows.node("Pause", "weft.wait", Map.of("resume", "call"), 200))));
    Http.Res run = user.post("/api/workflows/" + id + "/run?wait=true", Map.of());
    assertThat(run.body()).containsEntry("status", "waiting");
    String executionId = (String) run.body().get("executionId");
    assertThat(user.get("/api/executions/" + executionId).body()).containsEntry("status", "waiting");

    Http.Res cancelled = user.post("/api/executions/" + executionId + "/cancel", Map.of());
    assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
    assertThat(awaitFinal(executionId)).containsEntry("status", "cancelled");
    Http.Res twice = user.post("/api/executions/" + executionId + "/cancel", Map.of());
    assertThat(twice.status()).isEqualTo(409);
    assertThat((String) twice.error().get("message")).contains(executionId).contains("cancelled");

    assertThat(user.delete("/api/executions/" + executionId).status()).isEqualTo(204);
    assertThat(user.get("/api/executions/" + executionId).status()).isEqualTo(404);
  }

  @SuppressWarnings("unchecked")
  @Test
  void statisticsCountRunsAndDurationsPerWorkflow() {
    String ok = create(Workflows.greeting("Counted"));
    String bad = create(Workflows.failing("Failing"));
    for (int i = 0; i < 3; i++) {
      runAndWait(ok);
    }
    runAndWait(bad);
    Http.Res stats = user.get("/api/stats?days=1");
    assertThat(stats.status()).isEqualTo(200);
    List<Map<String, Object>> workflows = (List<Map<String, Object>>) stats.body().get("workflows");
    Map<String, Object> counted = workflows.stream().filter(w -> w.get("workflowId").equals(ok)).findFirst()
        .orElseThrow();
    assertThat(counted).containsEntry("runs", 3).containsEntry("success", 3).containsEntry("successRate", 1.0);
    assertThat((Map<String, Object>) counted.get("durationMs")).containsKeys("p50", "p90", "p99");
    assertThat((List<Object>) counted.get("days")).hasSize(1);
    Map<String, Object> failing = workflows.stream().filter(w -> w.get("workflowId").equals(bad)).findFirst()
        .orElseThrow();
    assertThat(failing).containsEntry("error", 1).containsEntry("successRate", 0.0);
  }

  private Map<String, Object> awaitFinal(String executionId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    Map<String, Object> body = null;
    while (Instant.now().isBefore(deadline)) {
      Http.Res r = user.get("/api/executions/" + executionId);
      if (r.status() == 200) {
        body = r.body();
        if (List.of("success", "error", "cancelled").contains(body.get("status"))) {
          return body;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("execution " + executionId + " did not finish: " + body);
  }
}
