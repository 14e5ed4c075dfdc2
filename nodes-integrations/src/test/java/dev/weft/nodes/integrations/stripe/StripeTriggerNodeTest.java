package dev.weft.nodes.integrations.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Weft;
import dev.weft.nodes.integrations.Capture;
import dev.weft.nodes.integrations.ServiceTests;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.WebhookRequest;
import dev.weft.spi.WebhookResponse;
import dev.weft.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StripeTriggerNodeTest {
  private static final String SECRET = "whsec_test_7d1f0c2b9a";
  private static final long NOW = 1_716_900_000L;
  private static final String EVENT = """
      {"id":"evt_1PxQ","object":"event","api_version":"2024-06-20","created":1716899990,
       "type":"payment_intent.succeeded","livemode":false,
       "data":{"object":{"id":"pi_3Px","object":"payment_intent","amount":1999,"currency":"eur","status":"succeeded"}}}""";

  private static String sign(String secret, long t, String payload) {
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(StripeTriggerNode.hmac(secret,
        (t + ".").getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8)))
        + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";
  }

  private static WebhookRequest delivery(String signature, String body) {
    return new WebhookRequest("POST", "hooks/stripe", Map.of(),
        signature == null ? Map.of() : Map.of("stripe-signature", List.of(signature)), Map.of(),
        "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private Weft engine(Capture capture, String events) throws Exception {
    Weft weft = ServiceTests.engine(b -> b.node(capture).clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)),
        new Credentials("wh-1", StripeCredentials.WEBHOOK_TYPE,
            Map.of("signingSecret", "whsec_new_secret_1, " + SECRET)));
    weft.activate(Workflow.fromJson("""
        { "id": "stripe-events", "name": "Stripe events",
          "nodes": [
            { "name": "Stripe Trigger", "type": "weft.stripeTrigger", "credentials": { "weft.stripeWebhookSecret": "wh-1" },
              "parameters": { "path": "hooks/stripe", "events": "%s" } },
            { "name": "Capture", "type": "test.capture" } ],
          "connections": [ { "from": "Stripe Trigger", "to": "Capture" } ] }""".formatted(events)));
    return weft;
  }

  @Test
  void startsAnExecutionForAVerifiedEvent() throws Exception {
    Capture capture = new Capture();
    try (Weft weft = engine(capture, "payment_intent.*, charge.refunded")) {
      WebhookResponse response = weft.webhooks().handle(delivery(sign(SECRET, NOW - 20, EVENT), EVENT));

      assertThat(response.status()).isEqualTo(200);
      Item item = capture.received.poll(5, TimeUnit.SECONDS);
      assertThat(item).isNotNull();
      assertThat(item.json()).containsEntry("id", "evt_1PxQ").containsEntry("type", "payment_intent.succeeded");
      assertThat(item.json().get("data")).isEqualTo(ServiceTests.parse(EVENT).getClass().cast(
          ((Map<?, ?>) ServiceTests.parse(EVENT)).get("data")));
    }
  }

  @Test
  void refusesBadSignaturesOldDeliveriesAndMissingHeaders() throws Exception {
    Capture capture = new Capture();
    try (Weft weft = engine(capture, "*")) {
      WebhookResponse forged = weft.webhooks().handle(delivery(sign("whsec_wrong", NOW, EVENT), EVENT));
      assertThat(forged.status()).isEqualTo(400);
      assertThat(new String(forged.body(), StandardCharsets.UTF_8))
          .contains("no v1 signature matches").doesNotContain(SECRET);

      WebhookResponse tampered = weft.webhooks().handle(delivery(sign(SECRET, NOW, EVENT),
          EVENT.replace("1999", "1")));
      assertThat(tampered.status()).isEqualTo(400);

      WebhookResponse replayed = weft.webhooks().handle(delivery(sign(SECRET, NOW - 301, EVENT), EVENT));
      assertThat(replayed.status()).isEqualTo(400);
      assertThat(new String(replayed.body(), StandardCharsets.UTF_8)).contains("outside the tolerance of 300 seconds");

      WebhookResponse unsigned = weft.webhooks().handle(delivery(null, EVENT));
      assertThat(unsigned.status()).isEqualTo(400);
      assertThat(new String(unsigned.body(), StandardCharsets.UTF_8)).contains("no Stripe-Signature header");

      assertThat(capture.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  @Test
  void ignoresOtherEventTypesAndRedeliveries() throws Exception {
    Capture capture = new Capture();
    try (Weft weft = engine(capture, "payment_intent.succeeded")) {
      String other = EVENT.replace("payment_intent.succeeded", "customer.created").replace("evt_1PxQ", "evt_2");
      WebhookResponse ignored = weft.webhooks().handle(delivery(sign(SECRET, NOW, other), other));
      assertThat(ignored.status()).isEqualTo(200);
      assertThat(new String(ignored.body(), StandardCharsets.UTF_8)).contains("\"ignored\":\"customer.created\"");

      assertThat(weft.webhooks().handle(delivery(sign(SECRET, NOW, EVENT), EVENT)).status()).isEqualTo(200);
      WebhookResponse again = weft.webhooks().handle(delivery(sign(SECRET, NOW + 60, EVENT), EVENT));
      assertThat(again.status()).isEqualTo(200);
      assertThat(new String(again.body(), StandardCharsets.UTF_8)).contains("\"duplicate\":true");

      assertThat(capture.received.poll(5, TimeUnit.SECONDS).json()).containsEntry("id", "evt_1PxQ");
      assertThat(capture.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  @Test
  void verifiesAgainstStripesDocumentedScheme() {
    String payload = "{\"id\":\"evt_test\"}";
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    String header = sign(SECRET, NOW, payload);
    assertThat(StripeTriggerNode.verify(header, body, List.of(SECRET), 300, NOW)).isNull();
    assertThat(StripeTriggerNode.verify(header.toUpperCase().replace("T=", "t=").replace("V1=", "v1="), body,
        List.of(SECRET), 300, NOW)).isNull();
    assertThat(StripeTriggerNode.verify("t=abc,v1=00", body, List.of(SECRET), 300, NOW)).contains("not a number");
    assertThat(StripeTriggerNode.verify("v1=00", body, List.of(SECRET), 300, NOW)).contains("no timestamp");
    assertThat(StripeTriggerNode.verify("t=" + NOW + ",v0=00", body, List.of(SECRET), 300, NOW))
        .contains("no v1 signature");
    assertThat(StripeTriggerNode.verify(header, body, List.of(SECRET), 300, NOW + 301)).contains("tolerance");
  }
}
