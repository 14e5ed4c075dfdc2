package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthApiTest {
  @TempDir
  Path data;
  WeftServer server;
  Http http;

  @BeforeEach
  void start() {
    server = TestServers.start(data);
    http = Http.to(server);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void theFirstUserRegistersFreelyAndLaterOnesOnlyThroughASignedInUser() {
    assertThat(http.get("/api/auth/status").body()).containsEntry("setupRequired", true);
    Http.Res first = http.post("/api/auth/register", Map.of("email", "Ada@Example.com", "password", "long enough 1"));
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.body()).containsKeys("token", "refreshToken");
    assertThat(first.body().get("user")).asString().contains("ada@example.com");
    assertThat(http.get("/api/auth/status").body()).containsEntry("setupRequired", false);

    Http.Res stranger = http.post("/api/auth/register", Map.of("email", "eve@example.com", "password", "long enough 2"));
    assertThat(stranger.status()).isEqualTo(401);
    assertThat(stranger.error()).containsEntry("code", "unauthorized");

    Http ada = http.as((String) first.body().get("token"));
    assertThat(ada.post("/api/auth/register", Map.of("email", "bob@example.com", "password", "long enough 3"))
        .status()).isEqualTo(201);
    Http.Res twice = ada.post("/api/auth/register", Map.of("email", "BOB@example.com", "password", "long enough 3"));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.error()).containsEntry("code", "email_taken");
    assertThat((String) twice.error().get("message")).contains("bob@example.com");
  }

  @Test
  void registrationNamesTheFieldAtFault() {
    Http.Res shortPassword = http.post("/api/auth/register", Map.of("email", "ada@example.com", "password", "short"));
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.error()).containsEntry("code", "invalid_field");
    assertThat(shortPassword.error().get("details")).isEqualTo(Map.of("field", "password"));
    assertThat((String) shortPassword.error().get("message")).contains("at least 8 characters");

    Http.Res badEmail = http.post("/api/auth/register", Map.of("email", "not-an-address", "password", "long enough"));
    assertThat(badEmail.error().get("details")).isEqualTo(Map.of("field", "email"));

    Http.Res notJson = http.send("POST", "/api/auth/register", "{nope", "application/json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.error()).containsEntry("code", "invalid_json");
  }

  @Test
  void loginRefreshAndLogout() {
    http.signUp("ada@example.com");
    Http.Res wrong = http.post("/api/auth/login", Map.of("email", "ada@example.com", "password", "wrong password"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.error()).containsEntry("code", "invalid_credentials");
    Http.Res unknown = http.post("/api/auth/login", Map.of("email", "nobody@example.com", "password", "whatever1"));
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.error().get("message")).isEqualTo(wrong.error().get("message"));

    Http.Res login = http.post("/api/auth/login",
        Map.of("email", "ADA@example.com", "password", "correct horse battery"));
    assertThat(login.status()).isEqualTo(200);
    Http ada = http.as((String) login.body().get("token"));
    assertThat(ada.get("/api/auth/me").body()).containsEntry("email", "ada@example.com");

    String refresh = (String) login.body().get("refreshToken");
    Http.Res refreshed = http.post("/api/auth/refresh", Map.of("refreshToken", refresh));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.body().get("refreshToken")).isNotEqualTo(refresh);
    assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", refresh)).status())
        .as("a refresh token works once").isEqualTo(401);

    Http second = http.as((String) refreshed.body().get("token"));
    assertThat(second.post("/api/auth/logout", Map.of("refreshToken", refreshed.body().get("refreshToken")))
        .status()).isEqualTo(204);
    Http.Res afterLogout = second.get("/api/workflows");
    assertThat(afterLogout.status()).isEqualTo(401);
    assertThat((String) afterLogout.error().get("message")).contains("logged out");
    assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", refreshed.body().get("refreshToken")))
        .status()).isEqualTo(401);
    assertThat(ada.get("/api/workflows").status()).as("other sessions go on").isEqualTo(200);
  }

  @Test
  void everyApiRouteButTheOpenOnesNeedsAValidToken() {
    http.signUp("ada@example.com");
    for (String path : new String[] {"/api/workflows", "/api/executions", "/api/nodes", "/api/credentials",
        "/api/stats", "/api/auth/me"}) {
      Http.Res r = http.get(path);
      assertThat(r.status()).as(path).isEqualTo(401);
      assertThat(r.error()).as(path).containsKeys("code", "message", "details");
    }
    assertThat(http.as("not.a.jwt").get("/api/workflows").error().get("message")).asString().contains("malformed");
    String forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwiaXNzIjoid2VmdCIsImV4cCI6OTk5OTk5OTk5OSwianRpIjoiMSJ9."
        + "c2lnbmF0dXJl";
    assertThat(http.as(forged).get("/api/workflows").error().get("message")).asString().contains("signature");
    assertThat(http.get("/api/health").status()).isEqualTo(200);
    assertThat(http.get("/api/openapi.json").status()).isEqualTo(200);
  }

  @Test
  void authRoutesAreRateLimitedPerClient() {
    server.stop();
    server = TestServers.start(data, c -> c.withAuthRequestsPerMinute(3));
    http = Http.to(server);
    for (int i = 0; i < 3; i++) {
      assertThat(http.post("/api/auth/login", Map.of("email", "a@example.com", "password", "whatever1")).status())
          .isEqualTo(401);
    }
    Http.Res limited = http.post("/api/auth/login", Map.of("email", "a@example.com", "password", "whatever1"));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.error()).containsEntry("code", "rate_limited");
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
  }

  @Test
  void answersCarrySecurityHeaders() {
    Http.Res r = http.get("/api/health");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
  }
}
