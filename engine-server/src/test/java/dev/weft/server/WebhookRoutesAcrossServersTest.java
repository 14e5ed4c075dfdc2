package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.persistence.jdbc.JdbcConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL schema (the real one at 127.0.0.1:5432): they share accounts, and two workflows
 * cannot serve one webhook route even when activated on different servers.
 */
class WebhookRoutesAcrossServersTest {
  static final String SCHEMA = "weft_routes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  @TempDir
  static Path dataOne;
  @TempDir
  static Path dataTwo;
  static WeftServer one;
  static WeftServer two;

  @BeforeAll
  static void start() {
    JdbcConfig pg = JdbcConfig.url(PostgresServerTest.URL)
        .withCredentials(PostgresServerTest.USER, PostgresServerTest.PASSWORD).withSchema(SCHEMA);
    one = TestServers.start(dataOne, c -> c.withJdbc(pg));
    two = TestServers.start(dataTwo, c -> c.withJdbc(pg));
  }

  @AfterAll
  static void stop() throws Exception {
    for (WeftServer s : new WeftServer[] {one, two}) {
      if (s != null) {
        s.stop();
      }
    }
    try (Connection c = DriverManager.getConnection(PostgresServerTest.URL, PostgresServerTest.USER,
        PostgresServerTest.PASSWORD); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
    }
  }

  @Test
  void aRouteServedOnOneServerCannotBeClaimedByAnotherWorkflowOnTheOther() {
    Http onOne = Http.to(one).signUp("routes@example.com");
    Http.Res login = Http.to(two).post("/api/auth/login",
        Map.of("email", "routes@example.com", "password", "correct horse battery"));
    assertThat(login.status()).as("the account made on one server signs in on the other").isEqualTo(200);
    Http onTwo = Http.to(two).as((String) login.body().get("token"));

    String path = "shared/" + UUID.randomUUID();
    String first = (String) onOne.post("/api/workflows", Workflows.webhook("First", path)).body().get("id");
    String second = (String) onTwo.post("/api/workflows", Workflows.webhook("Second", path)).body().get("id");
    assertThat(onOne.post("/api/workflows/" + first + "/activate", Map.of()).status()).isEqualTo(200);

    Http.Res refused = onTwo.post("/api/workflows/" + second + "/activate", Map.of());
    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.error()).containsEntry("code", "activation_failed");
    // named by the shared route store (the id), or by server two itself once the bus told it First is active
    assertThat((String) refused.error().get("message")).contains("POST /" + path).containsAnyOf(first, "'First'");
    assertThat(onTwo.get("/api/workflows/" + second).body()).containsEntry("active", false);
    // server two serves the route too, for First (active everywhere once the bus told it), never for Second
    Http.to(two).post("/webhook/" + path, Map.of("name", "x"));
    assertThat(onTwo.get("/api/executions?workflowId=" + second).items()).as("the refused workflow ran nothing")
        .isEmpty();

    assertThat(onOne.post("/api/workflows/" + first + "/deactivate", Map.of()).status()).isEqualTo(200);
    Http.Res activated = onTwo.post("/api/workflows/" + second + "/activate", Map.of());
    assertThat(activated.status()).as(activated.text()).isEqualTo(200);
    Http.Res served = Http.to(two).post("/webhook/" + path, Map.of("name", "Ada"));
    assertThat(served.status()).as(served.text()).isEqualTo(200);
    assertThat(served.text()).contains("got Ada");
  }
}
