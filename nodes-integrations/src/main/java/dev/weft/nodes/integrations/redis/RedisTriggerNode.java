package dev.weft.nodes.integrations.redis;

import dev.weft.nodes.integrations.messaging.BrokerMessages;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Redis Trigger ({@code weft.redisTrigger}): subscribes to channels ({@code *} patterns allowed) and starts one
 * execution per message, item {@code {channel, message}} (and {@code pattern} for pattern subscriptions). Redis
 * pub/sub does not store messages: those sent while the trigger is disconnected are lost, as Redis documents; the
 * trigger reconnects after a connection loss.
 */
public final class RedisTriggerNode implements TriggerNode {
  /** The node type id. */
  public static final String TYPE = "weft.redisTrigger";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Redis Trigger")
      .group("trigger")
      .icon("fa:layer-group")
      .description("Starts the workflow for each message published on Redis channels")
      .inputs()
      .parameters(
          ParameterSpec.string("channels").displayName("Channels").required().placeholder("orders, alerts:*")
              .description("Comma-separated; * patterns allowed"),
          BrokerMessages.jsonParseParameter())
      .credential(RedisAccess.TYPE, true)
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    String text = context.parameter("channels", String.class);
    List<String> channels = new ArrayList<>();
    for (String ch : text == null ? new String[0] : text.split(",")) {
      if (!ch.isBlank()) {
        channels.add(ch.trim());
      }
    }
    if (channels.isEmpty()) {
      throw NodeException.parameter("channels", -1, "name at least one channel");
    }
    boolean jsonParse = !Boolean.FALSE.equals(context.parameter("jsonParse", Boolean.class));
    Credentials c = context.credentials(RedisAccess.TYPE);
    AtomicBoolean stopped = new AtomicBoolean();
    CountDownLatch subscribed = new CountDownLatch(1);
    JedisPubSub pubSub = new JedisPubSub() {
      @Override
      public void onPMessage(String pattern, String channel, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("channel", channel);
        json.put("message", BrokerMessages.decode(message.getBytes(StandardCharsets.UTF_8), jsonParse));
        if (!pattern.equals(channel)) {
          json.put("pattern", pattern);
        }
        context.emit(List.of(Item.of(json)));
      }

      @Override
      public void onPSubscribe(String pattern, int subscribedChannels) {
        if (subscribedChannels == channels.size()) {
          subscribed.countDown();
        }
      }
    };
    try (Jedis probe = RedisAccess.connect(c)) {
      probe.ping();
    } catch (Exception e) {
      throw new NodeException("cannot connect to Redis: " + e.getMessage(), e);
    }
    Thread listener = new Thread(() -> {
      while (!stopped.get()) {
        try (Jedis jedis = RedisAccess.subscriber(c)) {
          jedis.psubscribe(pubSub, channels.toArray(String[]::new));
        } catch (Exception e) {
          if (!stopped.get()) {
            context.logger().warn("Redis trigger lost its subscription; reconnecting in 1 s", e);
            try {
              Thread.sleep(1000);
            } catch (InterruptedException interrupted) {
              return;
            }
          }
        }
      }
    }, "weft-redis-trigger-" + context.workflow().workflowName());
    listener.setDaemon(true);
    listener.start();
    if (!subscribed.await(10, TimeUnit.SECONDS)) {
      stopped.set(true);
      listener.interrupt();
      throw new NodeException("the Redis subscription to " + channels + " did not start within 10 s");
    }
    return () -> {
      stopped.set(true);
      try {
        if (pubSub.isSubscribed()) {
          pubSub.punsubscribe();
        }
      } catch (Exception e) {
        context.logger().debug("closing the Redis trigger", e);
      }
    };
  }
}
