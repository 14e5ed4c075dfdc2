package dev.weft.nodes.integrations.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.weft.nodes.integrations.common.Clients;
import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import java.util.List;

/** The RabbitMQ credential ({@code weft.rabbitmq}) and its connections, one per credential for publishing. */
public final class RabbitMq {
  /** The credential type id. */
  public static final String TYPE = "weft.rabbitmq";

  private RabbitMq() {}

  /** The credential type. */
  public static CredentialType type() {
    return CredentialType.builder(TYPE).displayName("RabbitMQ")
        .description("An AMQP 0-9-1 broker such as RabbitMQ")
        .fields(ParameterSpec.string("host").displayName("Host").defaultValue("localhost").build(),
            ParameterSpec.number("port").displayName("Port").defaultValue(5672).build(),
            ParameterSpec.string("vhost").displayName("Virtual host").defaultValue("/").build(),
            ParameterSpec.string("user").displayName("User").defaultValue("guest").build(),
            ParameterSpec.string("password").displayName("Password").secret().build(),
            ParameterSpec.bool("ssl").displayName("TLS").defaultValue(false).build())
        .tester(RabbitMq::test)
        .build();
  }

  static CredentialTester.Result test(Credentials c, dev.weft.spi.Services services) {
    try (Connection conn = connect(c, "weft credential test")) {
      return CredentialTester.Result.ok("connected to RabbitMQ " + conn.getServerProperties().get("version"));
    } catch (Exception e) {
      return CredentialTester.Result.failed(ServiceErrors.redact(message(e), secrets(c)));
    }
  }

  static List<String> secrets(Credentials c) {
    return c.string("password") == null ? List.of() : List.of(c.string("password"));
  }

  static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException
        || t instanceof RuntimeException && t.getCause() != null)) {
      t = t.getCause();
    }
    return "RabbitMQ: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
  }

  /** A new connection (the caller closes it). */
  static Connection connect(Credentials c, String name) throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setHost(c.string("host") == null ? "localhost" : c.string("host"));
    Object port = c.get("port");
    f.setPort(port == null ? 5672 : (int) Double.parseDouble(String.valueOf(port)));
    f.setVirtualHost(c.string("vhost") == null || c.string("vhost").isBlank() ? "/" : c.string("vhost"));
    f.setUsername(c.string("user") == null ? "guest" : c.string("user"));
    f.setPassword(c.string("password") == null ? "" : c.string("password"));
    if (Boolean.parseBoolean(String.valueOf(c.get("ssl")))) {
      f.useSslProtocol();
    }
    f.setConnectionTimeout(10_000);
    f.setAutomaticRecoveryEnabled(true);
    return f.newConnection(name);
  }

  /** The shared publishing connection of a credential, kept in the pack's {@code connections}. */
  static Connection shared(Clients<Connection> connections, Credentials c) throws NodeException {
    try {
      return connections.get(c, cred -> {
        try {
          return connect(cred, "weft publisher");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, Connection::isOpen);
    } catch (IllegalStateException e) {
      throw new NodeException(ServiceErrors.redact("cannot connect to " + message(e), secrets(c)), e);
    }
  }
}
