package dev.weft.nodes.integrations.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.WebhookResponder;
import dev.weft.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Respond to Webhook ({@code weft.respondToWebhook}): answers the request that started the execution, when its Webhook
 * trigger responds "using a Respond to Webhook node". The answer goes to the waiting caller as soon as this node runs
 * (through the engine's {@link WebhookResponder}); the execution goes on with the nodes after it. Passes its input
 * items on unchanged. Only the first Respond to Webhook node to run in an execution answers.
 */
public final class RespondToWebhookNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.respondToWebhook";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Respond to Webhook")
      .group("output")
      .icon("fa:reply")
      .description("Chooses the answer to the webhook request that started the workflow")
      .parameters(
          ParameterSpec.options("respondWith", Option.of("firstIncomingItem", "First incoming item"),
              Option.of("allIncomingItems", "All incoming items"), Option.of("json", "JSON"),
              Option.of("text", "Text"), Option.of("binary", "Binary data"), Option.of("noData", "No data"),
              Option.of("redirect", "Redirect")).displayName("Respond with"),
          ParameterSpec.json("responseBody").displayName("Response body").displayWhen("respondWith", "json", "text"),
          ParameterSpec.string("redirectUrl").displayName("Redirect URL").displayWhen("respondWith", "redirect"),
          ParameterSpec.string("binaryProperty").displayName("Binary property").defaultValue("data")
              .displayWhen("respondWith", "binary"),
          ParameterSpec.number("responseCode").displayName("Response code").defaultValue(200),
          ParameterSpec.list("headers", ParameterSpec.string("name").build(), ParameterSpec.string("value").build())
              .displayName("Response headers"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    int i = 0;
    String with = context.string("respondWith", i);
    Number codeValue = context.parameter("responseCode", i, Number.class);
    int code = codeValue == null ? 200 : codeValue.intValue();
    if (code < 100 || code > 599) {
      throw NodeException.parameter("responseCode", i, "an HTTP status is 100 to 599, got " + code);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Object list = context.parameter("headers", i);
    if (list instanceof List<?> l) {
      for (Object e : l) {
        if (e instanceof Map<?, ?> m && m.get("name") != null && !String.valueOf(m.get("name")).isBlank()) {
          headers.put(String.valueOf(m.get("name")), m.get("value") == null ? "" : String.valueOf(m.get("value")));
        }
      }
    }
    String contentType = header(headers, "content-type");
    WebhookResponse response;
    switch (with == null ? "firstIncomingItem" : with) {
      case "firstIncomingItem" -> response = json(code, headers, contentType,
          items.isEmpty() ? Map.of() : items.get(0).json());
      case "allIncomingItems" -> {
        List<Object> all = new ArrayList<>();
        for (Item it : items) {
          all.add(it.json());
        }
        response = json(code, headers, contentType, all);
      }
      case "json" -> {
        Object body = context.parameter("responseBody", i);
        if (body instanceof String s) {
          try {
            body = MAPPER.readValue(s, Object.class);
          } catch (Exception e) {
            throw NodeException.parameter("responseBody", i, "the response body is not valid JSON");
          }
        }
        response = json(code, headers, contentType, body);
      }
      case "text" -> {
        Object body = context.parameter("responseBody", i);
        String text = body == null ? "" : body instanceof String s ? s : MAPPER.writeValueAsString(body);
        response = new WebhookResponse(code, without(headers, "content-type"),
            contentType != null ? contentType : "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
      }
      case "binary" -> {
        String property = context.string("binaryProperty", i);
        BinaryData data = items.isEmpty() ? null : items.get(0).binary().get(property);
        if (data == null) {
          throw NodeException.parameter("binaryProperty", i, "the first incoming item has no binary property '"
              + property + "'");
        }
        // streamed from the store to the caller when the server writes the answer, never whole in memory
        response = WebhookResponse.binary(code, without(headers, "content-type"), contentType, data,
            context.binaries());
      }
      case "redirect" -> {
        String url = context.string("redirectUrl", i);
        if (url == null || url.isBlank()) {
          throw NodeException.parameter("redirectUrl", i, "a redirect needs a URL");
        }
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Location", url);
        response = new WebhookResponse(code == 200 ? 307 : code, h, null, new byte[0]);
      }
      case "noData" -> response = new WebhookResponse(code, without(headers, "content-type"), contentType,
          new byte[0]);
      default -> throw NodeException.parameter("respondWith", i, "unknown choice '" + with + "'");
    }
    if (!context.service(WebhookResponder.class).respond(context.execution().executionId(), response)) {
      context.logger().info("'{}' of execution {} has nobody to answer: the execution was not started by a Webhook "
          + "responding with a Respond to Webhook node, an earlier node answered, or the request stopped waiting",
          context.execution().nodeName(), context.execution().executionId());
    }
    return NodeOutput.of(items);
  }

  private static WebhookResponse json(int code, Map<String, String> headers, String contentType, Object body)
      throws Exception {
    return new WebhookResponse(code, without(headers, "content-type"),
        contentType != null ? contentType : "application/json", MAPPER.writeValueAsBytes(body));
  }

  private static String header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static Map<String, String> without(Map<String, String> headers, String name) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    return copy;
  }
}
