package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits, CORS, unknown routes and the node catalogue. */
class HttpBehaviourTest {
  @TempDir
  static Path data;
  static WeftServer server;
  static Http user;

  @BeforeAll
  static void start() {
    server = TestServers.start(data, c -> c.withMaxRequestBytes(4096)
        .withCorsOrigins(List.of("https://app.example.com")));
    user = Http.to(server).signUp("ada@example.com");
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void bodiesOverTheLimitAreRefused() {
    String big = "{\"name\":\"" + "x".repeat(10_000) + "\"}";
    Http.Res r = user.send("POST", "/api/workflows", big, "application/json");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.error()).containsEntry("code", "request_too_large");
    assertThat((String) r.error().get("message")).contains("4096");
  }

  @Test
  void unknownRoutesAnswerTheErrorShape() {
    Http.Res r = user.get("/api/nothing-here");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).containsEntry("code", "not_found");
    assertThat((String) r.error().get("message")).contains("/api/nothing-here");
    assertThat(user.get("/api/workflows/does-not-exist").error()).containsEntry("code", "not_found")
        .containsEntry("details", Map.of("kind", "workflow", "id", "does-not-exist"));
  }

  @Test
  void configuredOriginsMayCallTheApiFromABrowser() {
    Http.Res allowed = Http.send(new Request.Builder().url(user.base + "/api/health")
        .header("Origin", "https://app.example.com").build());
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    Http.Res preflight = Http.send(new Request.Builder().url(user.base + "/api/workflows")
        .method("OPTIONS", null)
        .header("Origin", "https://app.example.com")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type").build());
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    Http.Res other = Http.send(new Request.Builder().url(user.base + "/api/health")
        .header("Origin", "https://evil.example.com").build());
    assertThat(other.header("Access-Control-Allow-Origin")).isNull();
  }

  @SuppressWarnings("unchecked")
  @Test
  void theNodeCatalogueDescribesEveryNodeType() {
    List<Map<String, Object>> nodes = user.get("/api/nodes").items();
    assertThat(nodes).extracting(n -> n.get("type")).contains("weft.set", "weft.manualTrigger", "weft.if",
        TestWebhookTrigger.TYPE);
    Map<String, Object> set = user.get("/api/nodes/weft.set").body();
    assertThat(set).containsEntry("type", "weft.set").containsKeys("parameters", "inputs", "outputs", "displayName");
    assertThat((List<Map<String, Object>>) set.get("parameters")).extracting(p -> p.get("name"))
        .contains("mode", "fields");
    Http.Res missing = user.get("/api/nodes/acme.nothing");
    assertThat(missing.status()).isEqualTo(404);
    assertThat((String) missing.error().get("message")).contains("acme.nothing");
  }
}
