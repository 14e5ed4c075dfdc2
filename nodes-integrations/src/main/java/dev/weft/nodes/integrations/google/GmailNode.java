package dev.weft.nodes.integrations.google;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.BinaryBody;
import dev.weft.nodes.integrations.common.NodeParams;
import dev.weft.nodes.integrations.oauth.OAuth2;
import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Gmail through its REST API: send a message (built as proper MIME and uploaded as {@code message/rfc822}, streaming
 * attachments from binary data), list and search messages ({@code q} as in Gmail's search box, following
 * {@code nextPageToken}), get one (simplified: headers, text, HTML, attachments, optionally downloaded), trash one,
 * add or remove labels, and list, create and delete labels.
 */
public final class GmailNode implements Node {
  private static final JsonFactory JSON = new JsonFactory();
  /** Gmail's base64url, with or without '=' padding. */
  private static final Base64Variant BASE64URL = new Base64Variant("gmail-base64url",
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", true, '=', Integer.MAX_VALUE)
      .withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);
  /** The node type id. */
  public static final String TYPE = "weft.gmail";
  static final String BASE = "https://gmail.googleapis.com";
  static final String USER = "/gmail/v1/users/me";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Gmail")
      .group("communication")
      .description("Sends, searches and reads Gmail messages and manages labels")
      .icon("gmail")
      .credential(OAuth2.GOOGLE_TYPE, true)
      .parameters(
          ParameterSpec.options("resource", "message", "label").displayName("Resource"),
          ParameterSpec.options("operation", Option.of("send"), Option.of("list"), Option.of("get"),
              Option.of("trash"), Option.of("addLabels"), Option.of("removeLabels"), Option.of("create"),
              Option.of("delete")).displayName("Operation")
              .description("message: send, list, get, trash, addLabels, removeLabels; label: list, create, delete"),
          ParameterSpec.string("to").displayName("To").description("Addresses, comma separated; 'Name <a@b.c>' works")
              .displayWhen("operation", "send"),
          ParameterSpec.string("cc").displayName("Cc").displayWhen("operation", "send"),
          ParameterSpec.string("bcc").displayName("Bcc").displayWhen("operation", "send"),
          ParameterSpec.string("from").displayName("From").description("A send-as alias; empty sends as the account")
              .displayWhen("operation", "send"),
          ParameterSpec.string("replyTo").displayName("Reply-To").displayWhen("operation", "send"),
          ParameterSpec.string("subject").displayName("Subject").displayWhen("operation", "send"),
          ParameterSpec.string("text").displayName("Text").displayWhen("operation", "send"),
          ParameterSpec.string("html").displayName("HTML").displayWhen("operation", "send"),
          ParameterSpec.string("attachments").displayName("Attachments")
              .description("Binary properties to attach, comma separated, like data, invoice")
              .displayWhen("operation", "send"),
          ParameterSpec.string("threadId").displayName("Thread ID").description("Send as a reply in this thread")
              .displayWhen("operation", "send"),
          ParameterSpec.string("inReplyTo").displayName("In-Reply-To").description("The Message-ID header replied to")
              .displayWhen("operation", "send"),
          ParameterSpec.string("query").displayName("Search").description("Gmail search, like from:ada is:unread")
              .displayWhen("operation", "list"),
          ParameterSpec.string("labelIds").displayName("Label IDs").description("Comma separated, like INBOX, UNREAD")
              .displayWhen("operation", "list", "addLabels", "removeLabels"),
          ParameterSpec.bool("returnAll").displayName("Return all").defaultValue(false).displayWhen("operation", "list"),
          ParameterSpec.number("limit").displayName("Limit").defaultValue(50).displayWhen("operation", "list"),
          ParameterSpec.options("format", Option.of("ids", "IDs only"), Option.of("metadata", "Headers"),
              Option.of("full", "Full")).displayName("Fetch").defaultValue("full")
              .displayWhen("operation", "list", "get"),
          ParameterSpec.bool("downloadAttachments").displayName("Download attachments").defaultValue(false)
              .displayWhen("operation", "get", "list"),
          ParameterSpec.string("messageId").displayName("Message ID")
              .displayWhen("operation", "get", "trash", "addLabels", "removeLabels"),
          ParameterSpec.string("labelName").displayName("Label name").displayWhen("operation", "create"),
          ParameterSpec.string("labelId").displayName("Label ID").displayWhen("operation", "delete"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    GoogleApi gmail = new GoogleApi(context, "Gmail", BASE);
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        for (Item result : run(context, items.get(i), i, gmail)) {
          out.add(0, result.pairedWith(i));
        }
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private List<Item> run(NodeContext context, Item item, int i, GoogleApi gmail) throws Exception {
    String resource = NodeParams.required(context, "resource", i);
    String operation = NodeParams.required(context, "operation", i);
    switch (resource + "." + operation) {
      case "message.send":
        return List.of(Item.of(send(context, item, i, gmail)));
      case "message.list":
        return list(context, i, gmail);
      case "message.get":
        return List.of(get(context, i, gmail, NodeParams.required(context, "messageId", i),
            format(context, i, "full")));
      case "message.trash":
        return List.of(Item.of(gmail.object(r -> r.url(gmail.url(USER + "/messages/"
            + segment(NodeParams.required(context, "messageId", i)) + "/trash").build())
            .post(RequestBody.create(new byte[0], null)).build())));
      case "message.addLabels", "message.removeLabels": {
        List<String> labels = list(NodeParams.required(context, "labelIds", i));
        Map<String, Object> body = Map.of(operation.equals("addLabels") ? "addLabelIds" : "removeLabelIds", labels);
        return List.of(Item.of(gmail.object(r -> r.url(gmail.url(USER + "/messages/"
            + segment(NodeParams.required(context, "messageId", i)) + "/modify").build())
            .post(ApiClient.jsonBody(body)).build())));
      }
      case "label.list": {
        Map<String, Object> answer = gmail.object(r -> r.url(gmail.url(USER + "/labels").build()).get().build());
        List<Item> out = new ArrayList<>();
        for (Object l : answer.get("labels") instanceof List<?> list ? list : List.of()) {
          out.add(Item.of(cast(l)));
        }
        return out;
      }
      case "label.create": {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", NodeParams.required(context, "labelName", i));
        body.put("labelListVisibility", "labelShow");
        body.put("messageListVisibility", "show");
        return List.of(Item.of(gmail.object(r -> r.url(gmail.url(USER + "/labels").build())
            .post(ApiClient.jsonBody(body)).build())));
      }
      case "label.delete": {
        String id = NodeParams.required(context, "labelId", i);
        gmail.object(r -> r.url(gmail.url(USER + "/labels/" + segment(id)).build()).delete().build());
        return List.of(Item.of("id", id, "deleted", true));
      }
      default:
        throw NodeException.parameter("operation", i, "Gmail resource '" + resource + "' has no operation '"
            + operation + "'; message: send, list, get, trash, addLabels, removeLabels; label: list, create, delete");
    }
  }

  private Map<String, Object> send(NodeContext context, Item item, int i, GoogleApi gmail) throws Exception {
    String to = NodeParams.optional(context, "to", i);
    String cc = NodeParams.optional(context, "cc", i);
    String bcc = NodeParams.optional(context, "bcc", i);
    if (to == null && cc == null && bcc == null) {
      throw NodeException.parameter("to", i, "a Gmail message needs at least one recipient (To, Cc or Bcc); item "
          + i + " has none");
    }
    for (String[] field : new String[][] {{"to", to}, {"cc", cc}, {"bcc", bcc}, {"from", context.string("from", i)},
        {"replyTo", context.string("replyTo", i)}}) {
      if (field[1] != null && !field[1].isBlank()) {
        for (String a : MimeMessage.split(field[1])) {
          if (!MimeMessage.looksLikeAddress(a)) {
            throw NodeException.parameter(field[0], i, "'" + a + "' in parameter '" + field[0]
                + "' is not an email address");
          }
        }
      }
    }
    MimeMessage mime = new MimeMessage(context.binaries());
    mime.addresses("From", NodeParams.optional(context, "from", i));
    mime.addresses("To", to);
    mime.addresses("Cc", cc);
    mime.addresses("Bcc", bcc);
    mime.addresses("Reply-To", NodeParams.optional(context, "replyTo", i));
    mime.subject(context.string("subject", i));
    mime.date(context.clock().instant().atZone(context.timeZone()));
    String inReplyTo = NodeParams.optional(context, "inReplyTo", i);
    if (inReplyTo != null) {
      mime.header("In-Reply-To", inReplyTo.trim()).header("References", inReplyTo.trim());
    }
    String text = NodeParams.optional(context, "text", i);
    String html = NodeParams.optional(context, "html", i);
    if (text == null && html == null) {
      text = "";
    }
    mime.text(text).html(html);
    String attachments = NodeParams.optional(context, "attachments", i);
    if (attachments != null) {
      for (String property : attachments.split(",")) {
        if (!property.isBlank()) {
          mime.attach(BinaryBody.require(item, property.trim(), "attachments", i));
        }
      }
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    String thread = NodeParams.optional(context, "threadId", i);
    if (thread != null) {
      metadata.put("threadId", thread.trim());
    }
    HttpUrl url = gmail.url("/upload" + USER + "/messages/send").addQueryParameter("uploadType", "multipart").build();
    return gmail.object(r -> r.url(url).post(new MultipartBody.Builder()
        .setType(MediaType.get("multipart/related"))
        .addPart(RequestBody.create(ApiClient.write(metadata), ApiClient.JSON))
        .addPart(mime)
        .build()).build());
  }

  private List<Item> list(NodeContext context, int i, GoogleApi gmail) throws Exception {
    boolean all = context.bool("returnAll", i);
    long limit = all ? Long.MAX_VALUE : NodeParams.integer(context, "limit", i, 50);
    if (limit < 1) {
      throw NodeException.parameter("limit", i, "parameter 'limit' must be 1 or more, was " + limit);
    }
    String format = format(context, i, "full");
    String query = NodeParams.optional(context, "query", i);
    String labels = NodeParams.optional(context, "labelIds", i);
    List<Map<String, Object>> refs = new ArrayList<>();
    String page = null;
    do {
      context.cancellation().throwIfCancelled();
      HttpUrl.Builder url = gmail.url(USER + "/messages")
          .addQueryParameter("maxResults", String.valueOf(Math.min(500, limit - refs.size())));
      if (query != null) {
        url.addQueryParameter("q", query);
      }
      if (labels != null) {
        for (String l : list(labels)) {
          url.addQueryParameter("labelIds", l);
        }
      }
      if (page != null) {
        url.addQueryParameter("pageToken", page);
      }
      HttpUrl built = url.build();
      Map<String, Object> answer = gmail.object(r -> r.url(built).get().build());
      for (Object m : answer.get("messages") instanceof List<?> l ? l : List.of()) {
        if (refs.size() < limit) {
          refs.add(cast(m));
        }
      }
      page = answer.get("nextPageToken") instanceof String s && !s.isEmpty() ? s : null;
    } while (page != null && refs.size() < limit);
    List<Item> out = new ArrayList<>();
    for (Map<String, Object> ref : refs) {
      out.add(format.equals("ids") ? Item.of(ref) : get(context, i, gmail, String.valueOf(ref.get("id")), format));
    }
    return out;
  }

  private Item get(NodeContext context, int i, GoogleApi gmail, String id, String format) throws Exception {
    HttpUrl url = gmail.url(USER + "/messages/" + segment(id))
        .addQueryParameter("format", format.equals("ids") ? "minimal" : format).build();
    Map<String, Object> message = gmail.object(r -> r.url(url).get().build());
    Map<String, Object> json = simplify(message);
    Item item = Item.of(json);
    if (context.bool("downloadAttachments", i) && json.get("attachments") instanceof List<?> list) {
      int n = 0;
      for (Object a : list) {
        Map<String, Object> att = cast(a);
        Object attachmentId = att.get("attachmentId");
        if (attachmentId == null) {
          continue;
        }
        BinaryData data;
        try (Response r = gmail.open(req -> req.url(gmail.url(USER + "/messages/" + segment(id)
            + "/attachments/" + segment(String.valueOf(attachmentId))).build()).get().build());
            InputStream in = r.body().byteStream()) {
          data = storeAttachment(in, context.binaries(), String.valueOf(att.get("mimeType")),
              String.valueOf(att.get("filename")));
        }
        item = item.withBinary("attachment_" + n++, data);
      }
    }
    return item;
  }

  /** A message as people read it: headers by lower-case name, the text and HTML bodies, the attachments. */
  static Map<String, Object> simplify(Map<String, Object> message) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", message.get("id"));
    json.put("threadId", message.get("threadId"));
    json.put("labelIds", message.getOrDefault("labelIds", List.of()));
    json.put("snippet", message.get("snippet"));
    if (message.get("internalDate") != null) {
      json.put("date", Instant.ofEpochMilli(Long.parseLong(String.valueOf(message.get("internalDate")))).toString());
    }
    Map<String, Object> payload = message.get("payload") instanceof Map<?, ?> p ? cast(p) : Map.of();
    Map<String, Object> headers = new LinkedHashMap<>();
    for (Object h : payload.get("headers") instanceof List<?> l ? l : List.of()) {
      Map<String, Object> header = cast(h);
      headers.putIfAbsent(String.valueOf(header.get("name")).toLowerCase(Locale.ROOT), header.get("value"));
    }
    for (String k : List.of("subject", "from", "to", "cc", "date", "message-id")) {
      if (headers.containsKey(k)) {
        json.put(k.equals("date") ? "dateHeader" : k.equals("message-id") ? "messageIdHeader" : k, headers.get(k));
      }
    }
    json.put("headers", headers);
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder();
    List<Object> attachments = new ArrayList<>();
    walk(payload, text, html, attachments);
    if (text.length() > 0) {
      json.put("text", text.toString());
    }
    if (html.length() > 0) {
      json.put("html", html.toString());
    }
    json.put("attachments", attachments);
    if (message.get("sizeEstimate") != null) {
      json.put("sizeEstimate", message.get("sizeEstimate"));
    }
    return json;
  }

  private static void walk(Map<String, Object> part, StringBuilder text, StringBuilder html, List<Object> attachments) {
    String type = String.valueOf(part.getOrDefault("mimeType", "")).toLowerCase(Locale.ROOT);
    Map<String, Object> body = part.get("body") instanceof Map<?, ?> b ? cast(b) : Map.of();
    String filename = part.get("filename") instanceof String f ? f : "";
    if (!filename.isEmpty() || body.get("attachmentId") != null && !type.startsWith("multipart/")) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("filename", filename);
      a.put("mimeType", type);
      a.put("size", body.getOrDefault("size", 0));
      a.put("attachmentId", body.get("attachmentId"));
      attachments.add(a);
    } else if (type.equals("text/plain") && body.get("data") != null) {
      text.append(new String(decode(String.valueOf(body.get("data"))), StandardCharsets.UTF_8));
    } else if (type.equals("text/html") && body.get("data") != null) {
      html.append(new String(decode(String.valueOf(body.get("data"))), StandardCharsets.UTF_8));
    }
    for (Object p : part.get("parts") instanceof List<?> l ? l : List.of()) {
      walk(cast(p), text, html, attachments);
    }
  }

  /**
   * Stores the {@code data} of a MessagePartBody answer (base64url) as binary data without holding it whole: Jackson
   * decodes the JSON string in chunks into a temporary file, which the binary store then reads as a stream.
   */
  static BinaryData storeAttachment(InputStream json, BinaryStore store, String mimeType, String fileName)
      throws IOException, NodeException {
    Path temp = Files.createTempFile("weft-gmail-", ".part");
    try {
      boolean found = false;
      try (JsonParser parser = JSON.createParser(json); OutputStream out = Files.newOutputStream(temp)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          throw new NodeException("Gmail answered an attachment request with something that is not a JSON object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          if (field.equals("data") && parser.currentToken() == JsonToken.VALUE_STRING) {
            parser.readBinaryValue(BASE64URL, out);
            found = true;
          } else {
            parser.skipChildren();
          }
        }
      }
      if (!found) {
        throw new NodeException("Gmail answered an attachment request without its data");
      }
      try (InputStream content = Files.newInputStream(temp)) {
        return store.store(content, mimeType, fileName);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static byte[] decode(String base64url) {
    return Base64.getUrlDecoder().decode(base64url.replace('+', '-').replace('/', '_').replace("=", ""));
  }

  private static String format(NodeContext context, int i, String fallback) throws NodeException {
    String f = context.string("format", i);
    f = f == null || f.isBlank() ? fallback : f;
    if (!List.of("ids", "metadata", "full").contains(f)) {
      throw NodeException.parameter("format", i, "parameter 'format' must be ids, metadata or full, was '" + f + "'");
    }
    return f;
  }

  private static List<String> list(String commaSeparated) {
    List<String> out = new ArrayList<>();
    for (String s : commaSeparated.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  static String segment(String id) {
    return HttpUrl.get("http://x/").newBuilder().addPathSegment(id.trim()).build().encodedPath().substring(1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
