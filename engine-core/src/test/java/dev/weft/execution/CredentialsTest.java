package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.credential.CredentialCipher;
import dev.weft.event.ExecutionEvent;
import dev.weft.store.InMemoryCredentialStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CredentialsTest extends EngineTestSupport {
  private static final String SECRET = "s3cr3t-t0ken-value";

  @Override
  protected Weft.Builder configure(Weft.Builder builder) {
    return builder.credentialStore(new InMemoryCredentialStore(),
        CredentialCipher.fromConfig("test=" + CredentialCipher.generateKey()));
  }

  private static String workflow(String credentials) {
    return """
        {"name": "secret", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Use", "type": "test.secret" %s}],
         "connections": [{"from": "Start", "to": "Use"}]}
        """.formatted(credentials);
  }

  @Test
  void aNodeGetsItsDecryptedCredentialAndNothingLeaks() {
    String id = weft.credentials().create("ci key", "test.key", null, Map.of("user", "ada", "token", SECRET)).id();
    List<ExecutionEvent> events = new CopyOnWriteArrayList<>();
    weft.addListener(events::add);
    ExecutionResult r = run(workflow(", \"credentials\": {\"test.key\": \"" + id + "\"}"));
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(json(r.output())).containsExactly(Map.of("user", "ada", "tokenLength", SECRET.length()));
    assertThat(events.toString()).doesNotContain(SECRET);
    assertThat(weft.credentials().get(id).orElseThrow().toString()).doesNotContain(SECRET);
  }

  @Test
  void aMissingAssignmentSaysHowToFixIt() {
    ExecutionResult r = run(workflow(""));
    assertThat(r.error().message()).isEqualTo("node 'Use' (test.secret) failed: no credentials of type 'test.key' are "
        + "assigned to this node; set \"credentials\": {\"test.key\": \"<credential id>\"} in the workflow");
  }

  @Test
  void anUnknownCredentialIdIsNamed() {
    ExecutionResult r = run(workflow(", \"credentials\": {\"test.key\": \"nope\"}"));
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().parameter()).isEqualTo("credentials.test.key");
    assertThat(r.error().message()).contains("nope");
  }
}
