package dev.weft.nodes.integrations.nats;

import dev.weft.nodes.integrations.messaging.BrokerMessages;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NATS Trigger ({@code weft.natsTrigger}): subscribes to a subject (wildcards allowed), optionally in a queue group so
 * that several engines share the messages, and starts one execution per message. A request (a message with a reply
 * subject) is answered with the execution's output when {@code reply} is on: the first item's JSON, or
 * {@code {"error": …}} when the execution failed.
 */
public final class NatsTriggerNode implements TriggerNode {
  /** The node type id. */
  public static final String TYPE = "weft.natsTrigger";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("NATS Trigger")
      .group("trigger")
      .icon("fa:exchange-alt")
      .description("Starts the workflow for each message on a NATS subject, and can answer requests")
      .inputs()
      .parameters(
          ParameterSpec.string("subject").displayName("Subject").required().placeholder("orders.*"),
          ParameterSpec.string("queueGroup").displayName("Queue group"),
          ParameterSpec.bool("reply").displayName("Answer requests with the execution's output").defaultValue(true),
          BrokerMessages.jsonParseParameter())
      .credential(NatsAccess.TYPE, true)
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    String subject = context.parameter("subject", String.class);
    if (subject == null || subject.isBlank()) {
      throw NodeException.parameter("subject", -1, "name the subject to subscribe to");
    }
    String group = context.parameter("queueGroup", String.class);
    boolean reply = !Boolean.FALSE.equals(context.parameter("reply", Boolean.class));
    boolean jsonParse = !Boolean.FALSE.equals(context.parameter("jsonParse", Boolean.class));
    Credentials c = context.credentials(NatsAccess.TYPE);
    Connection conn;
    try {
      conn = NatsAccess.connect(c, "weft-trigger");
    } catch (Exception e) {
      throw new NodeException("cannot connect to NATS: " + e.getMessage(), e);
    }
    Dispatcher dispatcher = conn.createDispatcher(msg -> {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("subject", msg.getSubject());
      json.put("data", BrokerMessages.decode(msg.getData(), jsonParse));
      if (msg.getReplyTo() != null) {
        json.put("replyTo", msg.getReplyTo());
      }
      if (msg.hasHeaders()) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String k : msg.getHeaders().keySet()) {
          List<String> v = msg.getHeaders().get(k);
          headers.put(k, v.size() == 1 ? v.get(0) : new ArrayList<Object>(v));
        }
        json.put("headers", headers);
      }
      String replyTo = msg.getReplyTo();
      context.emit(List.of(Item.of(json))).whenComplete((summary, error) -> {
        if (!reply || replyTo == null) {
          return;
        }
        Object answer;
        if (error != null || summary == null || "error".equals(summary.status())) {
          answer = Map.of("error", error != null ? String.valueOf(error.getMessage())
              : summary == null || summary.error() == null ? "the workflow failed" : summary.error());
        } else {
          answer = summary.output().isEmpty() ? Map.of() : summary.output().get(0).json();
        }
        conn.publish(replyTo, BrokerMessages.json(answer).getBytes(StandardCharsets.UTF_8));
      });
    });
    if (group == null || group.isBlank()) {
      dispatcher.subscribe(subject);
    } else {
      dispatcher.subscribe(subject, group);
    }
    conn.flush(java.time.Duration.ofSeconds(5));
    return () -> {
      try {
        conn.closeDispatcher(dispatcher);
        conn.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        context.logger().debug("closing the NATS trigger", e);
      }
    };
  }
}
