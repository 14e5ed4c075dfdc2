package dev.weft.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weft main} and {@code weft worker} as separate JVMs on the real PostgreSQL (a schema of the test's own) and
 * Redis: a run started through the main's API is executed by the worker, and the worker's execution events reach the
 * main's live stream.
 */
class QueueModeRolesTest {
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Process> processes = new ArrayList<>();
  private final String schema = "weft_roles_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String prefix = "weft-roles-" + UUID.randomUUID();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
    try (var redis = new redis.clients.jedis.JedisPooled("127.0.0.1", 6379)) {
      for (String key : redis.keys(prefix + "*")) {
        redis.del(key);
      }
    }
  }

  @Test
  void settingsNameWhatIsMissingOrWrong() {
    assertThatThrownBy(() -> QueueMode.Settings.from(Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WEFT_REDIS_URL");
    assertThatThrownBy(() -> QueueMode.Settings.from(Map.of("WEFT_REDIS_URL", "redis://r:6379",
        "WEFT_DATABASE_URL", "jdbc:h2:mem:x"))).hasMessageContaining("PostgreSQL");
    assertThatThrownBy(() -> QueueMode.Settings.from(Map.of("WEFT_REDIS_URL", "redis://r:6379",
        "WEFT_DATABASE_URL", PG_URL))).hasMessageContaining("WEFT_ENCRYPTION_KEY");
    assertThatThrownBy(() -> QueueMode.Settings.from(Map.of("WEFT_REDIS_URL", "redis://r:6379",
        "WEFT_DATABASE_URL", PG_URL, "WEFT_ENCRYPTION_KEY", "k=x", "WEFT_WORKER_CONCURRENCY", "many")))
        .hasMessageContaining("WEFT_WORKER_CONCURRENCY");
    assertThat(QueueMode.Settings.from(Map.of("WEFT_REDIS_URL", "redis://r:6379", "WEFT_DATABASE_URL", PG_URL,
        "WEFT_ENCRYPTION_KEY", "k=x")).concurrency()).isEqualTo(10);
  }

  private Process start(String role, Map<String, String> extra, String readyText) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve(role + ".log");
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        WeftCli.class.getName(), role).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(Map.of("WEFT_REDIS_URL", "redis://127.0.0.1:6379", "WEFT_REDIS_PREFIX", prefix,
        "WEFT_DATABASE_URL", PG_URL, "WEFT_DB_USER", "postgres", "WEFT_DB_SCHEMA", schema,
        "WEFT_DATA", dir.resolve(role + "-data").toString()));
    pb.environment().putAll(extra);
    Process p = pb.start();
    processes.add(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(readyText)) {
        return p;
      }
      assertThat(p.isAlive()).as("weft %s is running; its output:%n%s", role,
          Files.exists(log) ? Files.readString(log) : "").isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError("weft " + role + " did not start within 90 s:\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> post(String url, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("POST %s: %s", url, r.body()).isBetween(200, 299);
    return JSON.readValue(r.body(), Map.class);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRunStartedOnTheMainIsExecutedByTheWorkerAndItsEventsReachTheMainsLiveStream() throws Exception {
    // the same credential key in every process
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    String encryptionKey = "k1=" + Base64.getEncoder().encodeToString(key);
    int port = freePort();
    start("main", Map.of("WEFT_PORT", String.valueOf(port), "WEFT_ENCRYPTION_KEY", encryptionKey),
        "Weft main is listening");
    start("worker", Map.of("WEFT_WORKER_ID", "roles-worker", "WEFT_ENCRYPTION_KEY", encryptionKey),
        "Weft worker roles-worker runs");
    int webhookPort = freePort();
    start("webhook", Map.of("WEFT_PORT", String.valueOf(webhookPort), "WEFT_ENCRYPTION_KEY", encryptionKey),
        "Weft webhook is listening");
    String base = "http://127.0.0.1:" + port;
    String token = (String) post(base + "/api/auth/register", null,
        "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}").get("token");
    String workflowId = (String) post(base + "/api/workflows", token, """
        {"name": "queued", "nodes": [{"name": "Start", "type": "weft.manualTrigger"},
          {"name": "Greet", "type": "weft.set", "parameters": {"mode": "manual",
            "fields": [{"name": "greeting", "value": "hello from a worker"}]}}],
         "connections": [{"from": "Start", "to": "Greet"}]}
        """).get("id");

    HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(
        URI.create(base + "/api/executions/stream?access_token=" + token)).header("Accept", "text/event-stream")
        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    String executionId = (String) post(base + "/api/workflows/" + workflowId + "/run", token, "{}")
        .get("executionId");

    List<String> types = new ArrayList<>();
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body()))) {
      java.util.concurrent.Future<?> reading = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("data:") && line.contains(executionId)) {
            Map<String, Object> event = JSON.readValue(line.substring(5).trim(), Map.class);
            types.add(String.valueOf(event.get("type")));
            if ("execution.finished".equals(event.get("type"))) {
              return null;
            }
          }
        }
        return null;
      });
      reading.get(60, TimeUnit.SECONDS);
    }
    assertThat(types).contains("execution.started", "node.finished", "execution.finished");

    HttpResponse<String> execution = http.send(HttpRequest.newBuilder(URI.create(base + "/api/executions/"
        + executionId)).header("authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    Map<String, Object> record = JSON.readValue(execution.body(), Map.class);
    assertThat(record.get("status")).isEqualTo("success");
    assertThat(execution.body()).contains("hello from a worker");
    assertThat(Files.readString(dir.resolve("main.log"))).doesNotContain("Exception");

    // a webhook activated through the main is served by the webhook process, and a worker runs it
    String hooked = (String) post(base + "/api/workflows", token, """
        {"name": "hooked", "nodes": [{"name": "Hook", "type": "weft.webhook",
           "parameters": {"method": "POST", "path": "roles-hook", "responseMode": "lastNode"}},
          {"name": "Answer", "type": "weft.set", "parameters": {"mode": "manual",
            "fields": [{"name": "answer", "value": "{{ $json.body.n * 2 }}"}]}}],
         "connections": [{"from": "Hook", "to": "Answer"}]}
        """).get("id");
    post(base + "/api/workflows/" + hooked + "/activate", token, "{}");
    String hookUrl = "http://127.0.0.1:" + webhookPort + "/webhook/roles-hook";
    HttpResponse<String> answered = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      answered = http.send(HttpRequest.newBuilder(URI.create(hookUrl)).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"n\": 21}")).build(), HttpResponse.BodyHandlers.ofString());
      if (answered.statusCode() == 200) {
        break;
      }
      Thread.sleep(200); // until the webhook process has heard of the activation
    }
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    assertThat(answered.body()).contains("\"answer\"").contains("42");
    HttpResponse<String> noApi = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webhookPort
        + "/api/workflows")).header("authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(noApi.statusCode()).as("the webhook process serves no API").isEqualTo(404);
  }
}
