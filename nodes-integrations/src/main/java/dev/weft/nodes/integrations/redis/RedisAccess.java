package dev.weft.nodes.integrations.redis;

import dev.weft.nodes.integrations.common.Clients;
import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/** The Redis credential ({@code weft.redis}) and its connection pools, one per credential. */
public final class RedisAccess {
  /** The credential type id. */
  public static final String TYPE = "weft.redis";

  private RedisAccess() {}

  /** The credential type. */
  public static CredentialType type() {
    return CredentialType.builder(TYPE).displayName("Redis")
        .description("A Redis (or Valkey, KeyDB) server")
        .fields(ParameterSpec.string("host").displayName("Host").defaultValue("localhost").build(),
            ParameterSpec.number("port").displayName("Port").defaultValue(6379).build(),
            ParameterSpec.string("user").displayName("User").description("For Redis 6 ACLs; empty for 'default'")
                .build(),
            ParameterSpec.string("password").displayName("Password").secret().build(),
            ParameterSpec.number("database").displayName("Database index").defaultValue(0).build(),
            ParameterSpec.bool("ssl").displayName("TLS").defaultValue(false).build())
        .tester(RedisAccess::test)
        .build();
  }

  static CredentialTester.Result test(Credentials c, dev.weft.spi.Services services) {
    try (Jedis jedis = connect(c)) {
      String pong = jedis.ping();
      return CredentialTester.Result.ok("Redis answered " + pong);
    } catch (Exception e) {
      return CredentialTester.Result.failed(ServiceErrors.redact("Redis: " + e.getMessage(), secrets(c)));
    }
  }

  static List<String> secrets(Credentials c) {
    return c.string("password") == null ? List.of() : List.of(c.string("password"));
  }

  static HostAndPort address(Credentials c) {
    Object port = c.get("port");
    return new HostAndPort(c.string("host") == null ? "localhost" : c.string("host"),
        port == null ? 6379 : (int) Double.parseDouble(String.valueOf(port)));
  }

  static JedisClientConfig config(Credentials c, int timeoutMillis) {
    Object db = c.get("database");
    DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
        .database(db == null ? 0 : (int) Double.parseDouble(String.valueOf(db)))
        .ssl(Boolean.parseBoolean(String.valueOf(c.get("ssl"))))
        .connectionTimeoutMillis(10_000)
        .socketTimeoutMillis(timeoutMillis)
        .clientName("weft");
    if (c.string("user") != null && !c.string("user").isBlank()) {
      b.user(c.string("user"));
    }
    if (c.string("password") != null && !c.string("password").isEmpty()) {
      b.password(c.string("password"));
    }
    return b.build();
  }

  /** A single new connection (the caller closes it). */
  static Jedis connect(Credentials c) {
    return new Jedis(address(c), config(c, 10_000));
  }

  /** A connection for a blocking subscription: no read timeout. */
  static Jedis subscriber(Credentials c) {
    return new Jedis(address(c), config(c, 0));
  }

  /** The shared pool of a credential, kept in the pack's {@code pools}. */
  static JedisPooled pool(Clients<JedisPooled> pools, Credentials c) throws NodeException {
    try {
      return pools.get(c, cred -> new JedisPooled(address(cred), config(cred, 10_000)), p -> true);
    } catch (RuntimeException e) {
      throw new NodeException(ServiceErrors.redact("cannot connect to Redis: " + e.getMessage(), secrets(c)), e);
    }
  }
}
