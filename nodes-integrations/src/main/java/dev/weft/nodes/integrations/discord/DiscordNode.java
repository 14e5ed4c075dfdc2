package dev.weft.nodes.integrations.discord;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.BinaryBody;
import dev.weft.nodes.integrations.common.NodeParams;
import dev.weft.nodes.integrations.common.RetryPolicy;
import dev.weft.spi.BinaryData;
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
import dev.weft.spi.Services;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Sends Discord messages, with embeds and files, through a channel webhook ({@code POST <webhook>?wait=true}) or as a bot
 * ({@code POST /channels/{id}/messages} with {@code Authorization: Bot}). The answer is the created message.
 */
public final class DiscordNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.discord";
  /** A channel webhook URL. */
  public static final String WEBHOOK_TYPE = "weft.discordWebhookApi";
  /** A bot token. */
  public static final String BOT_TYPE = "weft.discordBotApi";
  static final String DEFAULT_BASE = "https://discord.com/api/v10";
  static final int MAX_CONTENT = 2000;
  static final int MAX_EMBEDS = 10;

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Discord")
      .group("communication")
      .description("Sends a message with embeds to a Discord channel, by webhook or as a bot")
      .icon("discord")
      .credential(WEBHOOK_TYPE, false)
      .credential(BOT_TYPE, false)
      .parameters(
          ParameterSpec.options("connection", Option.of("webhook", "Webhook"), Option.of("bot", "Bot"))
              .displayName("Connect with"),
          ParameterSpec.string("channelId").displayName("Channel ID").displayWhen("connection", "bot"),
          ParameterSpec.string("content").displayName("Content").description("Message text, up to 2000 characters"),
          ParameterSpec.json("embeds").displayName("Embeds")
              .description("A JSON array of Discord embed objects (title, description, url, color, fields …)"),
          ParameterSpec.collection("embed",
                  ParameterSpec.string("title").build(),
                  ParameterSpec.string("description").build(),
                  ParameterSpec.string("url").build(),
                  ParameterSpec.string("color").description("#RRGGBB or a number").build(),
                  ParameterSpec.string("timestamp").description("ISO-8601").build(),
                  ParameterSpec.string("footer").build(),
                  ParameterSpec.string("imageUrl").build(),
                  ParameterSpec.string("thumbnailUrl").build(),
                  ParameterSpec.string("authorName").build(),
                  ParameterSpec.json("fields").description("A JSON array of {name, value, inline}").build())
              .displayName("Embed").description("One embed built from fields, added after 'embeds'"),
          ParameterSpec.string("attachments").displayName("Files")
              .description("Binary properties to attach, comma separated (an embed shows one as attachment://name)"),
          ParameterSpec.collection("options",
                  ParameterSpec.bool("tts").displayName("Text to speech").build(),
                  ParameterSpec.string("username").displayName("Username (webhook)").build(),
                  ParameterSpec.string("avatarUrl").displayName("Avatar URL (webhook)").build(),
                  ParameterSpec.string("threadId").displayName("Thread ID (webhook)").build(),
                  ParameterSpec.string("replyTo").displayName("Reply to message ID (bot)").build())
              .displayName("Options"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /** The webhook credential, tested by reading the webhook. */
  public static CredentialType webhookType() {
    return CredentialType.builder(WEBHOOK_TYPE).displayName("Discord webhook")
        .description("A channel webhook URL (Channel settings → Integrations → Webhooks)")
        .fields(ParameterSpec.string("webhookUrl").displayName("Webhook URL").required().secret().noExpressions())
        .tester((c, s) -> test(s, c.require("webhookUrl"), null, c.require("webhookUrl")))
        .build();
  }

  /** The bot credential, tested by reading the bot's user. */
  public static CredentialType botType() {
    return CredentialType.builder(BOT_TYPE).displayName("Discord bot")
        .description("A bot token from the Discord developer portal (Bot → Reset Token)")
        .fields(
            ParameterSpec.string("botToken").displayName("Bot token").required().secret().noExpressions(),
            ParameterSpec.string("baseUrl").displayName("API base URL").defaultValue(DEFAULT_BASE).noExpressions()
                .description("Discord's API; change only for a proxy or a test server"))
        .tester((c, s) -> test(s, base(c) + "/users/@me", c.require("botToken"), c.require("botToken")))
        .build();
  }

  private static CredentialTester.Result test(Services services, String url, String botToken, String secret) {
    ApiClient api = errors(new ApiClient("Discord", services.service(OkHttpClient.class), RetryPolicy.none(), null,
        Clock.systemUTC(), List.of(secret)));
    try {
      Request.Builder r = new Request.Builder().url(url).get();
      if (botToken != null) {
        r.header("Authorization", "Bot " + botToken);
      }
      Map<String, Object> answer = api.object(r.build());
      return CredentialTester.Result.ok("Discord knows this " + (botToken == null
          ? "webhook: " + answer.get("name") : "bot: " + answer.get("username")));
    } catch (NodeException | IllegalArgumentException e) {
      return CredentialTester.Result.failed(redact(e.getMessage(), secret));
    }
  }

  private static String redact(String message, String secret) {
    return dev.weft.nodes.integrations.common.ServiceErrors.redact(message, List.of(secret));
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        out.add(0, Item.of(send(context, items.get(i), i)).pairedWith(i));
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private Map<String, Object> send(NodeContext context, Item item, int i) throws NodeException {
    boolean bot = "bot".equals(context.string("connection", i));
    Map<String, Object> options = map(context.parameter("options", i));
    Map<String, Object> body = new LinkedHashMap<>();
    String content = NodeParams.optional(context, "content", i);
    if (content != null) {
      if (content.codePointCount(0, content.length()) > MAX_CONTENT) {
        throw NodeException.parameter("content", i, "Discord messages hold at most " + MAX_CONTENT
            + " characters; item " + i + " has " + content.codePointCount(0, content.length()));
      }
      body.put("content", content);
    }
    List<Object> embeds = new ArrayList<>();
    List<Object> given = NodeParams.jsonArray(context, "embeds", i);
    if (given != null) {
      embeds.addAll(given);
    }
    Map<String, Object> one = embed(context, i);
    if (!one.isEmpty()) {
      embeds.add(one);
    }
    if (embeds.size() > MAX_EMBEDS) {
      throw NodeException.parameter("embeds", i, "Discord messages hold at most " + MAX_EMBEDS + " embeds; item "
          + i + " has " + embeds.size());
    }
    if (!embeds.isEmpty()) {
      body.put("embeds", embeds);
    }
    List<BinaryData> files = new ArrayList<>();
    String attachments = NodeParams.optional(context, "attachments", i);
    if (attachments != null) {
      for (String property : attachments.split(",")) {
        if (!property.isBlank()) {
          files.add(BinaryBody.require(item, property.trim(), "attachments", i));
        }
      }
    }
    if (files.size() > MAX_EMBEDS) {
      throw NodeException.parameter("attachments", i, "Discord messages hold at most " + MAX_EMBEDS
          + " files; item " + i + " has " + files.size());
    }
    if (body.isEmpty() && files.isEmpty()) {
      throw NodeException.parameter("content", i, "a Discord message needs content, an embed or a file; item " + i
          + " has none");
    }
    if (Boolean.TRUE.equals(options.get("tts"))) {
      body.put("tts", true);
    }
    Request.Builder request = new Request.Builder();
    String secret;
    HttpUrl url;
    if (bot) {
      Credentials c = context.credentials(BOT_TYPE);
      secret = c.require("botToken");
      String channel = NodeParams.required(context, "channelId", i);
      if (options.get("replyTo") instanceof String reply && !reply.isBlank()) {
        body.put("message_reference", Map.of("message_id", reply.trim()));
      }
      url = HttpUrl.get(base(c)).newBuilder().addPathSegment("channels").addPathSegment(channel)
          .addPathSegment("messages").build();
      request.header("Authorization", "Bot " + secret);
    } else {
      Credentials c = context.credentials(WEBHOOK_TYPE);
      secret = c.require("webhookUrl");
      HttpUrl hook = HttpUrl.parse(secret.trim());
      if (hook == null) {
        throw new NodeException("credential '" + WEBHOOK_TYPE + "': the webhook URL is not an http(s) URL");
      }
      putText(body, "username", options.get("username"));
      putText(body, "avatar_url", options.get("avatarUrl"));
      HttpUrl.Builder u = hook.newBuilder().setQueryParameter("wait", "true");
      if (options.get("threadId") instanceof String thread && !thread.isBlank()) {
        u.setQueryParameter("thread_id", thread.trim());
      }
      url = u.build();
    }
    ApiClient api = errors(ApiClient.of("Discord", context, secret));
    if (files.isEmpty()) {
      return api.object(request.url(url).post(ApiClient.jsonBody(body)).build());
    }
    // files: multipart with the message as payload_json and files[n], each described in "attachments"
    List<Object> described = new ArrayList<>();
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    for (int f = 0; f < files.size(); f++) {
      BinaryData data = files.get(f);
      String name = data.fileName() != null ? data.fileName() : "file" + f
          + (data.fileExtension().isEmpty() ? "" : "." + data.fileExtension());
      described.add(Map.of("id", f, "filename", name));
    }
    body.put("attachments", described);
    form.addFormDataPart("payload_json", null, RequestBody.create(ApiClient.write(body), ApiClient.JSON));
    for (int f = 0; f < files.size(); f++) {
      BinaryData data = files.get(f);
      @SuppressWarnings("unchecked")
      String name = String.valueOf(((Map<String, Object>) described.get(f)).get("filename"));
      form.addFormDataPart("files[" + f + "]", name, new BinaryBody(context.binaries(), data, null));
    }
    return api.object(request.url(url).post(form.build()).build());
  }

  private static Map<String, Object> embed(NodeContext context, int i) throws NodeException {
    Map<String, Object> e = map(context.parameter("embed", i));
    Map<String, Object> embed = new LinkedHashMap<>();
    putText(embed, "title", e.get("title"));
    putText(embed, "description", e.get("description"));
    putText(embed, "url", e.get("url"));
    Object color = e.get("color");
    if (color != null && !String.valueOf(color).isBlank()) {
      embed.put("color", color(color, i));
    }
    putText(embed, "timestamp", e.get("timestamp"));
    if (text(e.get("footer")) != null) {
      embed.put("footer", Map.of("text", text(e.get("footer"))));
    }
    if (text(e.get("imageUrl")) != null) {
      embed.put("image", Map.of("url", text(e.get("imageUrl"))));
    }
    if (text(e.get("thumbnailUrl")) != null) {
      embed.put("thumbnail", Map.of("url", text(e.get("thumbnailUrl"))));
    }
    if (text(e.get("authorName")) != null) {
      embed.put("author", Map.of("name", text(e.get("authorName"))));
    }
    Object fields = e.get("fields");
    if (fields instanceof String s && !s.isBlank()) {
      try {
        fields = ApiClient.parse(s);
      } catch (IllegalArgumentException bad) {
        throw NodeException.parameter("embed.fields", i, "embed fields are not valid JSON: " + bad.getMessage());
      }
    }
    if (fields instanceof List<?> l && !l.isEmpty()) {
      embed.put("fields", l);
    }
    return embed;
  }

  static long color(Object color, int i) throws NodeException {
    if (color instanceof Number n) {
      return n.longValue();
    }
    String s = String.valueOf(color).trim();
    try {
      if (s.startsWith("#")) {
        return Long.parseLong(s.substring(1), 16);
      }
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseLong(s.substring(2), 16);
      }
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw NodeException.parameter("embed.color", i, "embed color '" + s + "' is neither #RRGGBB nor a number");
    }
  }

  /** Discord's errors: a message, a numeric code, and for invalid bodies the fields at fault. */
  static ApiClient errors(ApiClient api) {
    return api.withErrorReader(body -> {
      if (!(ApiClient.parse(body) instanceof Map<?, ?> m) || m.get("message") == null) {
        return null;
      }
      StringBuilder sb = new StringBuilder(String.valueOf(m.get("message")));
      if (m.get("code") != null) {
        sb.append(" (code ").append(m.get("code")).append(')');
      }
      List<String> problems = new ArrayList<>();
      fieldErrors("", m.get("errors"), problems);
      if (!problems.isEmpty()) {
        sb.append(": ").append(String.join("; ", problems));
      }
      if (m.get("retry_after") != null) {
        sb.append(" (retry after ").append(m.get("retry_after")).append(" s)");
      }
      return sb.toString();
    });
  }

  private static void fieldErrors(String path, Object node, List<String> out) {
    if (!(node instanceof Map<?, ?> map)) {
      return;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if ("_errors".equals(e.getKey()) && e.getValue() instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof Map<?, ?> err) {
            out.add((path.isEmpty() ? "body" : path) + ": " + err.get("message"));
          }
        }
      } else {
        fieldErrors(path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey(), e.getValue(), out);
      }
    }
  }

  static String base(Credentials c) {
    String b = c.string("baseUrl");
    b = b == null || b.isBlank() ? DEFAULT_BASE : b.trim();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  private static void putText(Map<String, Object> m, String key, Object value) {
    String t = text(value);
    if (t != null) {
      m.put(key, t);
    }
  }

  private static String text(Object v) {
    return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
