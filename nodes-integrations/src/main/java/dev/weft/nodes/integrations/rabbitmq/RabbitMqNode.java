package dev.weft.nodes.integrations.rabbitmq;

import dev.weft.nodes.integrations.common.Clients;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RabbitMQ ({@code weft.rabbitmq}): publishes each item as a message to a queue (declared durable when missing) or to
 * an exchange with a routing key, persistent by default, and waits for the broker's publisher confirm. Outputs the
 * items it sent.
 */
public final class RabbitMqNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.rabbitmq";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("RabbitMQ")
      .group("output")
      .icon("fa:paper-plane")
      .description("Publishes messages to a RabbitMQ queue or exchange")
      .parameters(
          ParameterSpec.options("mode", Option.of("queue", "Queue"), Option.of("exchange", "Exchange"))
              .displayName("Send to"),
          ParameterSpec.string("queue").displayName("Queue").displayWhen("mode", "queue"),
          ParameterSpec.string("exchange").displayName("Exchange").displayWhen("mode", "exchange"),
          ParameterSpec.options("exchangeType", "direct", "fanout", "topic", "headers").displayName("Exchange type")
              .displayWhen("mode", "exchange"),
          ParameterSpec.string("routingKey").displayName("Routing key").displayWhen("mode", "exchange"),
          BrokerMessages.contentParameter(),
          BrokerMessages.messageParameter(),
          ParameterSpec.list("headers", ParameterSpec.string("name").build(), ParameterSpec.string("value").build())
              .displayName("Headers"),
          ParameterSpec.bool("persistent").displayName("Persistent").defaultValue(true),
          ParameterSpec.bool("declare").displayName("Declare the queue or exchange (durable) if missing")
              .defaultValue(true))
      .credential(RabbitMq.TYPE, true)
      .build();

  private final Clients<com.rabbitmq.client.Connection> connections;

  /**
   * A node using {@code connections}: the pack's RabbitMQ connections, one per credential, closed with the pack.
   */
  public RabbitMqNode(Clients<com.rabbitmq.client.Connection> connections) {
    this.connections = java.util.Objects.requireNonNull(connections, "connections");
  }

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    Credentials c = context.credentials(RabbitMq.TYPE);
    NodeOutput.Builder out = context.output();
    List<Item> items = context.items();
    try (Channel channel = RabbitMq.shared(connections, c).createChannel()) {
      channel.confirmSelect();
      for (int i = 0; i < items.size(); i++) {
        try {
          publish(context, channel, items.get(i), i);
          channel.waitForConfirmsOrDie(10_000);
          out.add(0, items.get(i).withJson(items.get(i).json()).pairedWith(i));
        } catch (NodeException e) {
          out.fail(i, e);
        } catch (Exception e) {
          out.fail(i, NodeException.item(i, ServiceErrors.redact(RabbitMq.message(e), RabbitMq.secrets(c)), e));
          if (!channel.isOpen()) {
            throw new NodeException("the RabbitMQ channel closed: " + RabbitMq.message(e), e);
          }
        }
      }
    }
    return out.build();
  }

  private static void publish(NodeContext context, Channel channel, Item item, int i) throws Exception {
    String mode = context.string("mode", i);
    boolean declare = !Boolean.FALSE.equals(context.parameter("declare", i, Boolean.class));
    String exchange;
    String routingKey;
    if ("exchange".equals(mode)) {
      exchange = context.string("exchange", i);
      if (exchange == null || exchange.isBlank()) {
        throw NodeException.parameter("exchange", i, "name the exchange to publish to");
      }
      routingKey = context.string("routingKey", i);
      routingKey = routingKey == null ? "" : routingKey;
      if (declare) {
        String type = context.string("exchangeType", i);
        channel.exchangeDeclare(exchange, type == null ? "direct" : type, true);
      }
    } else {
      String queue = context.string("queue", i);
      if (queue == null || queue.isBlank()) {
        throw NodeException.parameter("queue", i, "name the queue to publish to");
      }
      if (declare) {
        channel.queueDeclare(queue, true, false, false, null);
      }
      exchange = "";
      routingKey = queue;
    }
    Map<String, Object> headers = new LinkedHashMap<>();
    Object list = context.parameter("headers", i);
    if (list instanceof List<?> l) {
      for (Object e : l) {
        if (e instanceof Map<?, ?> m && m.get("name") != null) {
          headers.put(String.valueOf(m.get("name")), m.get("value") == null ? "" : String.valueOf(m.get("value")));
        }
      }
    }
    String content = context.string("content", i);
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
        .contentType(content == null || content.equals("json") ? "application/json" : "text/plain")
        .deliveryMode(Boolean.FALSE.equals(context.parameter("persistent", i, Boolean.class)) ? 1 : 2)
        .headers(headers.isEmpty() ? null : headers)
        .build();
    channel.basicPublish(exchange, routingKey, props, BrokerMessages.body(context, item, i));
  }
}
