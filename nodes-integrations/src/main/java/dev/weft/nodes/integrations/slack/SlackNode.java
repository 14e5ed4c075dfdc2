package dev.weft.nodes.integrations.slack;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.BinaryBody;
import dev.weft.nodes.integrations.common.NodeParams;
import dev.weft.nodes.integrations.oauth.OAuth2;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Slack through its Web API: post, update and delete messages ({@code chat.*}), list channels
 * ({@code conversations.list}, following {@code next_cursor}), and upload a file with the external upload flow
 * ({@code files.getUploadURLExternal}, the upload, {@code files.completeUploadExternal}). Works with a bot or user
 * token, or with an app installed with OAuth2.
 */
public final class SlackNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.slack";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Slack")
      .group("communication")
      .description("Posts, updates and deletes messages, lists channels and uploads files in Slack")
      .icon("slack")
      .credential(SlackCredentials.TOKEN_TYPE, false)
      .credential(SlackCredentials.OAUTH2_TYPE, false)
      .parameters(
          ParameterSpec.options("authentication", Option.of("accessToken", "Access token"),
              Option.of("oAuth2", "OAuth2")).displayName("Authentication"),
          ParameterSpec.options("resource", "message", "channel", "file").displayName("Resource"),
          ParameterSpec.options("operation", Option.of("post", "Post"), Option.of("update", "Update"),
                  Option.of("delete", "Delete"), Option.of("list", "List"), Option.of("upload", "Upload"))
              .displayName("Operation")
              .description("message: post, update, delete; channel: list; file: upload"),
          ParameterSpec.string("channel").displayName("Channel")
              .description("Channel ID (C0123…), or for posting also #name or a user ID")
              .displayWhen("resource", "message", "file"),
          ParameterSpec.string("text").displayName("Text").description("Message text (mrkdwn); the fallback when blocks are given")
              .displayWhen("resource", "message").displayWhen("operation", "post", "update"),
          ParameterSpec.json("blocks").displayName("Blocks").description("Block Kit blocks, a JSON array")
              .displayWhen("resource", "message").displayWhen("operation", "post", "update"),
          ParameterSpec.string("ts").displayName("Message timestamp").description("The 'ts' of the message")
              .displayWhen("resource", "message").displayWhen("operation", "update", "delete"),
          ParameterSpec.string("threadTs").displayName("Reply to thread (ts)")
              .displayWhen("resource", "message", "file"),
          ParameterSpec.collection("options",
                  ParameterSpec.bool("replyBroadcast").displayName("Also send to channel").build(),
                  ParameterSpec.bool("unfurlLinks").displayName("Unfurl links").build(),
                  ParameterSpec.bool("unfurlMedia").displayName("Unfurl media").build(),
                  ParameterSpec.bool("mrkdwn").displayName("Format as mrkdwn").build(),
                  ParameterSpec.string("username").displayName("Bot name").build(),
                  ParameterSpec.string("iconEmoji").displayName("Icon emoji").build(),
                  ParameterSpec.string("iconUrl").displayName("Icon URL").build())
              .displayName("Options").displayWhen("resource", "message"),
          ParameterSpec.string("types").displayName("Channel types").defaultValue("public_channel")
              .description("Comma-separated: public_channel, private_channel, mpim, im")
              .displayWhen("resource", "channel"),
          ParameterSpec.bool("excludeArchived").displayName("Exclude archived").defaultValue(true)
              .displayWhen("resource", "channel"),
          ParameterSpec.bool("returnAll").displayName("Return all").defaultValue(false)
              .displayWhen("resource", "channel"),
          ParameterSpec.number("limit").displayName("Limit").defaultValue(100)
              .displayWhen("resource", "channel").displayWhen("returnAll", false),
          ParameterSpec.string("binaryProperty").displayName("Binary property").defaultValue("data")
              .displayWhen("resource", "file"),
          ParameterSpec.string("fileName").displayName("File name").description("Defaults to the binary's file name")
              .displayWhen("resource", "file"),
          ParameterSpec.string("title").displayName("Title").displayWhen("resource", "file"),
          ParameterSpec.string("initialComment").displayName("Initial comment").displayWhen("resource", "file"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        String token = token(context);
        ApiClient api = ApiClient.of("Slack", context, token);
        String base = SlackCredentials.base(credentials(context));
        String resource = context.string("resource", i);
        String operation = context.string("operation", i);
        List<Map<String, Object>> results = switch (resource + "." + operation) {
          case "message.post" -> List.of(post(context, i, api, base, token));
          case "message.update" -> List.of(update(context, i, api, base, token));
          case "message.delete" -> List.of(call(api, base, token, "chat.delete", Map.of(
              "channel", NodeParams.required(context, "channel", i), "ts", NodeParams.required(context, "ts", i))));
          case "channel.list" -> listChannels(context, i, api, base, token);
          case "file.upload" -> List.of(upload(context, items.get(i), i, api, base, token));
          default -> throw NodeException.parameter("operation", i, "Slack resource '" + resource
              + "' has no operation '" + operation + "'; message: post, update, delete; channel: list; file: upload");
        };
        for (Map<String, Object> r : results) {
          out.add(0, Item.of(r).pairedWith(i));
        }
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private static Credentials credentials(NodeContext context) throws NodeException {
    return "oAuth2".equals(context.string("authentication", 0))
        ? context.credentials(SlackCredentials.OAUTH2_TYPE)
        : context.credentials(SlackCredentials.TOKEN_TYPE);
  }

  private static String token(NodeContext context) throws NodeException {
    Credentials c = credentials(context);
    return "oAuth2".equals(context.string("authentication", 0))
        ? OAuth2.accessToken(c, context, context.clock())
        : c.require("accessToken");
  }

  private static Map<String, Object> post(NodeContext context, int i, ApiClient api, String base, String token)
      throws NodeException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", NodeParams.required(context, "channel", i));
    message(context, i, body);
    putIfSet(body, "thread_ts", NodeParams.optional(context, "threadTs", i));
    Map<String, Object> opts = options(context, i);
    copyOption(opts, "replyBroadcast", body, "reply_broadcast");
    copyOption(opts, "unfurlLinks", body, "unfurl_links");
    copyOption(opts, "unfurlMedia", body, "unfurl_media");
    copyOption(opts, "mrkdwn", body, "mrkdwn");
    copyOption(opts, "username", body, "username");
    copyOption(opts, "iconEmoji", body, "icon_emoji");
    copyOption(opts, "iconUrl", body, "icon_url");
    return call(api, base, token, "chat.postMessage", body);
  }

  private static Map<String, Object> update(NodeContext context, int i, ApiClient api, String base, String token)
      throws NodeException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", NodeParams.required(context, "channel", i));
    body.put("ts", NodeParams.required(context, "ts", i));
    message(context, i, body);
    return call(api, base, token, "chat.update", body);
  }

  private static void message(NodeContext context, int i, Map<String, Object> body) throws NodeException {
    String text = NodeParams.optional(context, "text", i);
    List<Object> blocks = NodeParams.jsonArray(context, "blocks", i);
    if (text == null && (blocks == null || blocks.isEmpty())) {
      throw NodeException.parameter("text", i, "a Slack message needs text or blocks; both are empty for item " + i);
    }
    putIfSet(body, "text", text);
    if (blocks != null && !blocks.isEmpty()) {
      body.put("blocks", blocks);
    }
  }

  private static List<Map<String, Object>> listChannels(NodeContext context, int i, ApiClient api, String base,
      String token) throws NodeException {
    boolean all = context.bool("returnAll", i);
    long limit = all ? Long.MAX_VALUE : NodeParams.integer(context, "limit", i, 100);
    if (limit < 1) {
      throw NodeException.parameter("limit", i, "parameter 'limit' must be 1 or more, was " + limit);
    }
    String types = NodeParams.optional(context, "types", i);
    boolean excludeArchived = context.bool("excludeArchived", i);
    List<Map<String, Object>> channels = new ArrayList<>();
    String cursor = null;
    do {
      context.cancellation().throwIfCancelled();
      HttpUrl.Builder url = HttpUrl.get(base + "/conversations.list").newBuilder()
          .addQueryParameter("limit", String.valueOf(Math.min(200, limit - channels.size())))
          .addQueryParameter("exclude_archived", String.valueOf(excludeArchived));
      if (types != null) {
        url.addQueryParameter("types", types.replace(" ", ""));
      }
      if (cursor != null) {
        url.addQueryParameter("cursor", cursor);
      }
      Map<String, Object> answer = checked(api, api.object(new Request.Builder().url(url.build())
          .header("Authorization", "Bearer " + token).get().build()));
      for (Object c : list(answer.get("channels"))) {
        if (channels.size() < limit && c instanceof Map<?, ?>) {
          channels.add(cast(c));
        }
      }
      Object meta = answer.get("response_metadata");
      cursor = meta instanceof Map<?, ?> m && m.get("next_cursor") instanceof String s && !s.isEmpty() ? s : null;
    } while (cursor != null && channels.size() < limit);
    return channels;
  }

  private static Map<String, Object> upload(NodeContext context, Item item, int i, ApiClient api, String base,
      String token) throws NodeException, IOException {
    String channel = NodeParams.optional(context, "channel", i);
    if (channel != null && (channel.startsWith("#") || !channel.trim().matches("[A-Z0-9]+"))) {
      throw NodeException.parameter("channel", i, "Slack shares uploaded files by channel ID (like C0123ABCD), not by "
          + "name; '" + channel + "' is not an ID (list channels to find it)");
    }
    String property = NodeParams.required(context, "binaryProperty", i);
    BinaryData data = BinaryBody.require(item, property, "binaryProperty", i);
    String fileName = NodeParams.optional(context, "fileName", i);
    if (fileName == null) {
      fileName = data.fileName() != null ? data.fileName() : "file" + (data.fileExtension().isEmpty() ? "" : "." + data.fileExtension());
    }
    Map<String, Object> target = checked(api, api.object(new Request.Builder()
        .url(base + "/files.getUploadURLExternal").header("Authorization", "Bearer " + token)
        .post(new FormBody.Builder().add("filename", fileName).add("length", String.valueOf(data.size())).build())
        .build()));
    String uploadUrl = String.valueOf(target.get("upload_url"));
    String fileId = String.valueOf(target.get("file_id"));
    HttpUrl parsed = HttpUrl.parse(uploadUrl);
    if (parsed == null || target.get("file_id") == null) {
      throw new NodeException("Slack's files.getUploadURLExternal answered without an upload_url and file_id");
    }
    // Slack answers 200 with "OK - <length>"; the upload is finished by completeUploadExternal
    api.open(new Request.Builder().url(parsed).post(new BinaryBody(context.binaries(), data, null)).build()).close();
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("id", fileId);
    file.put("title", NodeParams.optional(context, "title", i) != null ? context.string("title", i) : fileName);
    FormBody.Builder form = new FormBody.Builder().add("files", ApiClient.write(List.of(file)));
    if (channel != null) {
      form.add("channel_id", channel.trim());
    }
    String threadTs = NodeParams.optional(context, "threadTs", i);
    if (threadTs != null) {
      form.add("thread_ts", threadTs);
    }
    String comment = NodeParams.optional(context, "initialComment", i);
    if (comment != null) {
      form.add("initial_comment", comment);
    }
    return checked(api, api.object(new Request.Builder().url(base + "/files.completeUploadExternal")
        .header("Authorization", "Bearer " + token).post(form.build()).build()));
  }

  private static Map<String, Object> call(ApiClient api, String base, String token, String method,
      Map<String, Object> body) throws NodeException {
    return checked(api, api.object(new Request.Builder().url(base + "/" + method)
        .header("Authorization", "Bearer " + token).post(ApiClient.jsonBody(body)).build()));
  }

  /** Slack answers errors with status 200 and {@code ok: false}; those become a {@link NodeException}. */
  static Map<String, Object> checked(ApiClient api, Map<String, Object> answer) throws NodeException {
    if (Boolean.TRUE.equals(answer.get("ok"))) {
      return answer;
    }
    StringBuilder msg = new StringBuilder(String.valueOf(answer.getOrDefault("error", "ok: false")));
    if (answer.get("needed") != null) {
      msg.append(" (needed scope: ").append(answer.get("needed")).append(", token has: ")
          .append(answer.get("provided")).append(')');
    }
    Object meta = answer.get("response_metadata");
    if (meta instanceof Map<?, ?> m && m.get("messages") instanceof List<?> l && !l.isEmpty()) {
      msg.append(" ").append(l);
    }
    throw api.reported(200, msg.toString());
  }

  private static Map<String, Object> options(NodeContext context, int i) throws NodeException {
    Object o = context.parameter("options", i);
    return o instanceof Map<?, ?> m ? cast(m) : Map.of();
  }

  private static void copyOption(Map<String, Object> opts, String from, Map<String, Object> body, String to) {
    Object v = opts.get(from);
    if (v != null && !(v instanceof String s && s.isEmpty())) {
      body.put(to, v);
    }
  }

  private static void putIfSet(Map<String, Object> body, String key, String value) {
    if (value != null) {
      body.put(key, value);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }

  private static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }
}
