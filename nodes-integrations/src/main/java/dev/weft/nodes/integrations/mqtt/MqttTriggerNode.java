package dev.weft.nodes.integrations.mqtt;

import dev.weft.nodes.integrations.messaging.BrokerMessages;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * MQTT Trigger ({@code weft.mqttTrigger}): subscribes to topics (wildcards allowed) at QoS 0, 1 or 2 and starts one
 * execution per message. Messages are acknowledged to the broker when their execution ends, so a QoS 1 message whose
 * execution never ran is delivered again after a reconnect; subscriptions are renewed on reconnect.
 */
public final class MqttTriggerNode implements TriggerNode {
  /** The node type id. */
  public static final String TYPE = "weft.mqttTrigger";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("MQTT Trigger")
      .group("trigger")
      .icon("fa:broadcast-tower")
      .description("Starts the workflow for each message on MQTT topics")
      .inputs()
      .parameters(
          ParameterSpec.string("topics").displayName("Topics").required().placeholder("sensors/+/temperature, alerts/#")
              .description("Comma-separated; + and # wildcards allowed"),
          ParameterSpec.options("qos", Option.of(0, "At most once (0)"), Option.of(1, "At least once (1)"),
              Option.of(2, "Exactly once (2)")).displayName("QoS").defaultValue(1),
          BrokerMessages.jsonParseParameter())
      .credential(Mqtt.TYPE, true)
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    String topicsText = context.parameter("topics", String.class);
    List<String> topics = new ArrayList<>();
    for (String t : topicsText == null ? new String[0] : topicsText.split(",")) {
      if (!t.isBlank()) {
        topics.add(t.trim());
      }
    }
    if (topics.isEmpty()) {
      throw NodeException.parameter("topics", -1, "name at least one topic");
    }
    int qos = context.parameter("qos", Number.class).intValue();
    boolean jsonParse = !Boolean.FALSE.equals(context.parameter("jsonParse", Boolean.class));
    Credentials c = context.credentials(Mqtt.TYPE);
    MqttClient client;
    try {
      client = Mqtt.connect(c, "trigger", true);
    } catch (Exception e) {
      throw new NodeException("cannot connect: " + Mqtt.message(e), e);
    }
    client.setManualAcks(true);
    String[] filters = topics.toArray(String[]::new);
    int[] qoss = new int[filters.length];
    java.util.Arrays.fill(qoss, qos);
    client.setCallback(new MqttCallbackExtended() {
      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        if (reconnect) {
          try {
            client.subscribe(filters, qoss);
          } catch (Exception e) {
            context.logger().warn("MQTT trigger could not renew its subscriptions", e);
          }
        }
      }

      @Override
      public void connectionLost(Throwable cause) {
        context.logger().warn("MQTT trigger lost its connection; reconnecting", cause);
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", topic);
        json.put("message", BrokerMessages.decode(message.getPayload(), jsonParse));
        json.put("qos", (long) message.getQos());
        json.put("retained", message.isRetained());
        json.put("duplicate", message.isDuplicate());
        context.emit(List.of(Item.of(json))).whenComplete((summary, error) -> {
          try {
            client.messageArrivedComplete(message.getId(), message.getQos());
          } catch (Exception e) {
            context.logger().debug("MQTT acknowledgement failed", e);
          }
        });
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {
        // the trigger does not publish
      }
    });
    client.subscribe(filters, qoss);
    return () -> {
      try {
        if (client.isConnected()) {
          client.disconnect(5_000);
        }
        client.close();
      } catch (Exception e) {
        context.logger().debug("closing the MQTT trigger", e);
      }
    };
  }
}
