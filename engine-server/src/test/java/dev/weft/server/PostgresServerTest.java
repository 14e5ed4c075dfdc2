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
    Http user = Http.to(server).signUp("pg@example.com");
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
    assertThat(user.get("/api/workflows").items()).singleElement()
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
}
