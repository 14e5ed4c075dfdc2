package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialApiTest {
  private static final String SECRET = "s3cr3t-" + UUID.randomUUID();
  @TempDir
  static Path data;
  static WeftServer server;
  static Http admin;

  @BeforeAll
  static void start() {
    server = TestServers.start(data);
    admin = Http.to(server).signUp("admin@example.com");
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void secretsAreStoredButNeverAnsweredOnlyWhetherTheyAreSet() {
    Http user = admin.signUp("u-" + UUID.randomUUID() + "@example.com");
    assertThat(user.get("/api/credential-types").items()).extracting(t -> t.get("id")).contains("weft.cryptoKey");

    Http.Res created = user.post("/api/credentials", Map.of("name", "Signing key", "type", "weft.cryptoKey",
        "values", Map.of("secret", SECRET)));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.text()).doesNotContain(SECRET);
    assertThat(created.body().get("secrets")).isEqualTo(Map.of("secret", true, "privateKey", false));
    String id = (String) created.body().get("id");

    assertThat(user.get("/api/credentials/" + id).text()).doesNotContain(SECRET).contains("Signing key");
    assertThat(user.get("/api/credentials").text()).doesNotContain(SECRET).contains(id);

    Http.Res renamed = user.put("/api/credentials/" + id, Map.of("name", "Renamed key"));
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.body().get("secrets")).as("a secret left out keeps its value")
        .isEqualTo(Map.of("secret", true, "privateKey", false));
    assertThat(renamed.text()).doesNotContain(SECRET);

    Map<String, Object> cleared = new HashMap<>();
    cleared.put("secret", null);
    Http.Res clearedRes = user.put("/api/credentials/" + id, Map.of("values", cleared));
    assertThat(clearedRes.body().get("secrets")).isEqualTo(Map.of("secret", false, "privateKey", false));

    Http stranger = admin.signUp("s-" + UUID.randomUUID() + "@example.com");
    assertThat(stranger.get("/api/credentials/" + id).status()).isEqualTo(404);
    assertThat(stranger.get("/api/credentials").items()).isEmpty();
    assertThat(stranger.delete("/api/credentials/" + id).status()).isEqualTo(404);
    assertThat(user.delete("/api/credentials/" + id).status()).isEqualTo(204);
    assertThat(user.get("/api/credentials/" + id).status()).isEqualTo(404);
  }

  @SuppressWarnings("unchecked")
  @Test
  void invalidCredentialsAreRejectedNamingTheField() {
    Http user = admin.signUp("v-" + UUID.randomUUID() + "@example.com");
    Http.Res unknownField = user.post("/api/credentials", Map.of("name", "Bad", "type", "weft.cryptoKey",
        "values", Map.of("password", "x")));
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.error()).containsEntry("code", "invalid_credential");
    assertThat((List<String>) ((Map<String, Object>) unknownField.error().get("details")).get("problems"))
        .anySatisfy(p -> assertThat(p).contains("'password'"));
    Http.Res unknownType = user.post("/api/credentials", Map.of("name", "Bad", "type", "acme.nothing"));
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(unknownType.text()).contains("acme.nothing");
    Http.Res noName = user.post("/api/credentials", Map.of("type", "weft.cryptoKey"));
    assertThat(noName.error().get("details")).isEqualTo(Map.of("field", "name"));
  }

  @Test
  void aWorkflowCannotUseSomeoneElsesCredential() {
    Http owner = admin.signUp("w-" + UUID.randomUUID() + "@example.com");
    Http thief = admin.signUp("x-" + UUID.randomUUID() + "@example.com");
    String credentialId = (String) owner.post("/api/credentials", Map.of("name", "Key", "type", "weft.cryptoKey",
        "values", Map.of("secret", SECRET))).body().get("id");
    Map<String, Object> node = new HashMap<>(Workflows.node("Sign", "weft.crypto", Map.of("action", "hmac",
        "value", "x", "keySource", "credential"), 200));
    node.put("credentials", Map.of("weft.cryptoKey", credentialId));
    Map<String, Object> wf = Workflows.workflow("Steal", List.of(
        Workflows.node("Start", "weft.manualTrigger", Map.of(), 0), node));
    String id = (String) thief.post("/api/workflows", wf).body().get("id");
    Http.Res run = thief.post("/api/workflows/" + id + "/run", Map.of());
    assertThat(run.status()).isEqualTo(400);
    assertThat(run.error()).containsEntry("code", "invalid_credentials");
    assertThat((String) run.error().get("message")).contains("'Sign'").contains(credentialId);
  }
}
