package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutating API calls leave audit entries, without secrets, that only admins read through {@code GET /api/audit}. */
class AuditApiTest {
  private static final String SECRET = "s3cr3t-" + UUID.randomUUID();
  private static final String PASSWORD = "correct horse battery";
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

  private static String id(Http.Res res) {
    assertThat(res.status()).as(res.text()).isBetween(200, 299);
    return (String) res.body().get("id");
  }

  private static List<String> actions(Http.Res res) {
    assertThat(res.status()).as(res.text()).isEqualTo(200);
    return res.items().stream().map(e -> (String) e.get("action")).toList();
  }

  @Test
  void theFirstUserIsTheAdminAndOnlyAdminsReadTheLog() {
    assertThat(admin.get("/api/auth/me").body()).containsEntry("role", "admin");
    Http member = admin.signUp("m-" + UUID.randomUUID() + "@example.com");
    assertThat(member.get("/api/auth/me").body()).containsEntry("role", "member");

    Http.Res refused = member.get("/api/audit");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error()).containsEntry("code", "forbidden");
    assertThat(Http.to(server).get("/api/audit").status()).isEqualTo(401);
    assertThat(admin.get("/api/audit").status()).isEqualTo(200);
  }

  @Test
  void everyMutatingCallIsRecordedNewestFirstWithoutSecrets() throws Exception {
    String email = "m-" + UUID.randomUUID() + "@example.com";
    Http member = admin.signUp(email);
    String memberId = (String) member.get("/api/auth/me").body().get("id");

    String wf = id(member.post("/api/workflows", Workflows.greeting("Audited")));
    member.put("/api/workflows/" + wf, Map.of("version", 1, "definition", Workflows.greeting("Audited v2")));
    Http.Res run = member.post("/api/workflows/" + wf + "/run?wait=true", Map.of());
    assertThat(run.status()).as(run.text()).isEqualTo(200);
    String execution = (String) run.body().get("executionId");
    assertThat(member.delete("/api/executions/" + execution).status()).isEqualTo(204);
    String hook = id(member.post("/api/workflows", Workflows.webhook("Hooked", "audit/" + UUID.randomUUID())));
    assertThat(member.post("/api/workflows/" + hook + "/activate", Map.of()).status()).isEqualTo(200);
    assertThat(member.post("/api/workflows/" + hook + "/deactivate", Map.of()).status()).isEqualTo(200);
    assertThat(member.delete("/api/workflows/" + hook).status()).isEqualTo(204);
    String cred = id(member.post("/api/credentials", Map.of("name", "Key", "type", "weft.cryptoKey",
        "values", Map.of("secret", SECRET))));
    member.put("/api/credentials/" + cred, Map.of("values", Map.of("secret", SECRET + "-2")));
    assertThat(member.delete("/api/credentials/" + cred).status()).isEqualTo(204);
    Http anonymous = Http.to(server);
    assertThat(anonymous.post("/api/auth/login", Map.of("email", email, "password", "wrong password"))
        .status()).isEqualTo(401);
    assertThat(anonymous.post("/api/auth/login", Map.of("email", PASSWORD, "password", PASSWORD))
        .status()).isEqualTo(401);
    Http.Res login = anonymous.post("/api/auth/login", Map.of("email", email, "password", PASSWORD));
    assertThat(login.status()).isEqualTo(200);
    assertThat(anonymous.as((String) login.body().get("token")).post("/api/auth/logout", Map.of()).status())
        .isEqualTo(204);

    Http.Res mine = admin.get("/api/audit?actor=" + memberId);
    assertThat(actions(mine)).containsExactly("user.logout", "user.login", "credential.delete", "credential.update",
        "credential.create", "workflow.delete", "workflow.deactivate", "workflow.activate", "workflow.create",
        "execution.delete", "workflow.run", "workflow.update", "workflow.create");
    assertThat(mine.body()).containsEntry("total", 13);
    Map<String, Object> update = mine.items().get(11);
    assertThat(update).containsEntry("targetType", "workflow").containsEntry("targetId", wf)
        .containsEntry("actor", memberId);
    assertThat(map(update.get("details"))).containsEntry("name", "Audited v2").containsEntry("version", 2);
    assertThat(Instant.parse((String) update.get("at"))).isBeforeOrEqualTo(Instant.now());
    Map<String, Object> credUpdate = mine.items().get(3);
    assertThat(map(credUpdate.get("details"))).containsEntry("fields", List.of("secret"));

    Http.Res all = admin.get("/api/audit?limit=500");
    assertThat(all.text()).doesNotContain(SECRET).doesNotContain(PASSWORD);
    Http.Res failed = admin.get("/api/audit?action=user.login.failed");
    assertThat(failed.items()).extracting(e -> e.get("actor")).containsOnly("anonymous");
    assertThat(failed.items()).extracting(e -> e.get("targetId")).containsExactly(null, memberId);
    Http.Res registered = admin.get("/api/audit?action=user.register&targetId=" + memberId);
    assertThat(registered.items()).singleElement().satisfies(e -> {
      assertThat(e.get("actor")).as("the admin registered the member").isNotEqualTo(memberId);
      assertThat(map(e.get("details"))).containsEntry("email", email).containsEntry("role", "member");
    });

    assertThat(actions(admin.get("/api/audit?actor=" + memberId + "&action=credential.")))
        .containsExactly("credential.delete", "credential.update", "credential.create");
    assertThat(actions(admin.get("/api/audit?targetType=workflow&targetId=" + wf)))
        .containsExactly("workflow.run", "workflow.update", "workflow.create");
    Http.Res page = admin.get("/api/audit?actor=" + memberId + "&offset=1&limit=2");
    assertThat(actions(page)).containsExactly("user.login", "credential.delete");
    assertThat(page.body()).containsEntry("total", 13).containsEntry("offset", 1).containsEntry("limit", 2);
    assertThat(admin.get("/api/audit?actor=" + memberId + "&to=" + Instant.now().minusSeconds(3600)).items())
        .isEmpty();
    assertThat(admin.get("/api/audit?actor=" + memberId + "&from=" + Instant.now().plusSeconds(3600)).items())
        .isEmpty();

    Http.Res bad = admin.get("/api/audit?from=yesterday");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error().get("details")).isEqualTo(Map.of("parameter", "from"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
