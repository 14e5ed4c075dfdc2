package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.persistence.jdbc.JdbcConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on the real PostgreSQL at 127.0.0.1:5432 (override with -Dweft.test.pg.url/user/password), in a fresh
 * schema dropped afterwards.
 */
class PostgresServerTest {
  static final String URL = System.getProperty("weft.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getProperty("weft.test.pg.user", "postgres");
  static final String PASSWORD = System.getProperty("weft.test.pg.password", "");
  static final String SCHEMA = "weft_srv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @TempDir
  static Path data;
  static WeftServer server;

  @BeforeAll
  static void start() {
    JdbcConfig pg = JdbcConfig.url(URL).withCredentials(USER, PASSWORD).withSchema(SCHEMA);
    server = TestServers.start(data, c -> c.withJdbc(pg));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
    }
  }

  @Test
  void usersWorkflowsExecutionsAndEventsLiveInPostgres() throws Exception {
    Http user = signIn(server, "pg@example.com");
    assertThat(Http.to(server).post("/api/auth/login", Map.of("email", "pg@example.com",
        "password", "correct horse battery")).status()).isEqualTo(200);
    String id = (String) user.post("/api/workflows", Workflows.greeting("On Postgres")).body().get("id");
    Http.Res run = user.post("/api/workflows/" + id + "/run?wait=true", Map.of("items", List.of(Map.of("who",
        "PG"))));
    assertThat(run.body()).containsEntry("status", "success");
    String executionId = (String) run.body().get("executionId");
    assertThat(user.get("/api/executions?workflowId=" + id + "&status=success").items())
        .extracting(e -> e.get("id")).containsExactly(executionId);
    assertThat(user.get("/api/executions/" + executionId).text()).contains("hello PG");
    assertThat(user.get("/api/workflows").items()).filteredOn(w -> id.equals(w.get("id"))).singleElement()
        .satisfies(w -> assertThat(w.get("lastExecution").toString()).contains(executionId).contains("success"));
    try (SseClient events = new SseClient(user, "/api/executions/" + executionId + "/events", null)) {
      assertThat(events.until("execution.finished").get(0).type()).isEqualTo("execution.started");
    }
    assertThat(user.get("/api/stats").text()).contains(id);
    Map<String, Object> credential = user.post("/api/credentials", Map.of("name", "Key", "type", "weft.cryptoKey",
        "values", Map.of("secret", "pg-secret-value"))).body();
    assertThat(credential.toString()).doesNotContain("pg-secret-value");

    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT COUNT(*) FROM \"" + SCHEMA + "\".weft_user")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void aSecondServerOnTheSameDatabaseCancelsAnExecutionTheFirstOneKeeps() throws Exception {
    JdbcConfig pg = JdbcConfig.url(URL).withCredentials(USER, PASSWORD).withSchema(SCHEMA);
    WeftServer second = TestServers.start(data, c -> c.withJdbc(pg));
    try {
      Http first = signIn(server, "pg@example.com");
      Http other = signIn(second, "pg@example.com");
      String id = (String) first.post("/api/workflows", Workflows.workflow("Waits on the first", List.of(
          Workflows.node("Start", "weft.manualTrigger", Map.of(), 0),
          Workflows.node("Pause", "weft.wait", Map.of("resume", "call"), 200)))).body().get("id");
      Http.Res run = first.post("/api/workflows/" + id + "/run?wait=true", Map.of());
      assertThat(run.body()).containsEntry("status", "waiting");
      String executionId = (String) run.body().get("executionId");

      // the second server does not hold the execution: it asks the first one over PostgreSQL's LISTEN/NOTIFY
      Http.Res cancelled = other.post("/api/executions/" + executionId + "/cancel", Map.of());
      assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
      String status = null;
      while (System.nanoTime() < deadline) {
        status = (String) first.get("/api/executions/" + executionId).body().get("status");
        if ("cancelled".equals(status)) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(status).isEqualTo("cancelled");

      // both servers store the events of the runs they make: their event numbers never collide
      String greeting = (String) first.post("/api/workflows", Workflows.greeting("Events on both")).body().get("id");
      String onFirst = (String) first.post("/api/workflows/" + greeting + "/run?wait=true", Map.of()).body()
          .get("executionId");
      String onSecond = (String) other.post("/api/workflows/" + greeting + "/run?wait=true", Map.of()).body()
          .get("executionId");
      for (String execution : List.of(onFirst, onSecond)) {
        long deadline2 = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        int stored = 0;
        while (System.nanoTime() < deadline2 && stored == 0) {
          try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = c.createStatement();
              var rs = st.executeQuery("SELECT COUNT(*) FROM \"" + SCHEMA + "\".weft_server_event WHERE execution_id = '"
                  + execution + "'")) {
            rs.next();
            stored = rs.getInt(1);
          }
          Thread.sleep(100);
        }
        assertThat(stored).as("events of execution %s stored", execution).isGreaterThan(0);
      }
    } finally {
      second.stop();
    }
  }

  /** The first user of the schema registers (whichever test runs first); later sign-ins log in. */
  private static Http signIn(WeftServer to, String email) {
    Http anonymous = Http.to(to);
    Http.Res r = anonymous.post("/api/auth/register", Map.of("email", email, "password", "correct horse battery"));
    if (r.status() != 201) {
      r = anonymous.post("/api/auth/login", Map.of("email", email, "password", "correct horse battery"));
    }
    assertThat(r.status()).as(r.text()).isIn(200, 201);
    return anonymous.as((String) r.body().get("token"));
  }

  @Test
  void aWorkflowActivatedOnOneServerServesItsWebhookOnTheOtherToo() throws Exception {
    JdbcConfig pg = JdbcConfig.url(URL).withCredentials(USER, PASSWORD).withSchema(SCHEMA);
    WeftServer second = TestServers.start(data, c -> c.withJdbc(pg));
    try {
      Http first = signIn(server, "pg@example.com");
      String path = "hook-" + UUID.randomUUID().toString().substring(0, 8);
      String id = (String) first.post("/api/workflows", Workflows.webhook("Hook on both", path)).body().get("id");
      assertThat(first.post("/api/workflows/" + id + "/activate", Map.of()).status()).isEqualTo(200);
      Http anonymous = Http.to(second);
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
      int status = 0;
      while (System.nanoTime() < deadline) {
        status = anonymous.post("/webhook/" + path, Map.of("n", 1)).status();
        if (status == 200) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(status).as("the second server learned of the activation over the bus").isEqualTo(200);

      assertThat(first.post("/api/workflows/" + id + "/deactivate", Map.of()).status()).isEqualTo(200);
      deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        status = anonymous.post("/webhook/" + path, Map.of("n", 1)).status();
        if (status == 404) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(status).as("and of the deactivation").isEqualTo(404);
    } finally {
      second.stop();
    }
  }
}
