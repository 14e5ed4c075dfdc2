package dev.weft.nodes.integrations.mqtt;

import static dev.weft.nodes.integrations.Flows.items;
import static dev.weft.nodes.integrations.Flows.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.integrations.Flows;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Test;

/** Against the Mosquitto broker of this machine (127.0.0.1:1883). */
class MqttNodeTest {
  static final Credentials CREDENTIALS = new Credentials("mq", Mqtt.TYPE, Map.of("host", "127.0.0.1", "port", 1883));
  private final String base = "weft-test/" + UUID.randomUUID();

  @Test
  void publishesItemsWithQosAndText() throws Exception {
    MqttClient listener = Mqtt.connect(CREDENTIALS, "test-listener", true);
    LinkedBlockingQueue<MqttMessage> got = new LinkedBlockingQueue<>();
    listener.subscribe(base + "/#", 1, (topic, message) -> got.add(message));
    try (Weft weft = Flows.engine(null, CREDENTIALS)) {
      ExecutionResult r = weft.run(Flows.single("weft.mqtt", "{ \"topic\": \"%s/orders\" }".formatted(base),
          "{ \"weft.mqtt\": \"mq\" }"), items("[{\"id\": 1}, {\"id\": 2}]"));
      assertThat(r.error()).isNull();
      MqttMessage first = got.poll(5, TimeUnit.SECONDS);
      assertThat(parse(new String(first.getPayload(), StandardCharsets.UTF_8))).isEqualTo(parse("{\"id\": 1}"));
      assertThat(first.getQos()).isEqualTo(1);
      assertThat(parse(new String(got.poll(5, TimeUnit.SECONDS).getPayload(), StandardCharsets.UTF_8)))
          .isEqualTo(parse("{\"id\": 2}"));

      ExecutionResult text = weft.run(Flows.single("weft.mqtt", """
          { "topic": "%s/greet", "content": "text", "message": "hi {{ $json.n }}", "qos": 0 }""".formatted(base),
          "{ \"weft.mqtt\": \"mq\" }"), items("[{\"n\": \"Ada\"}]"));
      assertThat(text.error()).isNull();
      assertThat(new String(got.poll(5, TimeUnit.SECONDS).getPayload(), StandardCharsets.UTF_8)).isEqualTo("hi Ada");

      ExecutionResult wildcard = weft.run(Flows.single("weft.mqtt", "{ \"topic\": \"%s/#\" }".formatted(base),
          "{ \"weft.mqtt\": \"mq\" }"), items("[{}]"));
      assertThat(wildcard.error().message()).contains("without wildcards");
    } finally {
      listener.disconnect();
      listener.close();
    }
  }

  @Test
  void theTriggerStartsAnExecutionPerMessage() throws Exception {
    Flows.Record record = new Flows.Record();
    try (Weft weft = Flows.engine(null, null, List.of(record), CREDENTIALS)) {
      weft.activate(Flows.triggered("wf-mqtt", "weft.mqttTrigger", "{ \"topics\": \"%s/+/temp, %s/alerts\" }"
          .formatted(base, base), "{ \"weft.mqtt\": \"mq\" }", false));
      MqttClient publisher = Mqtt.connect(CREDENTIALS, "test-publisher", true);
      publisher.publish(base + "/kitchen/temp", "{\"c\": 21.5}".getBytes(StandardCharsets.UTF_8), 1, false);
      publisher.publish(base + "/alerts", "door open".getBytes(StandardCharsets.UTF_8), 1, false);
      publisher.publish(base + "/other", "ignored".getBytes(StandardCharsets.UTF_8), 1, false);
      publisher.disconnect();
      publisher.close();
      List<Item> seen = record.await(2);
      Thread.sleep(300);
      weft.deactivate("wf-mqtt");
      assertThat(record.seen).hasSize(2);
      assertThat(seen.stream().map(i -> i.json().get("topic")).toList())
          .containsExactlyInAnyOrder(base + "/kitchen/temp", base + "/alerts");
      Map<String, Object> temp = seen.stream().filter(i -> i.json().get("topic").toString().endsWith("temp"))
          .findFirst().orElseThrow().json();
      assertThat(temp.get("message")).isEqualTo(parse("{\"c\": 21.5}"));
      assertThat(temp.get("qos")).isEqualTo(1L);
    }
  }

  @Test
  void testsCredentials() throws Exception {
    CredentialTester.Result ok = Mqtt.type().tester().test(CREDENTIALS, null);
    assertThat(ok.ok()).as(ok.message()).isTrue();
    CredentialTester.Result bad = Mqtt.type().tester().test(new Credentials("x", Mqtt.TYPE,
        Map.of("host", "127.0.0.1", "port", 1)), null);
    assertThat(bad.ok()).isFalse();
    assertThat(bad.message()).startsWith("MQTT:");
  }
}
