package dev.weft.nodes.integrations.telegram;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.BinaryBody;
import dev.weft.nodes.integrations.common.NodeParams;
import dev.weft.nodes.integrations.common.RetryPolicy;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/**
 * Sends Telegram messages, photos and documents with the Bot API ({@code sendMessage}, {@code sendPhoto},
 * {@code sendDocument}). A photo or document is a URL or file id Telegram fetches, or an item's binary data uploaded
 * as multipart. The answer is the sent message.
 */
public final class TelegramNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.telegram";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Telegram")
      .group("communication")
      .description("Sends messages, photos and documents to a Telegram chat as a bot")
      .icon("telegram")
      .credential(TelegramApi.TYPE, true)
      .parameters(
          ParameterSpec.options("operation", Option.of("sendMessage", "Send message"),
              Option.of("sendPhoto", "Send photo"), Option.of("sendDocument", "Send document")).displayName("Operation"),
          ParameterSpec.string("chatId").displayName("Chat ID").required()
              .description("A chat id, or @channelusername"),
          ParameterSpec.string("text").displayName("Text").displayWhen("operation", "sendMessage"),
          ParameterSpec.options("source", Option.of("binary", "Binary data of the item"),
              Option.of("url", "URL or file id")).displayName("File from")
              .displayWhen("operation", "sendPhoto", "sendDocument"),
          ParameterSpec.string("binaryProperty").displayName("Binary property").defaultValue("data")
              .displayWhen("source", "binary"),
          ParameterSpec.string("file").displayName("URL or file id").displayWhen("source", "url"),
          ParameterSpec.string("caption").displayName("Caption").displayWhen("operation", "sendPhoto", "sendDocument"),
          ParameterSpec.options("parseMode", Option.of("", "None"), Option.of("HTML"), Option.of("MarkdownV2"),
              Option.of("Markdown", "Markdown (legacy)")).displayName("Parse mode"),
          ParameterSpec.bool("disableNotification").displayName("Send silently").defaultValue(false),
          ParameterSpec.bool("disableWebPagePreview").displayName("No link preview").defaultValue(false)
              .displayWhen("operation", "sendMessage"),
          ParameterSpec.string("replyToMessageId").displayName("Reply to message ID"),
          ParameterSpec.json("replyMarkup").displayName("Reply markup")
              .description("An inline keyboard or custom keyboard object, as JSON"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    Credentials credentials = context.credentials(TelegramApi.TYPE);
    // one quick retry: Telegram's 429 says how long to wait, which TelegramApi honours
    TelegramApi telegram = new TelegramApi(ApiClient.of("Telegram", context, credentials.require("accessToken"))
        .withRetry(new RetryPolicy(1, Duration.ofMillis(500), Duration.ofMinutes(1), true)), credentials);
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        Object result = send(context, items.get(i), i, telegram);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = result instanceof Map<?, ?> m ? (Map<String, Object>) m
            : new java.util.LinkedHashMap<>(java.util.Collections.singletonMap("result", result));
        out.add(0, Item.of(json).pairedWith(i));
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private Object send(NodeContext context, Item item, int i, TelegramApi telegram) throws NodeException {
    String operation = NodeParams.required(context, "operation", i);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("chat_id", NodeParams.required(context, "chatId", i));
    String parseMode = NodeParams.optional(context, "parseMode", i);
    if (context.bool("disableNotification", i)) {
      fields.put("disable_notification", true);
    }
    String reply = NodeParams.optional(context, "replyToMessageId", i);
    if (reply != null) {
      fields.put("reply_parameters", Map.of("message_id", messageId(reply, i)));
    }
    Map<String, Object> markup = NodeParams.jsonObject(context, "replyMarkup", i);
    if (markup != null) {
      fields.put("reply_markup", markup);
    }
    switch (operation) {
      case "sendMessage" -> {
        fields.put("text", NodeParams.required(context, "text", i));
        if (parseMode != null) {
          fields.put("parse_mode", parseMode);
        }
        if (context.bool("disableWebPagePreview", i)) {
          fields.put("link_preview_options", Map.of("is_disabled", true));
        }
        return telegram.call("sendMessage", ApiClient.jsonBody(fields));
      }
      case "sendPhoto", "sendDocument" -> {
        String field = operation.equals("sendPhoto") ? "photo" : "document";
        String caption = NodeParams.optional(context, "caption", i);
        if (caption != null) {
          fields.put("caption", caption);
          if (parseMode != null) {
            fields.put("parse_mode", parseMode);
          }
        }
        if ("url".equals(context.string("source", i))) {
          fields.put(field, NodeParams.required(context, "file", i));
          return telegram.call(operation, ApiClient.jsonBody(fields));
        }
        String property = NodeParams.required(context, "binaryProperty", i);
        BinaryData data = BinaryBody.require(item, property, "binaryProperty", i);
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
        for (Map.Entry<String, Object> f : fields.entrySet()) {
          Object v = f.getValue();
          form.addFormDataPart(f.getKey(), v instanceof Map<?, ?> || v instanceof List<?> ? ApiClient.write(v)
              : String.valueOf(v));
        }
        String name = data.fileName() != null ? data.fileName() : field + (data.fileExtension().isEmpty() ? ""
            : "." + data.fileExtension());
        form.addFormDataPart(field, name, new BinaryBody(context.binaries(), data, null));
        return telegram.call(operation, form.build());
      }
      default -> throw NodeException.parameter("operation", i, "Telegram has no operation '" + operation
          + "' here; use sendMessage, sendPhoto or sendDocument");
    }
  }

  private static long messageId(String value, int i) throws NodeException {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw NodeException.parameter("replyToMessageId", i, "a Telegram message id is a number, was '" + value + "'");
    }
  }

  static RequestBody empty() {
    return RequestBody.create(new byte[0], null);
  }
}
