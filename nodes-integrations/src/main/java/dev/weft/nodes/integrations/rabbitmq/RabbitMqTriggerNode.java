package dev.weft.nodes.integrations.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
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
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RabbitMQ Trigger ({@code weft.rabbitmqTrigger}): consumes a queue and starts one execution per message. The message
 * is acknowledged when its execution ends successfully (or, as chosen, when it ends at all, or at once); a failed
 * execution's message is rejected, and requeued when asked. At most {@code parallelMessages} messages are in flight.
 */
public final class RabbitMqTriggerNode implements TriggerNode {
  /** The node type id. */
  public static final String TYPE = "weft.rabbitmqTrigger";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("RabbitMQ Trigger")
      .group("trigger")
      .icon("fa:inbox")
      .description("Starts the workflow for each message of a RabbitMQ queue")
      .inputs()
      .parameters(
          ParameterSpec.string("queue").displayName("Queue").required(),
          ParameterSpec.options("acknowledge", Option.of("executionSuccess", "When the execution succeeds"),
              Option.of("executionFinishes", "When the execution finishes"), Option.of("immediately", "Immediately"))
              .displayName("Acknowledge"),
          ParameterSpec.bool("requeueOnError").displayName("Requeue messages of failed executions")
              .defaultValue(false),
          ParameterSpec.number("parallelMessages").displayName("Messages in flight").defaultValue(1),
          BrokerMessages.jsonParseParameter(),
          ParameterSpec.bool("declare").displayName("Declare the queue (durable) if missing").defaultValue(true))
      .credential(RabbitMq.TYPE, true)
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    String queue = context.parameter("queue", String.class);
    if (queue == null || queue.isBlank()) {
      throw NodeException.parameter("queue", -1, "name the queue to consume");
    }
    String ack = context.parameter("acknowledge", String.class);
    boolean requeue = Boolean.TRUE.equals(context.parameter("requeueOnError", Boolean.class));
    int parallel = Math.max(1, context.parameter("parallelMessages", Number.class).intValue());
    boolean jsonParse = !Boolean.FALSE.equals(context.parameter("jsonParse", Boolean.class));
    boolean declare = !Boolean.FALSE.equals(context.parameter("declare", Boolean.class));
    Credentials c = context.credentials(RabbitMq.TYPE);
    Connection conn;
    try {
      conn = RabbitMq.connect(c, "weft trigger " + context.workflow().workflowName());
    } catch (Exception e) {
      throw new NodeException("cannot connect to " + RabbitMq.message(e), e);
    }
    Channel channel = conn.createChannel();
    if (declare) {
      channel.queueDeclare(queue, true, false, false, null);
    } else {
      channel.queueDeclarePassive(queue);
    }
    channel.basicQos(parallel);
    boolean immediately = "immediately".equals(ack);
    String tag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
          byte[] body) throws IOException {
        long deliveryTag = envelope.getDeliveryTag();
        if (immediately) {
          settle(channel, deliveryTag, true, false);
        }
        context.emit(List.of(item(envelope, properties, body, jsonParse))).whenComplete((summary, error) -> {
          if (immediately) {
            return;
          }
          boolean succeeded = error == null && summary != null && !"error".equals(summary.status());
          if (succeeded || "executionFinishes".equals(ack)) {
            settle(channel, deliveryTag, true, false);
          } else {
            settle(channel, deliveryTag, false, requeue);
          }
        });
      }
    });
    return () -> {
      try {
        if (channel.isOpen()) {
          channel.basicCancel(tag);
        }
        conn.close(5_000);
      } catch (Exception e) {
        context.logger().debug("closing the RabbitMQ consumer of queue {}", queue, e);
      }
    };
  }

  private static void settle(Channel channel, long deliveryTag, boolean ack, boolean requeue) {
    synchronized (channel) {
      try {
        if (ack) {
          channel.basicAck(deliveryTag, false);
        } else {
          channel.basicNack(deliveryTag, false, requeue);
        }
      } catch (IOException | RuntimeException e) {
        // the channel closed: the broker redelivers unacknowledged messages
      }
    }
  }

  static Item item(Envelope envelope, AMQP.BasicProperties properties, byte[] body, boolean jsonParse) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("content", BrokerMessages.decode(body, jsonParse));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("exchange", envelope.getExchange());
    fields.put("routingKey", envelope.getRoutingKey());
    fields.put("deliveryTag", envelope.getDeliveryTag());
    fields.put("redelivered", envelope.isRedeliver());
    json.put("fields", fields);
    Map<String, Object> props = new LinkedHashMap<>();
    if (properties.getContentType() != null) {
      props.put("contentType", properties.getContentType());
    }
    if (properties.getMessageId() != null) {
      props.put("messageId", properties.getMessageId());
    }
    if (properties.getCorrelationId() != null) {
      props.put("correlationId", properties.getCorrelationId());
    }
    if (properties.getHeaders() != null) {
      Map<String, Object> headers = new LinkedHashMap<>();
      properties.getHeaders().forEach((k, v) -> headers.put(k, v == null ? null : String.valueOf(v)));
      props.put("headers", headers);
    }
    json.put("properties", props);
    return Item.of(json);
  }
}
