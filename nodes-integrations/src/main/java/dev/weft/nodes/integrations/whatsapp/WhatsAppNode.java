package dev.weft.nodes.integrations.whatsapp;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.NodeParams;
import dev.weft.nodes.integrations.common.RetryPolicy;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Sends WhatsApp messages with the Cloud API: {@code POST /{version}/{phone-number-id}/messages} with a text message
 * or an approved template (with its body parameters or full components). The answer names the contact's WhatsApp id
 * and the message id ({@code wamid.…}).
 */
public final class WhatsAppNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.whatsApp";
  /** The credential type id. */
  public static final String CREDENTIAL = "weft.whatsAppApi";
  static final String DEFAULT_BASE = "https://graph.facebook.com";
  static final String DEFAULT_VERSION = "v22.0";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("WhatsApp")
      .group("communication")
      .description("Sends WhatsApp text and template messages with the WhatsApp Business Cloud API")
      .icon("whatsapp")
      .credential(CREDENTIAL, true)
      .parameters(
          ParameterSpec.string("phoneNumberId").displayName("Sender phone number ID").required()
              .description("The business phone number's id (not the number), from WhatsApp Manager"),
          ParameterSpec.string("recipient").displayName("Recipient").required()
              .description("Phone number in international format, like +49 151 2345678"),
          ParameterSpec.options("messageType", Option.of("text", "Text"), Option.of("template", "Template"))
              .displayName("Message type"),
          ParameterSpec.string("text").displayName("Text").displayWhen("messageType", "text"),
          ParameterSpec.bool("previewUrl").displayName("Preview links").defaultValue(false)
              .displayWhen("messageType", "text"),
          ParameterSpec.string("templateName").displayName("Template name").displayWhen("messageType", "template"),
          ParameterSpec.string("languageCode").displayName("Template language").defaultValue("en_US")
              .displayWhen("messageType", "template"),
          ParameterSpec.builder("bodyParameters", dev.weft.spi.ParameterType.LIST).displayName("Body parameters")
              .description("Values for {{1}}, {{2}} … of the template's body, in order")
              .displayWhen("messageType", "template"),
          ParameterSpec.json("components").displayName("Components")
              .description("The template's components as the Cloud API takes them (header, body, buttons); "
                  + "replaces 'Body parameters'")
              .displayWhen("messageType", "template"),
          ParameterSpec.string("replyTo").displayName("Reply to message ID").description("A wamid.… to quote"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /** The credential: a system user's permanent access token, tested by reading the token's owner. */
  public static CredentialType credentialType() {
    return CredentialType.builder(CREDENTIAL).displayName("WhatsApp Business Cloud API")
        .description("A permanent access token of a system user with whatsapp_business_messaging permission")
        .fields(
            ParameterSpec.string("accessToken").displayName("Access token").required().secret().noExpressions(),
            ParameterSpec.string("apiVersion").displayName("Graph API version").defaultValue(DEFAULT_VERSION)
                .noExpressions(),
            ParameterSpec.string("baseUrl").displayName("Graph API base URL").defaultValue(DEFAULT_BASE)
                .noExpressions().description("Change only for a proxy or a test server"))
        .tester((c, services) -> {
          String token = c.require("accessToken");
          ApiClient api = errors(new ApiClient("WhatsApp", services.service(OkHttpClient.class), RetryPolicy.none(),
              null, Clock.systemUTC(), List.of(token)));
          try {
            Map<String, Object> me = api.object(new Request.Builder().url(url(c).addPathSegment("me").build())
                .header("Authorization", "Bearer " + token).get().build());
            return CredentialTester.Result.ok("the Graph API accepts the token of " + me.get("name"));
          } catch (NodeException e) {
            return CredentialTester.Result.failed(e.getMessage());
          }
        })
        .build();
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    Credentials c = context.credentials(CREDENTIAL);
    String token = c.require("accessToken");
    ApiClient api = errors(ApiClient.of("WhatsApp", context, token));
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        HttpUrl url = url(c).addPathSegment(NodeParams.required(context, "phoneNumberId", i))
            .addPathSegment("messages").build();
        Map<String, Object> answer = api.object(new Request.Builder().url(url)
            .header("Authorization", "Bearer " + token).post(ApiClient.jsonBody(message(context, i))).build());
        out.add(0, Item.of(answer).pairedWith(i));
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  static Map<String, Object> message(NodeContext context, int i) throws NodeException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messaging_product", "whatsapp");
    m.put("recipient_type", "individual");
    m.put("to", phone(NodeParams.required(context, "recipient", i), i));
    String reply = NodeParams.optional(context, "replyTo", i);
    if (reply != null) {
      m.put("context", Map.of("message_id", reply.trim()));
    }
    if ("template".equals(context.string("messageType", i))) {
      Map<String, Object> template = new LinkedHashMap<>();
      template.put("name", NodeParams.required(context, "templateName", i));
      template.put("language", Map.of("code", NodeParams.required(context, "languageCode", i)));
      List<Object> components = NodeParams.jsonArray(context, "components", i);
      if (components == null) {
        Object params = context.parameter("bodyParameters", i);
        if (params instanceof List<?> list && !list.isEmpty()) {
          List<Object> values = new ArrayList<>();
          for (Object v : list) {
            Object text = v instanceof Map<?, ?> entry ? entry.get("value") : v;
            values.add(Map.of("type", "text", "text", text == null ? "" : String.valueOf(text)));
          }
          components = List.of(Map.of("type", "body", "parameters", values));
        }
      }
      if (components != null && !components.isEmpty()) {
        template.put("components", components);
      }
      m.put("type", "template");
      m.put("template", template);
    } else {
      m.put("type", "text");
      m.put("text", Map.of("preview_url", context.bool("previewUrl", i),
          "body", NodeParams.required(context, "text", i)));
    }
    return m;
  }

  /** A phone number as the Cloud API takes it: digits with the country code, without separators. */
  static String phone(String value, int i) throws NodeException {
    String digits = value.replaceAll("[\\s().\\-]", "");
    if (digits.startsWith("+")) {
      digits = digits.substring(1);
    } else if (digits.startsWith("00")) {
      digits = digits.substring(2);
    }
    if (!digits.matches("\\d{7,15}")) {
      throw NodeException.parameter("recipient", i, "'" + value + "' is not a phone number in international format "
          + "(country code and number, 7 to 15 digits)");
    }
    return digits;
  }

  static HttpUrl.Builder url(Credentials c) throws NodeException {
    String base = c.string("baseUrl");
    base = base == null || base.isBlank() ? DEFAULT_BASE : base.trim();
    HttpUrl parsed = HttpUrl.parse(base);
    if (parsed == null) {
      throw new NodeException("credential '" + CREDENTIAL + "': the base URL '" + base + "' is not an http(s) URL");
    }
    String version = c.string("apiVersion");
    // an empty last segment (a base ending in '/') is replaced by the next segment added
    return parsed.newBuilder().addPathSegment(version == null || version.isBlank() ? DEFAULT_VERSION : version.trim());
  }

  /** The Graph API's errors: a message, a code, and for WhatsApp the details that say what to do. */
  static ApiClient errors(ApiClient api) {
    return api.withErrorReader(body -> {
      if (!(ApiClient.parse(body) instanceof Map<?, ?> m) || !(m.get("error") instanceof Map<?, ?> e)) {
        return null;
      }
      StringBuilder sb = new StringBuilder(String.valueOf(e.get("message")));
      if (e.get("error_data") instanceof Map<?, ?> data && data.get("details") != null) {
        sb.append(" — ").append(data.get("details"));
      }
      if (e.get("code") != null) {
        sb.append(" (code ").append(e.get("code"));
        if (e.get("fbtrace_id") != null) {
          sb.append(", fbtrace_id ").append(e.get("fbtrace_id"));
        }
        sb.append(')');
      }
      return sb.toString();
    });
  }
}
