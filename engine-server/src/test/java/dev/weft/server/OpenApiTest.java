package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document matches the routes the server registers: none undocumented, none documented but missing. */
class OpenApiTest {
  @TempDir
  static Path data;
  static WeftServer server;

  @BeforeAll
  static void start() {
    server = TestServers.start(data);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @SuppressWarnings("unchecked")
  @Test
  void everyApiRouteIsDocumentedAndEveryDocumentedOperationIsServed() {
    Http.Res doc = Http.to(server).get("/api/openapi.json");
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.body()).containsEntry("openapi", "3.0.3");
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.body().get("paths");

    Set<String> documented = new TreeSet<>();
    Set<String> documentedOpen = new TreeSet<>();
    paths.forEach((path, ops) -> ops.forEach((method, op) -> {
      if (path.startsWith("/api/")) {
        documented.add(method + " " + path);
        if (((Map<String, Object>) op).containsKey("security")) {
          documentedOpen.add(method + " " + path);
        }
      }
    }));
    Set<String> served = new TreeSet<>();
    Set<String> servedOpen = new TreeSet<>();
    for (RouteTable.Route r : server.apiRoutes()) {
      served.add(r.method() + " " + r.path());
      if (!r.authenticated()) {
        servedOpen.add(r.method() + " " + r.path());
      }
    }
    assertThat(documented).isEqualTo(served);
    assertThat(documentedOpen).as("the routes documented as needing no token").isEqualTo(servedOpen);
  }

  @SuppressWarnings("unchecked")
  @Test
  void everyOperationDocumentsItsErrorsWithTheErrorShape() {
    Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>)
        Http.to(server).get("/api/openapi.json").body().get("paths");
    paths.forEach((path, ops) -> ops.forEach((method, op) -> {
      if (!path.startsWith("/api/")) {
        return;
      }
      Map<String, Object> responses = (Map<String, Object>) op.get("responses");
      assertThat(op).as(method + " " + path).containsKeys("summary", "operationId");
      responses.forEach((status, response) -> {
        if (status.startsWith("4") && !response.toString().contains("text/html")) {
          assertThat(response.toString()).as(method + " " + path + " " + status).contains("#/components/schemas/Error");
        }
      });
      if (!op.containsKey("security")) {
        assertThat(responses).as(method + " " + path + " needs a token, so it documents 401").containsKey("401");
      }
    }));
  }
}
