package dev.weft.queue.redis;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * One Redis server shared by the mains and workers of a queue-mode deployment: a connection pool and a key prefix,
 * from which the {@link RedisWorkQueue}, the {@link RedisClusterBus} and the {@link RedisTickLock} are made.
 *
 * <pre>{@code
 * try (WeftRedis redis = WeftRedis.connect("redis://127.0.0.1:6379")) {
 *   WorkQueue queue = redis.workQueue();
 * }
 * }</pre>
 *
 * <p>Every call rides out an outage: when Redis cannot be reached it is retried with backoff until Redis answers
 * again, and the outage is logged once.
 */
public final class WeftRedis implements AutoCloseable {
  /** The key prefix of {@link #connect(String)}. */
  public static final String DEFAULT_PREFIX = "weft";
  private static final int TIMEOUT_MILLIS = 5_000;

  private final URI uri;
  private final String prefix;
  private final JedisPooled pool;
  private final RedisOps ops;
  private final java.util.List<RedisClusterBus> buses = new java.util.concurrent.CopyOnWriteArrayList<>();

  private WeftRedis(URI uri, String prefix, int poolSize) {
    this.uri = uri;
    this.prefix = prefix;
    GenericObjectPoolConfig<Connection> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(poolSize);
    config.setMaxIdle(poolSize);
    config.setMinIdle(0);
    // a connection that broke in an outage is found out on first use and retried by RedisOps
    config.setTestOnBorrow(false);
    config.setBlockWhenExhausted(true);
    this.pool = new JedisPooled(config, uri, TIMEOUT_MILLIS);
    this.ops = new RedisOps(pool, where(uri));
  }

  /** Connects to {@code redis://[user:password@]host:port[/db]} (or {@code rediss://}) with the default prefix. */
  public static WeftRedis connect(String url) {
    return connect(url, DEFAULT_PREFIX, 32);
  }

  /**
   * Connects to a Redis server.
   *
   * @param url {@code redis://[user:password@]host:port[/db]} or {@code rediss://…}
   * @param prefix starts every key, so that several deployments can share one server
   * @param poolSize how many connections at most
   */
  public static WeftRedis connect(String url, String prefix, int poolSize) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Redis URL is not a URI (expected redis://host:port)", e);
    }
    if (!JedisURIHelper.isValid(uri)) {
      throw new IllegalArgumentException("Redis URL must look like redis://host:port or rediss://host:port, got "
          + uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort());
    }
    if (prefix == null || prefix.isBlank() || prefix.contains("{") || prefix.contains("}")) {
      throw new IllegalArgumentException("Redis key prefix must be non-blank text without braces, got '" + prefix
          + "'");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("Redis pool size must be at least 1, got " + poolSize);
    }
    return new WeftRedis(uri, prefix, poolSize);
  }

  private static String where(URI uri) {
    HostAndPort hp = JedisURIHelper.getHostAndPort(uri);
    return hp.getHost() + ":" + hp.getPort();
  }

  /** The key prefix. */
  public String prefix() {
    return prefix;
  }

  /** The work queue named {@code queue} on the system clock. */
  public RedisWorkQueue workQueue() {
    return workQueue("queue", Clock.systemUTC());
  }

  /**
   * A work queue.
   *
   * @param name tells queues apart under one prefix
   * @param clock where delivery times and lease expiry come from; every process sharing the queue must have a clock
   *     close to the others' (NTP), as lease expiry compares one process's expiry with another's "now"
   */
  public RedisWorkQueue workQueue(String name, Clock clock) {
    return new RedisWorkQueue(ops, prefix + ":{" + name + "}", clock);
  }

  /**
   * A new bus on this server, with a subscriber connection of its own; close it (or this) when done. Instances of a
   * deployment hear each other when they use the same prefix.
   */
  public RedisClusterBus clusterBus() {
    RedisClusterBus bus = new RedisClusterBus(ops, uri, prefix);
    buses.add(bus);
    return bus;
  }

  /** The schedule tick lock shared by every instance using this prefix. */
  public RedisTickLock tickLock() {
    return new RedisTickLock(ops, prefix, java.util.UUID.randomUUID().toString());
  }

  @Override
  public void close() {
    buses.forEach(RedisClusterBus::close);
    pool.close();
  }
}
