package dev.weft.nodes.integrations.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.nodes.integrations.http.HttpAuth;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import dev.weft.spi.WebhookBody;
import dev.weft.spi.WebhookRequest;
import dev.weft.spi.WebhookResponse;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Webhook ({@code weft.webhook}): starts an execution for each HTTP request to {@code method path} under the host's
 * webhook root. The item holds {@code headers}, {@code params} (path parameters), {@code query} and {@code body}: JSON
 * parsed, form fields as an object, multipart fields as lists of values (as n8n gives them) with uploaded files as
 * binary properties named after their fields, text as a string, and any other content as the binary property
 * {@code data}. Uploads (multipart files, other content, the raw body) go from the caller to the binary store as
 * streams, never whole in memory; JSON, form and text bodies are read whole, up to the host's request size limit.
 *
 * <p>Response modes: {@code immediately} answers at once while the execution runs; {@code lastNode} waits for the
 * execution and answers with its last node's output; {@code responseNode} answers what a Respond to Webhook node in
 * the execution chose, as soon as that node runs (the nodes after it keep running), or 500 when the execution ends
 * without one.
 */
public final class WebhookTriggerNode implements TriggerNode {
  /** The node type id. */
  public static final String TYPE = "weft.webhook";
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Webhook")
      .group("trigger")
      .icon("fa:bolt")
      .description("Starts the workflow when an HTTP request arrives at its path")
      .inputs()
      .parameters(
          ParameterSpec.options("method", "POST", "GET", "PUT", "PATCH", "DELETE", "HEAD").displayName("HTTP method"),
          ParameterSpec.string("path").displayName("Path").required().noExpressions()
              .placeholder("orders/:id").description("Below the host's webhook root; ':name' segments are parameters"),
          ParameterSpec.options("authentication", Option.of("none", "None"), Option.of("basic", "Basic auth"),
              Option.of("header", "Header")).displayName("Authentication"),
          ParameterSpec.options("responseMode", Option.of("immediately", "Immediately"),
              Option.of("lastNode", "When the last node finishes"),
              Option.of("responseNode", "Using a Respond to Webhook node")).displayName("Respond"),
          ParameterSpec.number("responseCode").displayName("Response code").defaultValue(200),
          ParameterSpec.options("responseData", Option.of("firstEntryJson", "First item's JSON"),
              Option.of("allEntries", "All items' JSON"), Option.of("firstEntryBinary", "First item's binary data"),
              Option.of("noData", "No body")).displayName("Response data").displayWhen("responseMode", "lastNode"),
          ParameterSpec.string("binaryProperty").displayName("Binary property of the answer").defaultValue("data")
              .displayWhen("responseData", "firstEntryBinary"),
          ParameterSpec.number("responseTimeoutMs").displayName("Response timeout (ms)").defaultValue(60000)
              .description("How long a waiting request waits for the execution before it gets 504"),
          ParameterSpec.bool("rawBody").displayName("Keep the raw body as binary").defaultValue(false))
      .credential(HttpAuth.BASIC, false)
      .credential(HttpAuth.HEADER, false)
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    String method = context.parameter("method", String.class);
    String path = context.parameter("path", String.class);
    if (path == null || path.isBlank()) {
      throw NodeException.parameter("path", -1, "the webhook needs a path");
    }
    String mode = context.parameter("responseMode", String.class);
    if (!List.of("immediately", "lastNode", "responseNode").contains(mode)) {
      throw NodeException.parameter("responseMode", -1, "unknown response mode '" + mode
          + "'; use immediately, lastNode or responseNode");
    }
    String auth = context.parameter("authentication", String.class);
    Credentials credentials = null;
    if ("basic".equals(auth)) {
      credentials = context.credentials(HttpAuth.BASIC);
    } else if ("header".equals(auth)) {
      credentials = context.credentials(HttpAuth.HEADER);
    }
    int code = context.parameter("responseCode", Number.class).intValue();
    long timeout = context.parameter("responseTimeoutMs", Number.class).longValue();
    String data = context.parameter("responseData", String.class);
    String binaryProperty = context.parameter("binaryProperty", String.class);
    boolean raw = Boolean.TRUE.equals(context.parameter("rawBody", Boolean.class));
    Credentials creds = credentials;
    return context.webhook(method == null ? "POST" : method, path, request -> {
      if (creds != null && !authorized(creds, request)) {
        return new WebhookResponse(401, creds.type().equals(HttpAuth.BASIC)
            ? Map.of("WWW-Authenticate", "Basic realm=\"Webhook\"") : Map.of(), "application/json",
            "{\"message\":\"Authorization is required\"}".getBytes(StandardCharsets.UTF_8));
      }
      Item item;
      try {
        item = toItem(request, context, raw);
      } catch (IllegalArgumentException e) {
        return WebhookResponse.json(400, MAPPER.writeValueAsString(Map.of("message", e.getMessage())));
      }
      if (mode.equals("responseNode")) {
        return respondedAnswer(context.emitAwaitingReply(List.of(item)), timeout);
      }
      CompletionStage<TriggerContext.ExecutionSummary> run = context.emit(List.of(item));
      if (mode.equals("immediately")) {
        return WebhookResponse.json(code, "{\"message\":\"Workflow was started\"}");
      }
      TriggerContext.ExecutionSummary summary;
      try {
        summary = run.toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        return timedOut(timeout);
      }
      if ("error".equals(summary.status())) {
        return WebhookResponse.json(500, "{\"message\":\"Error in workflow\"}");
      }
      return lastNodeAnswer(code, data, binaryProperty, summary.output(), context);
    });
  }

  /** The answer a Respond to Webhook node gives as soon as it runs, while the execution goes on. */
  private static WebhookResponse respondedAnswer(TriggerContext.PendingReply pending, long timeout) throws Exception {
    CompletableFuture<WebhookResponse> answer = pending.answer().toCompletableFuture();
    WebhookResponse chosen;
    try {
      chosen = answer.get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(false); // a Respond node running later finds nobody waiting
      return timedOut(timeout);
    }
    if (chosen != null) {
      return chosen;
    }
    TriggerContext.ExecutionSummary summary = pending.execution().toCompletableFuture().get(); // it has ended
    if ("error".equals(summary.status())) {
      return WebhookResponse.json(500, "{\"message\":\"Error in workflow\"}");
    }
    return WebhookResponse.json(500,
        "{\"message\":\"the workflow finished without a Respond to Webhook node answering\"}");
  }

  private static WebhookResponse timedOut(long timeout) {
    return WebhookResponse.json(504, "{\"message\":\"the workflow did not answer within " + timeout + " ms\"}");
  }

  private static WebhookResponse lastNodeAnswer(int code, String data, String binaryProperty, List<Item> output,
      TriggerContext context) throws Exception {
    switch (data == null ? "firstEntryJson" : data) {
      case "noData" -> {
        return new WebhookResponse(code, Map.of(), null, new byte[0]);
      }
      case "allEntries" -> {
        List<Object> all = new ArrayList<>();
        for (Item i : output) {
          all.add(i.json());
        }
        return WebhookResponse.json(code, MAPPER.writeValueAsString(all));
      }
      case "firstEntryBinary" -> {
        BinaryData b = output.isEmpty() ? null : output.get(0).binary().get(binaryProperty);
        if (b == null) {
          return WebhookResponse.json(500, "{\"message\":\"the last node's first item has no binary property '"
              + binaryProperty + "'\"}");
        }
        return WebhookResponse.binary(code, Map.of(), b.mimeType(), b, context.binaries()); // streamed to the caller
      }
      default -> {
        return WebhookResponse.json(code, MAPPER.writeValueAsString(output.isEmpty() ? Map.of()
            : output.get(0).json()));
      }
    }
  }

  static boolean authorized(Credentials c, WebhookRequest request) {
    if (c.type().equals(HttpAuth.BASIC)) {
      String expected = "Basic " + Base64.getEncoder().encodeToString((c.string("user") + ":"
          + (c.string("password") == null ? "" : c.string("password"))).getBytes(StandardCharsets.UTF_8));
      String given = request.header("authorization");
      return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
          expected.getBytes(StandardCharsets.UTF_8));
    }
    String name = c.string("name");
    String value = c.string("value");
    String given = name == null ? null : request.header(name);
    return given != null && value != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8));
  }

  /** The item a request becomes. */
  static Item toItem(WebhookRequest request, TriggerContext context, boolean raw) throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> headers = new LinkedHashMap<>();
    request.headers().forEach((k, v) -> headers.put(k, v.size() == 1 ? v.get(0) : String.join(", ", v)));
    json.put("headers", headers);
    json.put("params", new LinkedHashMap<>(request.pathParameters()));
    Map<String, Object> query = new LinkedHashMap<>();
    request.query().forEach((k, v) -> query.put(k, v.size() == 1 ? v.get(0) : new ArrayList<Object>(v)));
    json.put("query", query);
    Map<String, BinaryData> binaries = new LinkedHashMap<>();
    String type = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
    if (raw || (request.contentLength() != 0 && isBinary(type))) {
      // an upload of any size goes from the caller to the binary store as a stream, never whole in memory
      BinaryData data = streamToStore(request, context);
      if (data != null) {
        binaries.put("data", data);
      }
      json.put("body", new LinkedHashMap<String, Object>());
      Item item = Item.of(json);
      return binaries.isEmpty() ? item : item.withBinary(binaries);
    }
    if (type.startsWith("multipart/form-data") && request.contentLength() != 0) {
      json.put("body", multipart(request, binaries, context));
      Item item = Item.of(json);
      return binaries.isEmpty() ? item : item.withBinary(binaries);
    }
    byte[] body = request.body() == null ? new byte[0] : request.body(); // JSON, forms, text: small, read whole
    Object parsed = Map.of();
    if (body.length == 0) {
      parsed = new LinkedHashMap<String, Object>();
    } else if (type.startsWith("application/json") || type.matches("application/[^;]*\\+json.*")) {
      try {
        parsed = MAPPER.readValue(body, Object.class);
      } catch (Exception e) {
        throw new IllegalArgumentException("the request body is not valid JSON");
      }
    } else if (type.startsWith("application/x-www-form-urlencoded")) {
      parsed = form(new String(body, StandardCharsets.UTF_8));
    } else {
      parsed = new String(body, charset(type));
    }
    json.put("body", parsed);
    Item item = Item.of(json);
    return binaries.isEmpty() ? item : item.withBinary(binaries);
  }

  /** Whether a body of this content type is binary data (anything but JSON, forms, multipart and text). */
  private static boolean isBinary(String type) {
    return !(type.startsWith("application/json") || type.matches("application/[^;]*\\+json.*")
        || type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")
        || type.startsWith("text/") || type.contains("xml"));
  }

  /** Streams the body into the binary store; {@code null} when it turned out empty. */
  private static BinaryData streamToStore(WebhookRequest request, TriggerContext context) throws Exception {
    BinaryData data;
    try (InputStream in = request.bodyStream()) {
      data = context.binaries().store(in, request.contentType(), null);
    }
    if (data.size() == 0) { // no body (a chunked request may not say so beforehand)
      context.binaries().delete(data);
      return null;
    }
    return data;
  }

  private static java.nio.charset.Charset charset(String contentType) {
    int at = contentType.indexOf("charset=");
    if (at >= 0) {
      try {
        return java.nio.charset.Charset.forName(contentType.substring(at + 8).split("[;\\s]")[0].replace("\"", ""));
      } catch (RuntimeException unknown) {
        return StandardCharsets.UTF_8;
      }
    }
    return StandardCharsets.UTF_8;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> form(String text) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      Object old = fields.get(k);
      if (old == null) {
        fields.put(k, v);
      } else if (old instanceof List<?> l) {
        ((List<Object>) l).add(v);
      } else {
        List<Object> l = new ArrayList<>();
        l.add(old);
        l.add(v);
        fields.put(k, l);
      }
    }
    return fields;
  }

  /**
   * The fields of a {@code multipart/form-data} body as lists of values, read part by part as the body arrives: files
   * go to the binary store as streams; field values (small) count against the server's in-memory limit.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> multipart(WebhookRequest request, Map<String, BinaryData> binaries,
      TriggerContext context) throws Exception {
    String boundary;
    try {
      boundary = new ContentType(request.contentType()).getParameter("boundary");
    } catch (ParseException e) {
      throw new IllegalArgumentException("the multipart body cannot be read: " + e.getMessage());
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    long limit = request.content().limit();
    long fieldBytes = 0;
    try (InputStream body = request.bodyStream()) {
      MultipartReader reader = new MultipartReader(body, boundary);
      for (MultipartReader.Part part; (part = reader.next()) != null; ) {
        String disposition = part.headers().getHeader("Content-Disposition", null);
        ContentDisposition cd = disposition == null ? null : new ContentDisposition(disposition);
        String name = cd == null ? null : cd.getParameter("name");
        if (name == null) {
          continue;
        }
        String fileName = cd.getParameter("filename");
        String encoding = part.headers().getHeader("Content-Transfer-Encoding", null);
        InputStream content = encoding == null ? part.content() : MimeUtility.decode(part.content(), encoding.trim());
        if (fileName != null) {
          String property = binaries.containsKey(name) ? name + binaries.size() : name;
          String partType = part.headers().getHeader("Content-Type", null);
          binaries.put(property, context.binaries().store(content, partType == null ? "text/plain" : partType,
              fileName));
        } else {
          byte[] value = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 16L, limit - fieldBytes) + 1);
          fieldBytes += value.length;
          if (fieldBytes > limit) {
            throw new WebhookBody.TooLargeException(limit);
          }
          ((List<Object>) fields.computeIfAbsent(name, k -> new ArrayList<>()))
              .add(new String(value, StandardCharsets.UTF_8));
        }
      }
    } catch (MultipartReader.MalformedException | MessagingException | IllegalArgumentException e) {
      discard(binaries, context);
      throw new IllegalArgumentException("the multipart body cannot be read: " + e.getMessage());
    } catch (Exception e) {
      discard(binaries, context);
      throw e;
    }
    return fields;
  }

  /** Deletes what a request that failed halfway stored. */
  private static void discard(Map<String, BinaryData> binaries, TriggerContext context) {
    for (BinaryData b : binaries.values()) {
      try {
        context.binaries().delete(b);
      } catch (Exception e) {
        context.logger().warn("could not delete binary data {} of a refused request: {}", b.id(), e.getMessage());
      }
    }
    binaries.clear();
  }
}
