package dev.weft.nodes.integrations.nats;

import dev.weft.nodes.integrations.common.Clients;
import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The NATS credential ({@code weft.nats}) and its connections: one shared per credential for publishing. */
public final class NatsAccess {
  /** The credential type id. */
  public static final String TYPE = "weft.nats";

  private NatsAccess() {}

  /** The credential type. */
  public static CredentialType type() {
    return CredentialType.builder(TYPE).displayName("NATS")
        .description("A NATS server or cluster")
        .fields(ParameterSpec.string("servers").displayName("Servers").defaultValue("nats://localhost:4222")
                .description("Comma-separated server URLs").build(),
            ParameterSpec.string("user").displayName("User").build(),
            ParameterSpec.string("password").displayName("Password").secret().build(),
            ParameterSpec.string("token").displayName("Token").secret().build())
        .tester(NatsAccess::test)
        .build();
  }

  static CredentialTester.Result test(Credentials c, dev.weft.spi.Services services) {
    try {
      Connection conn = connect(c, "weft-credential-test");
      try {
        conn.flush(Duration.ofSeconds(5));
        return CredentialTester.Result.ok("connected to NATS " + conn.getServerInfo().getVersion());
      } finally {
        conn.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CredentialTester.Result.failed("NATS: interrupted while connecting");
    } catch (Exception e) {
      return CredentialTester.Result.failed(ServiceErrors.redact("NATS: " + e.getMessage(), secrets(c)));
    }
  }

  static List<String> secrets(Credentials c) {
    List<String> s = new ArrayList<>();
    if (c.string("password") != null) {
      s.add(c.string("password"));
    }
    if (c.string("token") != null) {
      s.add(c.string("token"));
    }
    return s;
  }

  /** A new connection (the caller closes it). */
  static Connection connect(Credentials c, String name) throws Exception {
    Options.Builder b = new Options.Builder().connectionName(name).connectionTimeout(Duration.ofSeconds(10))
        .maxReconnects(-1);
    String servers = c.string("servers");
    for (String s : (servers == null || servers.isBlank() ? "nats://localhost:4222" : servers).split(",")) {
      if (!s.isBlank()) {
        b.server(s.trim());
      }
    }
    if (c.string("user") != null && !c.string("user").isBlank()) {
      b.userInfo(c.string("user"), c.string("password") == null ? "" : c.string("password"));
    }
    if (c.string("token") != null && !c.string("token").isBlank()) {
      b.token(c.string("token").toCharArray());
    }
    return Nats.connect(b.build());
  }

  /** The shared connection of a credential, kept in the pack's {@code connections}. */
  static Connection shared(Clients<Connection> connections, Credentials c) throws NodeException {
    try {
      return connections.get(c, cred -> {
        try {
          return connect(cred, "weft-publisher");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, conn -> conn.getStatus() != Connection.Status.CLOSED);
    } catch (IllegalStateException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new NodeException(ServiceErrors.redact("cannot connect to NATS: " + cause.getMessage(), secrets(c)), e);
    }
  }
}
