package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowApiTest {
  @TempDir
  static Path data;
  static WeftServer server;
  static Http admin;
  Http user;
  Http other;

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
  void users() {
    user = admin.signUp("u-" + UUID.randomUUID() + "@example.com");
    other = admin.signUp("o-" + UUID.randomUUID() + "@example.com");
  }

  @SuppressWarnings("unchecked")
  @Test
  void createGetUpdateWithVersionCheckAndDelete() {
    Http.Res created = user.post("/api/workflows", Workflows.greeting("Greeter"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = (String) created.body().get("id");
    assertThat(created.header("Location")).isEqualTo("/api/workflows/" + id);
    assertThat(created.body()).containsEntry("name", "Greeter").containsEntry("active", false);
    assertThat((List<Object>) created.body().get("problems")).isEmpty();
    long version = ((Number) created.body().get("version")).longValue();

    Map<String, Object> changed = new LinkedHashMap<>(Workflows.greeting("Greeter v2"));
    changed.put("version", version);
    Http.Res updated = user.put("/api/workflows/" + id, changed);
    assertThat(updated.status()).as(updated.text()).isEqualTo(200);
    assertThat(updated.body()).containsEntry("name", "Greeter v2");
    assertThat(((Number) updated.body().get("version")).longValue()).isGreaterThan(version);

    Http.Res stale = user.put("/api/workflows/" + id, changed);
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.error()).containsEntry("code", "version_conflict");
    assertThat((Map<String, Object>) stale.error().get("details")).containsEntry("expectedVersion",
        (int) version);

    Map<String, Object> noVersion = Workflows.greeting("Greeter v3");
    Http.Res missing = user.put("/api/workflows/" + id, noVersion);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.error().get("details")).isEqualTo(Map.of("field", "version"));

    assertThat(user.get("/api/workflows/" + id + "/versions").items()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(user.delete("/api/workflows/" + id).status()).isEqualTo(204);
    Http.Res gone = user.get("/api/workflows/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat((String) gone.error().get("message")).contains(id);
  }

  @Test
  void invalidDefinitionsAreRejectedWithTheirProblems() {
    Map<String, Object> noName = new LinkedHashMap<>(Workflows.greeting("x"));
    noName.remove("name");
    Http.Res r = user.post("/api/workflows", noName);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().get("details")).isEqualTo(Map.of("field", "name"));

    Map<String, Object> badConnection = Workflows.workflow("Broken", List.of(
        Workflows.node("Start", "weft.manualTrigger", Map.of(), 0)));
    badConnection.put("connections", List.of(Workflows.connection("Start", "Nowhere")));
    Http.Res broken = user.post("/api/workflows", badConnection);
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.error()).containsEntry("code", "invalid_workflow");
    assertThat(broken.text()).contains("Nowhere");

    Map<String, Object> unknownType = Workflows.workflow("Unknown", List.of(
        Workflows.node("Start", "weft.manualTrigger", Map.of(), 0),
        Workflows.node("Mystery", "acme.mystery", Map.of(), 200)));
    Http.Res saved = user.post("/api/workflows", unknownType);
    assertThat(saved.status()).as("a draft with problems can be saved").isEqualTo(201);
    assertThat(saved.text()).contains("acme.mystery");
    String id = (String) saved.body().get("id");
    Http.Res run = user.post("/api/workflows/" + id + "/run", Map.of());
    assertThat(run.status()).isEqualTo(400);
    assertThat(run.error()).containsEntry("code", "invalid_workflow");
    assertThat(run.text()).contains("Mystery");
  }

  @Test
  void usersSeeOnlyTheirOwnWorkflows() {
    String id = (String) user.post("/api/workflows", Workflows.greeting("Mine")).body().get("id");
    assertThat(other.get("/api/workflows/" + id).status()).isEqualTo(404);
    assertThat(other.post("/api/workflows/" + id + "/run", Map.of()).status()).isEqualTo(404);
    assertThat(other.delete("/api/workflows/" + id).status()).isEqualTo(404);
    assertThat(other.get("/api/workflows").items()).isEmpty();
    assertThat(user.get("/api/workflows").items()).extracting(m -> m.get("id")).containsExactly(id);
  }

  @Test
  void listPagesAndSearches() {
    for (int i = 0; i < 5; i++) {
      user.post("/api/workflows", Workflows.greeting((i % 2 == 0 ? "Invoice " : "Report ") + i));
    }
    Http.Res page = user.get("/api/workflows?limit=2&offset=0");
    assertThat(page.items()).hasSize(2);
    assertThat(page.body()).containsEntry("total", 5);
    assertThat(user.get("/api/workflows?limit=2&offset=4").items()).hasSize(1);
    assertThat(user.get("/api/workflows?search=Invoice").items()).extracting(m -> m.get("name"))
        .containsExactlyInAnyOrder("Invoice 0", "Invoice 2", "Invoice 4");
    Http.Res bad = user.get("/api/workflows?limit=0");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error().get("details")).isEqualTo(Map.of("parameter", "limit"));
  }

  @SuppressWarnings("unchecked")
  @Test
  void runWaitsForTheResultWhenAskedAndShowsTheLastRun() {
    String id = (String) user.post("/api/workflows", Workflows.greeting("Run me")).body().get("id");
    Http.Res run = user.post("/api/workflows/" + id + "/run?wait=true", Map.of("items", List.of(Map.of("who",
        "Ada"))));
    assertThat(run.status()).as(run.text()).isEqualTo(200);
    assertThat(run.body()).containsEntry("status", "success");
    List<Map<String, Object>> output = (List<Map<String, Object>>) run.body().get("output");
    assertThat(output).hasSize(1);
    assertThat((Map<String, Object>) output.get(0).get("json")).containsEntry("greeting", "hello Ada");

    Map<String, Object> listed = user.get("/api/workflows").items().stream()
        .filter(w -> w.get("id").equals(id)).findFirst().orElseThrow();
    assertThat((Map<String, Object>) listed.get("lastExecution")).containsEntry("status", "success")
        .containsEntry("id", run.body().get("executionId"));

    Http.Res async = user.post("/api/workflows/" + id + "/run", Map.of());
    assertThat(async.status()).isEqualTo(202);
    assertThat(async.header("Location")).isEqualTo("/api/executions/" + async.body().get("executionId"));
    Http.Res badStart = user.post("/api/workflows/" + id + "/run", Map.of("startNode", "Nope"));
    assertThat(badStart.status()).isEqualTo(400);
    assertThat((String) badStart.error().get("message")).contains("Nope");
  }

  @Test
  void activeWorkflowsServeTheirWebhooksUntilDeactivated() {
    String id = (String) user.post("/api/workflows", Workflows.webhook("Hooked", "orders/new")).body().get("id");
    Http.Res before = Http.to(server).post("/webhook/orders/new", Map.of("name", "Ada"));
    assertThat(before.status()).isEqualTo(404);

    Http.Res activated = user.post("/api/workflows/" + id + "/activate", Map.of());
    assertThat(activated.status()).as(activated.text()).isEqualTo(200);
    assertThat(activated.body()).containsEntry("active", true);
    Http.Res call = Http.to(server).post("/webhook/orders/new", Map.of("name", "Ada"));
    assertThat(call.status()).as(call.text()).isEqualTo(200);
    assertThat(call.text()).contains("got Ada");
    String executionId = call.header("X-Execution-Id");
    assertThat(user.get("/api/executions/" + executionId).body()).containsEntry("status", "success")
        .containsEntry("workflowId", id);
    assertThat(Http.to(server).get("/webhook/orders/new").status()).isEqualTo(405);

    assertThat(user.post("/api/workflows/" + id + "/deactivate", Map.of()).body()).containsEntry("active", false);
    assertThat(Http.to(server).post("/webhook/orders/new", Map.of("name", "Ada")).status()).isEqualTo(404);
  }

  @SuppressWarnings("unchecked")
  @Test
  void aTestWebhookAnswersOneCallForTheEditor() {
    String id = (String) user.post("/api/workflows", Workflows.webhook("Draft hook", "draft/" + UUID.randomUUID()))
        .body().get("id");
    Http.Res listening = user.post("/api/workflows/" + id + "/test-webhook", Map.of());
    assertThat(listening.status()).as(listening.text()).isEqualTo(200);
    Map<String, Object> hook = ((List<Map<String, Object>>) listening.body().get("webhooks")).get(0);
    String path = (String) hook.get("path");
    assertThat(path).startsWith("/webhook-test/draft/");
    assertThat(Http.to(server).post(path.replace("/webhook-test/", "/webhook/"), Map.of("name", "x")).status())
        .as("not active: the production path does not answer").isEqualTo(404);
    Http.Res first = Http.to(server).post(path, Map.of("name", "Grace"));
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    assertThat(first.text()).contains("got Grace");
    assertThat(Http.to(server).post(path, Map.of("name", "Grace")).status()).as("one call only").isEqualTo(404);
  }

  @Test
  void schedulesOfActiveWorkflowsFireUntilDeactivated() throws InterruptedException {
    String id = (String) user.post("/api/workflows", Workflows.workflow("Ticking", List.of(
        Workflows.node("Tick", TestTickTrigger.TYPE, Map.of("everyMs", 200), 0),
        Workflows.node("Done", "weft.noOp", Map.of(), 200)))).body().get("id");
    assertThat(user.post("/api/workflows/" + id + "/activate", Map.of()).status()).isEqualTo(200);
    long deadline = System.currentTimeMillis() + 15_000;
    int runs = 0;
    while (System.currentTimeMillis() < deadline && runs < 3) {
      Thread.sleep(100);
      runs = ((Number) user.get("/api/executions?workflowId=" + id + "&status=success").body().get("total")).intValue();
    }
    assertThat(runs).as("runs of the schedule").isGreaterThanOrEqualTo(3);
    assertThat(user.get("/api/executions?workflowId=" + id).items().get(0)).containsEntry("mode", "trigger");
    user.post("/api/workflows/" + id + "/deactivate", Map.of());
    Thread.sleep(400);
    int after = ((Number) user.get("/api/executions?workflowId=" + id).body().get("total")).intValue();
    Thread.sleep(800);
    assertThat(((Number) user.get("/api/executions?workflowId=" + id).body().get("total")).intValue())
        .as("no runs after deactivation").isEqualTo(after);
  }

  @Test
  void workflowsStoredAsActiveAreActiveAgainAfterARestart() {
    String id = (String) user.post("/api/workflows", Workflows.webhook("Survivor", "survive")).body().get("id");
    assertThat(user.post("/api/workflows/" + id + "/activate", Map.of()).status()).isEqualTo(200);
    server.stop();
    server = TestServers.start(data);
    admin = Http.to(server).as(admin.token);
    Http.Res call = Http.to(server).post("/webhook/survive", Map.of("name", "again"));
    assertThat(call.status()).as(call.text()).isEqualTo(200);
    assertThat(call.text()).contains("got again");
    Http.to(server).as(user.token).post("/api/workflows/" + id + "/deactivate", Map.of());
  }
}
