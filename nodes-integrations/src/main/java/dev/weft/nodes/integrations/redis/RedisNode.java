package dev.weft.nodes.integrations.redis;

import dev.weft.nodes.integrations.common.Clients;
import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.nodes.integrations.messaging.BrokerMessages;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
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
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/**
 * Redis ({@code weft.redis}): {@code get} (the value written into the item at {@code propertyName}, JSON parsed when
 * asked), {@code set} (with an optional expiry and only-if-absent/present), {@code delete}, {@code incr} (by any
 * whole amount) and {@code publish} to a channel.
 */
public final class RedisNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.redis";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Redis")
      .group("output")
      .icon("fa:layer-group")
      .description("Gets, sets, deletes and increments Redis keys, and publishes to channels")
      .parameters(
          ParameterSpec.options("operation", Option.of("get", "Get"), Option.of("set", "Set"),
              Option.of("delete", "Delete"), Option.of("incr", "Increment"), Option.of("publish", "Publish"))
              .displayName("Operation"),
          ParameterSpec.string("key").displayName("Key").displayWhen("operation", "get", "set", "delete", "incr"),
          ParameterSpec.string("value").displayName("Value")
              .description("Text, or any JSON value (stored as JSON text)").displayWhen("operation", "set"),
          ParameterSpec.number("expireSeconds").displayName("Expire after (s)").defaultValue(0)
              .description("0 keeps the key").displayWhen("operation", "set"),
          ParameterSpec.options("condition", Option.of("always", "Always"), Option.of("ifAbsent", "Only if absent (NX)"),
              Option.of("ifPresent", "Only if present (XX)")).displayName("Write").displayWhen("operation", "set"),
          ParameterSpec.number("by").displayName("Increment by").defaultValue(1).displayWhen("operation", "incr"),
          ParameterSpec.string("propertyName").displayName("Output property").defaultValue("value")
              .displayWhen("operation", "get", "incr"),
          ParameterSpec.bool("jsonParse").displayName("Parse JSON values").defaultValue(true)
              .displayWhen("operation", "get"),
          ParameterSpec.string("channel").displayName("Channel").displayWhen("operation", "publish"),
          BrokerMessages.contentParameter().displayWhen("operation", "publish"),
          BrokerMessages.messageParameter())
      .credential(RedisAccess.TYPE, true)
      .build();

  private final Clients<JedisPooled> pools;

  /**
   * A node using {@code pools}: the pack's Redis pools, one per credential, closed with the pack.
   */
  public RedisNode(Clients<JedisPooled> pools) {
    this.pools = java.util.Objects.requireNonNull(pools, "pools");
  }

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    Credentials c = context.credentials(RedisAccess.TYPE);
    JedisPooled redis = RedisAccess.pool(pools, c);
    NodeOutput.Builder out = context.output();
    List<Item> items = context.items();
    for (int i = 0; i < items.size(); i++) {
      try {
        out.add(0, run(context, redis, items.get(i), i).pairedWith(i));
      } catch (NodeException e) {
        out.fail(i, e);
      } catch (Exception e) {
        out.fail(i, NodeException.item(i, ServiceErrors.redact("Redis: " + e.getMessage(), RedisAccess.secrets(c)),
            e));
      }
    }
    return out.build();
  }

  private static Item run(NodeContext context, JedisPooled redis, Item item, int i) throws Exception {
    String op = context.string("operation", i);
    op = op == null ? "get" : op;
    Map<String, Object> json = new LinkedHashMap<>(item.json());
    switch (op) {
      case "get" -> {
        String value = redis.get(key(context, i));
        Json.set(json, property(context, i), value == null ? null
            : BrokerMessages.decode(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                !Boolean.FALSE.equals(context.parameter("jsonParse", i, Boolean.class))));
      }
      case "set" -> {
        String key = key(context, i);
        Object v = context.parameter("value", i);
        String value = v == null ? "" : v instanceof String s ? s : BrokerMessages.json(v);
        SetParams params = new SetParams();
        Number expire = context.parameter("expireSeconds", i, Number.class);
        if (expire != null && expire.longValue() > 0) {
          params.ex(expire.longValue());
        }
        String condition = context.string("condition", i);
        if ("ifAbsent".equals(condition)) {
          params.nx();
        } else if ("ifPresent".equals(condition)) {
          params.xx();
        }
        String reply = redis.set(key, value, params);
        json = new LinkedHashMap<>();
        json.put("key", key);
        json.put("written", "OK".equals(reply));
      }
      case "delete" -> {
        String key = key(context, i);
        long n = redis.del(key);
        json = new LinkedHashMap<>();
        json.put("key", key);
        json.put("deleted", n);
      }
      case "incr" -> {
        Number by = context.parameter("by", i, Number.class);
        if (by != null && by.doubleValue() != Math.rint(by.doubleValue())) {
          throw NodeException.parameter("by", i, "Redis increments by whole numbers, got " + by);
        }
        long value = redis.incrBy(key(context, i), by == null ? 1 : by.longValue());
        Json.set(json, property(context, i), value);
      }
      case "publish" -> {
        String channel = context.string("channel", i);
        if (channel == null || channel.isBlank()) {
          throw NodeException.parameter("channel", i, "name the channel to publish to");
        }
        long receivers = redis.publish(channel.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            BrokerMessages.body(context, item, i));
        json = new LinkedHashMap<>();
        json.put("channel", channel);
        json.put("receivers", receivers);
      }
      default -> throw NodeException.parameter("operation", i, "unknown operation '" + op
          + "'; use get, set, delete, incr or publish");
    }
    return Item.of(json);
  }

  private static String key(NodeContext context, int i) throws NodeException {
    String key = context.string("key", i);
    if (key == null || key.isEmpty()) {
      throw NodeException.parameter("key", i, "the key is empty");
    }
    return key;
  }

  private static String property(NodeContext context, int i) throws NodeException {
    String p = context.string("propertyName", i);
    return p == null || p.isBlank() ? "value" : p;
  }
}
