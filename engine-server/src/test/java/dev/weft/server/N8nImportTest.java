package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class N8nImportTest {
  @TempDir
  static Path data;
  static WeftServer server;
  static Http user;

  @BeforeAll
  static void start() {
    server = TestServers.start(data);
    user = Http.to(server).signUp("ada@example.com");
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static Map<String, Object> n8nNode(String name, String type, int x) {
    return Map.of("id", name, "name", name, "type", type, "typeVersion", 1, "position", List.of(x, 0),
        "parameters", Map.of());
  }

  @SuppressWarnings("unchecked")
  @Test
  void anN8nWorkflowBecomesARunnableWorkflow() {
    Map<String, Object> n8n = Map.of("name", "From n8n",
        "nodes", List.of(n8nNode("When clicking", "n8n-nodes-base.manualTrigger", 0),
            n8nNode("Nothing", "n8n-nodes-base.noOp", 200)),
        "connections", Map.of("When clicking", Map.of("main", List.of(List.of(
            Map.of("node", "Nothing", "type", "main", "index", 0))))));
    Http.Res r = user.post("/api/workflows/import/n8n", n8n);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    assertThat(r.body()).containsEntry("name", "From n8n");
    assertThat((List<Object>) r.body().get("importIssues")).isEmpty();
    String id = (String) r.body().get("id");
    Http.Res run = user.post("/api/workflows/" + id + "/run?wait=true", Map.of());
    assertThat(run.body()).as(run.text()).containsEntry("status", "success");
  }

  @SuppressWarnings("unchecked")
  @Test
  void whatCannotBeImportedIsReportedNodeByNode() {
    Map<String, Object> n8n = Map.of("name", "Partly",
        "nodes", List.of(n8nNode("Start", "n8n-nodes-base.manualTrigger", 0),
            n8nNode("Exotic", "n8n-nodes-base.someServiceWeftLacks", 200)),
        "connections", Map.of());
    Http.Res r = user.post("/api/workflows/import/n8n", n8n);
    assertThat(r.status()).as("a partial import is kept as a draft to finish: " + r.text()).isEqualTo(201);
    List<Map<String, Object>> issues = (List<Map<String, Object>>) r.body().get("importIssues");
    assertThat(issues).singleElement().satisfies(i -> {
      assertThat(i).containsEntry("node", "Exotic").containsEntry("kind", "unsupported_node");
      assertThat((String) i.get("message")).contains("someServiceWeftLacks");
    });

    Http.Res notN8n = user.post("/api/workflows/import/n8n", Map.of("name", "x", "nodes", "nope"));
    assertThat(notN8n.status()).isEqualTo(400);
    assertThat(notN8n.error()).containsEntry("code", "invalid_n8n_workflow");
    assertThat((String) notN8n.error().get("message")).contains("'nodes'");
  }
}
