package dev.weft.nodes.integrations.oauth;

import static dev.weft.nodes.integrations.ServiceTests.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.credential.CredentialCipher;
import dev.weft.nodes.integrations.IntegrationNodes;
import dev.weft.store.InMemoryCredentialStore;
import dev.weft.workflow.Workflow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refreshed token is written back into the engine's encrypted credential store by the engine's own
 * {@code CredentialUpdates} service (the host registers nothing), and a later execution uses it without refreshing.
 */
class TokenWriteBackTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    OAuth2.clearCache();
  }

  @Test
  void theStoredCredentialHoldsTheRefreshedTokenAfterTheRun() throws Exception {
    server.enqueue(json(200, "{\"ok\":true,\"access_token\":\"xoxe.xoxb-ROTATED\",\"expires_in\":43200,"
        + "\"refresh_token\":\"xoxe-1-ROTATED\"}"));
    server.enqueue(json(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.1\"}"));
    server.enqueue(json(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}"));
    InMemoryCredentialStore store = new InMemoryCredentialStore();
    CredentialCipher cipher = CredentialCipher.builder().key("k1", CredentialCipher.generateKey()).build();
    try (Weft weft = Weft.builder().discoverNodePacks(false).nodePack(new IntegrationNodes())
        .credentialStore(store, cipher)
        .build()) {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("clientId", "111.222");
      values.put("clientSecret", "client-secret");
      values.put("accessTokenUrl", server.url("/api/oauth.v2.access").toString());
      values.put("accessToken", "xoxe.xoxb-OLD");
      values.put("refreshToken", "xoxe-1-OLD");
      values.put("expiresAt", Instant.now().minusSeconds(60).toString());
      values.put("baseUrl", server.url("/api").toString());
      String id = weft.credentials().create("Acme Slack", "weft.slackOAuth2Api", null, values).id();
      Workflow wf = Workflow.fromJson("""
          { "name": "post", "nodes": [ { "name": "Slack", "type": "weft.slack",
            "credentials": { "weft.slackOAuth2Api": "%s" },
            "parameters": { "authentication": "oAuth2", "resource": "message", "operation": "post",
                            "channel": "C1", "text": "hi" } } ], "connections": [] }""".formatted(id));

      ExecutionResult first = weft.run(wf);
      assertThat(first.error()).isNull();
      var stored = weft.credentials().decrypt(id);
      assertThat(stored.string("accessToken")).isEqualTo("xoxe.xoxb-ROTATED");
      assertThat(stored.string("refreshToken")).isEqualTo("xoxe-1-ROTATED");
      assertThat(Instant.parse(stored.string("expiresAt"))).isAfter(Instant.now().plusSeconds(43000));
      assertThat(store.get(id).orElseThrow().sealedData()).as("stored encrypted")
          .doesNotContain("ROTATED").doesNotContain("xoxe");

      OAuth2.clearCache(); // as after a restart: only the store remembers
      assertThat(weft.run(wf).error()).isNull();
    }
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/oauth.v2.access");
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
        .isEqualTo("Bearer xoxe.xoxb-ROTATED");
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
        .isEqualTo("Bearer xoxe.xoxb-ROTATED");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
