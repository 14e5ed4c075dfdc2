package dev.weft.nodes.integrations.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.spi.Item;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.nio.charset.StandardCharsets;

/**
 * What the broker nodes (RabbitMQ, MQTT, NATS, Redis) share: how an item becomes a message body and how a received
 * body becomes JSON. Their long-lived clients are {@link dev.weft.nodes.integrations.common.Clients} owned by the pack.
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
}
