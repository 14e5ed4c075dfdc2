package dev.weft.nodes.integrations.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the broker nodes (RabbitMQ, MQTT, NATS, Redis) share: how an item becomes a message body, how a received body
 * becomes JSON, and one long-lived client per distinct credential.
 */
public final class BrokerMessages {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private BrokerMessages() {}

  /** The {@code content} parameter: the item's JSON, or the {@code message} text. */
  public static ParameterSpec.Builder contentParameter() {
    return ParameterSpec.options("content", Option.of("json", "The item's JSON"), Option.of("text", "Text"))
        .displayName("Send");
  }

  /** The {@code message} parameter, used when {@code content} is text. */
  public static ParameterSpec.Builder messageParameter() {
    return ParameterSpec.string("message").displayName("Message").displayWhen("content", "text");
  }

  /** The {@code jsonParse} parameter of triggers. */
  public static ParameterSpec.Builder jsonParseParameter() {
    return ParameterSpec.bool("jsonParse").displayName("Parse JSON messages").defaultValue(true)
        .description("Output a message that is JSON as an object instead of text");
  }

  /** The body to send for item {@code i}. */
  public static byte[] body(NodeContext context, Item item, int i) throws Exception {
    String content = context.string("content", i);
    if (content == null || content.equals("json")) {
      return MAPPER.writeValueAsBytes(item.json());
    }
    if (!content.equals("text")) {
      throw NodeException.parameter("content", i, "unknown content '" + content + "'; use json or text");
    }
    Object message = context.parameter("message", i);
    if (message == null) {
      throw NodeException.parameter("message", i, "the message is empty");
    }
    return (message instanceof String s ? s : MAPPER.writeValueAsString(message)).getBytes(StandardCharsets.UTF_8);
  }

  /** A received body: parsed when asked and it is JSON, else text. */
  public static Object decode(byte[] body, boolean jsonParse) {
    String text = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
    if (jsonParse) {
      String t = text.trim();
      if (t.startsWith("{") || t.startsWith("[")) {
        try {
          return MAPPER.readValue(t, Object.class);
        } catch (Exception notJson) {
          return text;
        }
      }
    }
    return text;
  }

  /** JSON text of a value. */
  public static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A key that changes when any credential value changes. */
  public static String key(Credentials c) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(new TreeMap<>(c.values()).toString().getBytes(StandardCharsets.UTF_8));
      return c.type() + "|" + c.id() + "|" + HexFormat.of().formatHex(md.digest());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Long-lived clients (connections, pools) by credential: made once, replaced when the credential changes.
   *
   * @param <T> the client type
   */
  public static final class Clients<T extends AutoCloseable> {
    private final Map<String, T> clients = new ConcurrentHashMap<>();

    /** The client for these credentials, made with {@code factory} when missing or unusable. */
    public synchronized T get(Credentials c, Function<Credentials, T> factory, Function<T, Boolean> usable) {
      String key = key(c);
      T existing = clients.get(key);
      if (existing != null && usable.apply(existing)) {
        return existing;
      }
      String prefix = c.type() + "|" + c.id() + "|";
      clients.entrySet().removeIf(e -> {
        if (e.getKey().startsWith(prefix)) {
          try {
            e.getValue().close();
          } catch (Exception ignored) {
            // a broken client is dropped anyway
          }
          return true;
        }
        return false;
      });
      T made = factory.apply(c);
      clients.put(key, made);
      return made;
    }
  }
}
