package dev.weft.nodes.integrations.nats;

import static dev.weft.nodes.integrations.Flows.items;
import static dev.weft.nodes.integrations.Flows.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.integrations.Flows;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against the NATS server of this machine (127.0.0.1:4222). */
class NatsNodeTest {
  static final Credentials CREDENTIALS = new Credentials("nats", NatsAccess.TYPE,
      Map.of("servers", "nats://127.0.0.1:4222"));
  private final String subject = "weft.test." + UUID.randomUUID().toString().replace("-", "");

  @Test
  void publishesItems() throws Exception {
    try (Connection conn = NatsAccess.connect(CREDENTIALS, "test"); Weft weft = Flows.engine(null, CREDENTIALS)) {
      Subscription sub = conn.subscribe(subject);
      conn.flush(Duration.ofSeconds(2));
      ExecutionResult r = weft.run(Flows.single("weft.nats", """
          { "subject": "%s", "headers": [ { "name": "Trace", "value": "t-1" } ] }""".formatted(subject),
          "{ \"weft.nats\": \"nats\" }"), items("[{\"n\": 1}, {\"n\": 2}]"));
      assertThat(r.error()).isNull();
      Message first = sub.nextMessage(Duration.ofSeconds(5));
      assertThat(parse(new String(first.getData(), StandardCharsets.UTF_8))).isEqualTo(parse("{\"n\": 1}"));
      assertThat(first.getHeaders().getFirst("Trace")).isEqualTo("t-1");
      assertThat(parse(new String(sub.nextMessage(Duration.ofSeconds(5)).getData(), StandardCharsets.UTF_8)))
          .isEqualTo(parse("{\"n\": 2}"));
    }
  }

  @Test
  void sendsRequestsAndOutputsReplies() throws Exception {
    try (Connection conn = NatsAccess.connect(CREDENTIALS, "test"); Weft weft = Flows.engine(null, CREDENTIALS)) {
      Dispatcher d = conn.createDispatcher(msg -> conn.publish(msg.getReplyTo(),
          ("{\"echo\": " + new String(msg.getData(), StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8)));
      d.subscribe(subject);
      conn.flush(Duration.ofSeconds(2));
      ExecutionResult r = weft.run(Flows.single("weft.nats", """
          { "operation": "request", "subject": "%s", "content": "text", "message": "{{ $json.q }}" }""".formatted(subject),
          "{ \"weft.nats\": \"nats\" }"), items("[{\"q\": \"42\"}]"));
      assertThat(r.error()).isNull();
      assertThat(r.items("Node").get(0).json().get("data")).isEqualTo(parse("{\"echo\": 42}"));

      ExecutionResult nobody = weft.run(Flows.single("weft.nats", """
          { "operation": "request", "subject": "%s.nobody", "timeoutMs": 500 }""".formatted(subject),
          "{ \"weft.nats\": \"nats\" }"), items("[{}]"));
      assertThat(nobody.error().message()).contains(subject + ".nobody");
    }
  }

  @Test
  void theTriggerAnswersRequestsWithTheExecutionsOutput() throws Exception {
    Flows.Record record = new Flows.Record();
    try (Connection conn = NatsAccess.connect(CREDENTIALS, "test");
        Weft weft = Flows.engine(null, null, List.of(record), CREDENTIALS)) {
      weft.activate(Flows.triggered("wf-nats", "weft.natsTrigger", "{ \"subject\": \"%s.*\", \"queueGroup\": \"workers\" }"
          .formatted(subject), "{ \"weft.nats\": \"nats\" }", false));
      conn.publish(subject + ".created", "{\"id\": 3}".getBytes(StandardCharsets.UTF_8));
      List<Item> seen = record.await(1);
      assertThat(seen.get(0).json().get("data")).isEqualTo(parse("{\"id\": 3}"));
      assertThat(seen.get(0).json().get("subject")).isEqualTo(subject + ".created");

      Message reply = conn.request(subject + ".ask", "{\"q\": 1}".getBytes(StandardCharsets.UTF_8),
          Duration.ofSeconds(10));
      assertThat(reply).isNotNull();
      Map<?, ?> answer = (Map<?, ?>) parse(new String(reply.getData(), StandardCharsets.UTF_8));
      assertThat(answer.get("data")).isEqualTo(parse("{\"q\": 1}"));
      assertThat(answer.get("subject")).isEqualTo(subject + ".ask");
      weft.deactivate("wf-nats");
    }
  }

  @Test
  void testsCredentials() throws Exception {
    CredentialTester.Result ok = NatsAccess.type().tester().test(CREDENTIALS, null);
    assertThat(ok.ok()).as(ok.message()).isTrue();
    CredentialTester.Result bad = NatsAccess.type().tester().test(new Credentials("x", NatsAccess.TYPE,
        Map.of("servers", "nats://127.0.0.1:1")), null);
    assertThat(bad.ok()).isFalse();
  }
}
