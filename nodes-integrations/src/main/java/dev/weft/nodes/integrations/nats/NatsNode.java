package dev.weft.nodes.integrations.nats;

import dev.weft.nodes.integrations.common.Clients;
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
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * NATS ({@code weft.nats}): publishes each item to a subject, or sends it as a request and outputs the reply
 * ({@code data}, parsed when JSON, and the reply's {@code subject}).
 */
public final class NatsNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.nats";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("NATS")
      .group("output")
      .icon("fa:exchange-alt")
      .description("Publishes messages to NATS subjects, or sends requests and outputs the replies")
      .parameters(
          ParameterSpec.options("operation", Option.of("publish", "Publish"), Option.of("request", "Request"))
              .displayName("Operation"),
          ParameterSpec.string("subject").displayName("Subject").required(),
          BrokerMessages.contentParameter(),
          BrokerMessages.messageParameter(),
          ParameterSpec.list("headers", ParameterSpec.string("name").build(), ParameterSpec.string("value").build())
              .displayName("Headers"),
          ParameterSpec.number("timeoutMs").displayName("Reply timeout (ms)").defaultValue(5000)
              .displayWhen("operation", "request"),
          BrokerMessages.jsonParseParameter().displayWhen("operation", "request"))
      .credential(NatsAccess.TYPE, true)
      .build();

  private final Clients<Connection> connections;

  /**
   * A node using {@code connections}: the pack's NATS connections, one per credential, closed with the pack.
   */
  public NatsNode(Clients<Connection> connections) {
    this.connections = java.util.Objects.requireNonNull(connections, "connections");
  }

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    Credentials c = context.credentials(NatsAccess.TYPE);
    Connection conn = NatsAccess.shared(connections, c);
    NodeOutput.Builder out = context.output();
    List<Item> items = context.items();
    for (int i = 0; i < items.size(); i++) {
      try {
        out.add(0, send(context, conn, items.get(i), i).pairedWith(i));
      } catch (NodeException e) {
        out.fail(i, e);
      } catch (Exception e) {
        out.fail(i, NodeException.item(i, ServiceErrors.redact("NATS: " + e.getMessage(), NatsAccess.secrets(c)),
            e));
      }
    }
    if ("publish".equals(context.string("operation", 0)) || context.string("operation", 0) == null) {
      conn.flush(Duration.ofSeconds(10));
    }
    return out.build();
  }

  private static Item send(NodeContext context, Connection conn, Item item, int i) throws Exception {
    String subject = context.string("subject", i);
    if (subject == null || subject.isBlank() || subject.contains(" ")) {
      throw NodeException.parameter("subject", i, "a subject is a non-empty name without spaces, got '" + subject
          + "'");
    }
    Headers headers = null;
    Object list = context.parameter("headers", i);
    if (list instanceof List<?> l && !l.isEmpty()) {
      headers = new Headers();
      for (Object e : l) {
        if (e instanceof Map<?, ?> m && m.get("name") != null) {
          headers.add(String.valueOf(m.get("name")), m.get("value") == null ? "" : String.valueOf(m.get("value")));
        }
      }
    }
    byte[] body = BrokerMessages.body(context, item, i);
    String op = context.string("operation", i);
    if (op == null || op.equals("publish")) {
      conn.publish(subject, headers, body);
      return item.withJson(item.json());
    }
    if (!op.equals("request")) {
      throw NodeException.parameter("operation", i, "unknown operation '" + op + "'; use publish or request");
    }
    Number t = context.parameter("timeoutMs", i, Number.class);
    long timeout = t == null ? 5000 : t.longValue();
    CompletableFuture<Message> future = conn.request(subject, headers, body);
    Message reply;
    try {
      reply = future.get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw NodeException.item(i, "no reply on NATS subject '" + subject + "' within " + timeout + " ms", null);
    } catch (java.util.concurrent.CancellationException e) {
      throw NodeException.item(i, "no service answered the NATS request on subject '" + subject
          + "' (the server reports no responders)", null);
    } catch (java.util.concurrent.ExecutionException e) {
      throw NodeException.item(i, "the NATS request on '" + subject + "' failed: " + e.getCause().getMessage(),
          e.getCause());
    }
    if (reply.isStatusMessage()) {
      throw NodeException.item(i, "the NATS request on '" + subject + "' failed: " + reply.getStatus().getMessage()
          + (reply.getStatus().getCode() == 503 ? " (no service listens on this subject)" : ""), null);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("data", BrokerMessages.decode(reply.getData(), !Boolean.FALSE.equals(context.parameter("jsonParse", i,
        Boolean.class))));
    json.put("subject", reply.getSubject());
    return Item.of(json);
  }
}
