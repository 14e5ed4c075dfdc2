package dev.weft.queue.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.cluster.ClusterBus;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * {@link ClusterBus} on Redis pub/sub. Publishing goes through the shared pool; receiving holds one dedicated
 * connection, read by one thread, that pings every few seconds so that a silently dead connection is noticed, and that
 * reconnects with backoff and subscribes to every channel again after a network blip or a Redis restart (messages
 * published while it was away are missed, as the bus promises: they are hints, the stores stay the truth). A publish
 * while Redis is away is dropped rather than held, so no execution waits on the bus; the outage is logged once.
 *
 * <p>Channels are prefixed with the deployment's key prefix, so deployments sharing one server do not hear each other.
 * Handlers run on one delivery thread, in arrival order.
 */
public final class RedisClusterBus implements ClusterBus {
  private static final Logger LOG = LoggerFactory.getLogger(RedisClusterBus.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final int PING_SECONDS = 5;
  private static final int READ_TIMEOUT_MILLIS = 3 * PING_SECONDS * 1000;
  private static final long SUBSCRIBE_WAIT_MILLIS = 5_000;

  private final RedisOps ops;
  private final URI uri;
  private final String prefix;
  private final Map<String, List<Consumer<Map<String, Object>>>> handlers = new ConcurrentHashMap<>();
  private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
  private final ExecutorService delivery;
  private final ScheduledExecutorService pinger;
  private final Thread reader;
  private final Object writeLock = new Object();
  private final String clientName = "weft-bus-" + java.util.UUID.randomUUID();
  private volatile Listener current;
  private volatile Jedis connection;
  private volatile boolean closed;

  RedisClusterBus(RedisOps ops, URI uri, String prefix) {
    this.ops = ops;
    this.uri = uri;
    this.prefix = prefix + ":bus:";
    this.delivery = Executors.newSingleThreadExecutor(r -> daemon(r, "weft-redis-bus-delivery"));
    this.pinger = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "weft-redis-bus-ping"));
    this.reader = daemon(this::readLoop, "weft-redis-bus");
    reader.start();
    pinger.scheduleWithFixedDelay(this::ping, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** The name of the subscriber connection, as {@code CLIENT LIST} shows it. */
  String clientName() {
    return clientName;
  }

  private String control() {
    return prefix + "control";
  }

  @Override
  public void publish(String channel, Map<String, Object> message) {
    Objects.requireNonNull(channel, "channel");
    String text;
    try {
      text = JSON.writeValueAsString(message == null ? Map.of() : message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("message on channel '" + channel + "' is not JSON values: "
          + e.getOriginalMessage(), e);
    }
    try {
      ops.redisClient().publish(prefix + channel, text);
      ops.reachable();
    } catch (JedisException e) {
      ops.unreachable("publishing on channel '" + channel + "'", e);
    }
  }

  @Override
  public Subscription subscribe(String channel, Consumer<Map<String, Object>> handler) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(handler, "handler");
    if (closed) {
      throw new IllegalStateException("the cluster bus is closed; cannot subscribe to channel '" + channel + "'");
    }
    Consumer<Map<String, Object>> own = handler::accept; // a distinct instance, so one handler may subscribe twice
    List<Consumer<Map<String, Object>>> list = handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
    list.add(own);
    String redisChannel = prefix + channel;
    if (!confirmed.contains(redisChannel)) {
      awaitConfirmation(redisChannel);
    }
    return () -> {
      list.remove(own);
      if (list.isEmpty() && handlers.remove(channel, list)) {
        Listener l = current;
        if (l != null) {
          try {
            synchronized (writeLock) {
              l.unsubscribe(redisChannel);
            }
          } catch (JedisException | IllegalStateException | NullPointerException e) {
            // gone with the connection anyway
          }
        }
      }
    };
  }

  /** Waits a little for the server to confirm a subscription, so that a publish right after subscribe is heard. */
  /**
   * Subscribes on the reader's connection and waits for Redis to confirm. The subscription is asked for again every
   * 100 ms: a reader that was connecting when this channel was added may have subscribed to the channels it knew of
   * just before (SUBSCRIBE of a channel already subscribed only confirms it again).
   */
  private void awaitConfirmation(String redisChannel) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SUBSCRIBE_WAIT_MILLIS);
    while (!confirmed.contains(redisChannel) && !closed) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return; // Redis is away: the subscription goes live when the reader reconnects
      }
      Listener l = current;
      if (l != null) {
        try {
          synchronized (writeLock) {
            l.subscribe(redisChannel);
          }
        } catch (JedisException | IllegalStateException | NullPointerException e) {
          // the connection is going down: the reader subscribes to every channel when it reconnects
        }
      }
      synchronized (confirmed) {
        if (!confirmed.contains(redisChannel)) {
          try {
            confirmed.wait(Math.min(left, 100));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  private void readLoop() {
    long pause = 50;
    boolean lost = false;
    while (!closed) {
      DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
          .connectionTimeoutMillis(2_000).socketTimeoutMillis(READ_TIMEOUT_MILLIS)
          .database(JedisURIHelper.getDBIndex(uri))
          .user(JedisURIHelper.getUser(uri)).password(JedisURIHelper.getPassword(uri))
          .ssl(JedisURIHelper.isRedisSSLScheme(uri)).clientName(clientName);
      Listener listener = new Listener();
      current = listener; // before reading the channels: a subscribe() racing with this is seen by one side or both
      try (Jedis jedis = new Jedis(JedisURIHelper.getHostAndPort(uri), config.build())) {
        connection = jedis;
        if (closed) {
          break;
        }
        List<String> channels = new java.util.ArrayList<>();
        channels.add(control());
        handlers.keySet().forEach(c -> channels.add(prefix + c));
        if (lost) {
          LOG.info("cluster bus: subscribed again to {} channel(s) on Redis at {}", channels.size() - 1,
              ops.where());
          lost = false;
        }
        jedis.subscribe(listener, channels.toArray(String[]::new)); // returns when every channel is unsubscribed
      } catch (JedisException | IllegalStateException e) {
        if (closed) {
          break;
        }
        if (!lost) {
          LOG.warn("cluster bus: lost its Redis connection to {} ({}); reconnecting with backoff", ops.where(),
              e.getMessage());
          lost = true;
        }
      } finally {
        current = null;
        connection = null;
        synchronized (confirmed) {
          confirmed.clear();
        }
      }
      if (!closed) {
        try {
          Thread.sleep(pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        pause = lost ? Math.min(1_000, pause * 2) : 50;
      }
    }
  }

  private void ping() {
    Listener l = current;
    if (l != null && l.isSubscribed()) {
      try {
        synchronized (writeLock) {
          l.ping();
        }
      } catch (JedisException | IllegalStateException | NullPointerException e) {
        // the reader notices the broken connection and reconnects
      }
    }
  }

  private void deliver(String redisChannel, String text) {
    if (!redisChannel.startsWith(prefix)) {
      return;
    }
    String channel = redisChannel.substring(prefix.length());
    List<Consumer<Map<String, Object>>> list = handlers.get(channel);
    if (list == null || list.isEmpty()) {
      return;
    }
    Map<String, Object> message;
    try {
      message = JSON.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      LOG.warn("cluster bus: a message on channel {} is not a JSON object, skipped: {}", channel,
          e.getOriginalMessage());
      return;
    }
    List<Consumer<Map<String, Object>>> now = List.copyOf(list);
    try {
      delivery.execute(() -> {
        for (Consumer<Map<String, Object>> h : now) {
          try {
            h.accept(message);
          } catch (RuntimeException e) {
            LOG.warn("cluster bus: a handler of channel {} failed", channel, e);
          }
        }
      });
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  private final class Listener extends JedisPubSub {
    @Override
    public void onMessage(String channel, String message) {
      deliver(channel, message);
    }

    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
      synchronized (confirmed) {
        confirmed.add(channel);
        confirmed.notifyAll();
      }
    }

    @Override
    public void onUnsubscribe(String channel, int subscribedChannels) {
      confirmed.remove(channel);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pinger.shutdownNow();
    Listener l = current;
    if (l != null) {
      try {
        synchronized (writeLock) {
          l.unsubscribe();
        }
      } catch (JedisException | IllegalStateException | NullPointerException e) {
        // already disconnected
      }
    }
    Jedis c = connection;
    if (c != null) {
      c.disconnect(); // ends the reader even when it was still connecting
    }
    try {
      reader.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    handlers.clear();
    delivery.shutdown();
  }
}
