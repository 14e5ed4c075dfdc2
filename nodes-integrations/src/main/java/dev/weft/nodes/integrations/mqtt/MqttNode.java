package dev.weft.nodes.integrations.mqtt;

import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.nodes.integrations.messaging.BrokerMessages;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * MQTT ({@code weft.mqtt}): publishes each item to a topic with QoS 0, 1 or 2 (waiting for the broker's acknowledgement
 * at QoS 1 and 2) and the retain flag. Outputs the items it sent.
 */
public final class MqttNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.mqtt";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("MQTT")
      .group("output")
      .icon("fa:broadcast-tower")
      .description("Publishes messages to an MQTT topic")
      .parameters(
          ParameterSpec.string("topic").displayName("Topic").required(),
          BrokerMessages.contentParameter(),
          BrokerMessages.messageParameter(),
          ParameterSpec.options("qos", Option.of(0, "At most once (0)"), Option.of(1, "At least once (1)"),
              Option.of(2, "Exactly once (2)")).displayName("QoS").defaultValue(1),
          ParameterSpec.bool("retain").displayName("Retain").defaultValue(false))
      .credential(Mqtt.TYPE, true)
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    Credentials c = context.credentials(Mqtt.TYPE);
    NodeOutput.Builder out = context.output();
    List<Item> items = context.items();
    MqttClient client;
    try {
      client = Mqtt.connect(c, "publisher", true);
    } catch (Exception e) {
      throw new NodeException(ServiceErrors.redact("cannot connect: " + Mqtt.message(e), Mqtt.secrets(c)), e);
    }
    try {
      for (int i = 0; i < items.size(); i++) {
        try {
          String topic = context.string("topic", i);
          if (topic == null || topic.isBlank() || topic.contains("#") || topic.contains("+")) {
            throw NodeException.parameter("topic", i, "a publish topic must be non-empty and without wildcards, got '"
                + topic + "'");
          }
          Number qos = context.parameter("qos", i, Number.class);
          int q = qos == null ? 1 : qos.intValue();
          if (q < 0 || q > 2) {
            throw NodeException.parameter("qos", i, "QoS is 0, 1 or 2, got " + q);
          }
          MqttMessage message = new MqttMessage(BrokerMessages.body(context, items.get(i), i));
          message.setQos(q);
          message.setRetained(context.bool("retain", i));
          client.publish(topic, message);
          out.add(0, items.get(i).withJson(items.get(i).json()).pairedWith(i));
        } catch (NodeException e) {
          out.fail(i, e);
        } catch (Exception e) {
          out.fail(i, NodeException.item(i, ServiceErrors.redact(Mqtt.message(e), Mqtt.secrets(c)), e));
        }
      }
    } finally {
      try {
        client.disconnect(5_000);
      } finally {
        client.close();
      }
    }
    return out.build();
  }
}
