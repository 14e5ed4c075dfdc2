package dev.weft.nodes.integrations.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.nodes.integrations.common.BlockedAddressException;
import dev.weft.nodes.integrations.common.HttpCalls;
import dev.weft.nodes.integrations.common.NetworkPolicy;
import dev.weft.nodes.integrations.common.RetryPolicy;
import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;

/**
 * HTTP Request ({@code weft.httpRequest}): calls any HTTP API. Every method; authentication by basic, bearer, header,
 * query or OAuth2 credentials; JSON, form, multipart, binary (streamed from the item's binary data) or raw bodies; the
 * answer as JSON, text or binary (streamed into the binary store); pagination by next URL, {@code Link} header, page
 * parameter or cursor; retries on 429 and 5xx honouring {@code Retry-After}; timeouts, redirects, batching. Internal
 * addresses are refused unless the host's {@link NetworkPolicy} allows them.
 *
 * <p>Each input item makes one request (or one series of pages). A JSON array answer becomes one item per element.
 * A status of 400 or more fails the item with the server's own error message, unless {@code options.neverError}.
 */
public final class HttpRequestNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.httpRequest";

  private static final Pattern LINK_NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?([^\",]*)\"?");
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("HTTP Request")
      .group("output")
      .icon("fa:globe")
      .description("Calls an HTTP API and outputs its answer")
      .parameters(
          ParameterSpec.options("method", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
              .displayName("Method"),
          ParameterSpec.string("url").displayName("URL").required().placeholder("https://api.example.com/orders"),
          ParameterSpec.options("authentication", Option.of("none", "None"), Option.of("basic", "Basic auth"),
              Option.of("bearer", "Bearer token"), Option.of("header", "Header"), Option.of("query", "Query parameter"),
              Option.of("oauth2", "OAuth2"), Option.of("googleOAuth2", "Google OAuth2")).displayName("Authentication"),
          ParameterSpec.list("queryParameters", pair("name"), pair("value")).displayName("Query parameters"),
          ParameterSpec.list("headers", pair("name"), pair("value")).displayName("Headers"),
          ParameterSpec.options("bodyType", Option.of("none", "No body"), Option.of("json", "JSON"),
              Option.of("form", "Form (urlencoded)"), Option.of("multipart", "Multipart form"),
              Option.of("binary", "Binary data"), Option.of("raw", "Raw text")).displayName("Body"),
          ParameterSpec.json("jsonBody").displayName("JSON body").displayWhen("bodyType", "json"),
          ParameterSpec.list("formFields", pair("name"), pair("value")).displayName("Form fields")
              .displayWhen("bodyType", "form"),
          ParameterSpec.list("multipartFields", pair("name"),
              ParameterSpec.options("kind", "text", "binary").displayName("Kind").build(),
              ParameterSpec.string("value").displayName("Text value").build(),
              ParameterSpec.string("binaryProperty").displayName("Binary property").defaultValue("data").build())
              .displayName("Multipart fields").displayWhen("bodyType", "multipart"),
          ParameterSpec.string("binaryProperty").displayName("Binary property").defaultValue("data")
              .description("The item's binary attachment sent as the body").displayWhen("bodyType", "binary"),
          ParameterSpec.string("rawBody").displayName("Raw body").displayWhen("bodyType", "raw"),
          ParameterSpec.string("rawContentType").displayName("Content type").defaultValue("text/plain; charset=utf-8")
              .displayWhen("bodyType", "raw"),
          ParameterSpec.options("responseFormat", Option.of("autodetect", "Autodetect"), Option.of("json", "JSON"),
              Option.of("text", "Text"), Option.of("binary", "File (binary)")).displayName("Response format"),
          ParameterSpec.string("outputProperty").displayName("Output property").defaultValue("data")
              .description("Where text answers go in the JSON, and the binary property of file answers"),
          ParameterSpec.bool("fullResponse").displayName("Full response").defaultValue(false)
              .description("Output status, headers and body instead of the body alone"),
          ParameterSpec.bool("splitArrays").displayName("Split arrays into items").defaultValue(true),
          ParameterSpec.collection("pagination",
              ParameterSpec.options("mode", Option.of("none", "Off"), Option.of("nextUrl", "Next URL in the answer"),
                  Option.of("linkHeader", "Link header (rel=next)"), Option.of("pageParameter", "Page number"),
                  Option.of("cursor", "Cursor in the answer")).displayName("Mode").build(),
              ParameterSpec.string("nextUrlField").displayName("Next URL field").placeholder("links.next").build(),
              ParameterSpec.string("pageParameter").displayName("Page query parameter").defaultValue("page").build(),
              ParameterSpec.number("startPage").displayName("First page").defaultValue(1).build(),
              ParameterSpec.string("cursorField").displayName("Cursor field").placeholder("meta.next_cursor").build(),
              ParameterSpec.string("cursorParameter").displayName("Cursor query parameter").defaultValue("cursor")
                  .build(),
              ParameterSpec.string("itemsField").displayName("Items field")
                  .description("The array in each page holding the results; an empty one ends page-number paging")
                  .build(),
              ParameterSpec.number("maxPages").displayName("Max pages").defaultValue(100).build(),
              ParameterSpec.number("intervalMs").displayName("Wait between pages (ms)").defaultValue(0).build())
              .displayName("Pagination"),
          ParameterSpec.collection("options",
              ParameterSpec.number("timeoutMs").displayName("Timeout (ms)").defaultValue(30000).build(),
              ParameterSpec.bool("followRedirects").displayName("Follow redirects").defaultValue(true).build(),
              ParameterSpec.bool("neverError").displayName("Never error").defaultValue(false)
                  .description("Output 4xx and 5xx answers instead of failing").build(),
              ParameterSpec.number("batchSize").displayName("Items per batch").defaultValue(0)
                  .description("Send this many items' requests at once, then wait the batch interval; 0 sends them "
                      + "one after another without waiting").build(),
              ParameterSpec.number("batchIntervalMs").displayName("Batch interval (ms)").defaultValue(1000).build(),
              ParameterSpec.number("maxRetries").displayName("Retries on 429/5xx").defaultValue(3).build(),
              ParameterSpec.number("retryWaitMs").displayName("First retry wait (ms)").defaultValue(1000).build(),
              ParameterSpec.number("maxRetryWaitMs").displayName("Longest retry wait (ms)").defaultValue(60000)
                  .build(),
              ParameterSpec.bool("retryServerErrors").displayName("Retry on 5xx").defaultValue(true).build())
              .displayName("Options"))
      .credential(HttpAuth.BASIC, false)
      .credential(HttpAuth.BEARER, false)
      .credential(HttpAuth.HEADER, false)
      .credential(HttpAuth.QUERY, false)
      .credential(HttpAuth.OAUTH2, false)
      .credential(HttpAuth.GOOGLE_OAUTH2, false)
      .build();

  private static ParameterSpec pair(String name) {
    return ParameterSpec.string(name).displayName(name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1))
        .build();
  }

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    OkHttpClient base = context.service(OkHttpClient.class);
    NetworkPolicy policy = NetworkPolicy.of(context);
    Map<String, OkHttpClient> clients = new ConcurrentHashMap<>();
    int batchSize = items.isEmpty() ? 0 : intOption(context, "options.batchSize", 0, 0);
    long interval = items.isEmpty() ? 0 : intOption(context, "options.batchIntervalMs", 0, 1000);
    if (batchSize < 0) {
      throw NodeException.parameter("options.batchSize", 0, "items per batch must not be negative, was " + batchSize);
    }
    if (batchSize <= 1) {
      for (int i = 0; i < items.size(); i++) {
        context.cancellation().throwIfCancelled();
        if (batchSize == 1 && i > 0 && interval > 0) {
          Thread.sleep(interval);
        }
        try {
          for (Item result : new Call(context, items.get(i), i, base, policy, clients).run()) {
            out.add(0, result.pairedWith(i));
          }
        } catch (Exception e) {
          out.fail(i, e);
        }
      }
      return out.build();
    }
    // a batch's requests go out together; the next batch waits for the interval
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(batchSize, items.size()), r -> {
      Thread t = new Thread(r, "weft-http-batch");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int start = 0; start < items.size(); start += batchSize) {
        context.cancellation().throwIfCancelled();
        if (start > 0 && interval > 0) {
          Thread.sleep(interval);
        }
        int end = Math.min(items.size(), start + batchSize);
        List<Future<List<Item>>> futures = new ArrayList<>();
        for (int i = start; i < end; i++) {
          int index = i;
          futures.add(pool.submit(() -> new Call(context, items.get(index), index, base, policy, clients).run()));
        }
        for (int i = start; i < end; i++) {
          try {
            for (Item result : futures.get(i - start).get()) {
              out.add(0, result.pairedWith(i));
            }
          } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            out.fail(i, cause instanceof Exception ex ? ex : new IllegalStateException(cause));
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return out.build();
  }

  private static int intOption(NodeContext context, String name, int i, int fallback) throws NodeException {
    Number n = context.parameter(name, i, Number.class);
    return n == null ? fallback : n.intValue();
  }

  /** One item's request, with its pages. */
  private static final class Call {
    private final NodeContext context;
    private final Item item;
    private final int index;
    private final OkHttpClient client;
    private final ObjectMapper mapper;
    private final List<String> secrets = new ArrayList<>();
    private final String method;
    private final Credentials credentials;
    private final RetryPolicy retry;

    Call(NodeContext context, Item item, int index, OkHttpClient base, NetworkPolicy policy,
        Map<String, OkHttpClient> clients) throws NodeException {
      this.context = context;
      this.item = item;
      this.index = index;
      this.mapper = context.service(ObjectMapper.class);
      String m = context.string("method", index);
      this.method = (m == null || m.isBlank() ? "GET" : m).toUpperCase(Locale.ROOT);
      if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS").contains(method)) {
        throw NodeException.parameter("method", index, "'" + m + "' is not an HTTP method this node sends");
      }
      String auth = context.string("authentication", index);
      String type = HttpAuth.typeFor(auth);
      if (type == null && auth != null && !auth.equals("none")) {
        throw NodeException.parameter("authentication", index, "unknown authentication '" + auth + "'");
      }
      this.credentials = type == null ? null : context.credentials(type);
      secrets.addAll(HttpAuth.secrets(credentials));
      int timeout = intOption(context, "options.timeoutMs", index, 30000);
      if (timeout < 0) {
        throw NodeException.parameter("options.timeoutMs", index, "the timeout must not be negative, was " + timeout);
      }
      boolean follow = !Boolean.FALSE.equals(context.parameter("options.followRedirects", index, Boolean.class));
      this.client = clients.computeIfAbsent(timeout + "/" + follow, k -> policy.apply(base.newBuilder()
          .callTimeout(Duration.ofMillis(timeout))
          .readTimeout(Duration.ofMillis(timeout))
          .connectTimeout(Duration.ofMillis(Math.min(timeout == 0 ? 10000 : timeout, 10000)))
          .followRedirects(follow)
          .followSslRedirects(follow)
          .build()));
      int maxRetries = intOption(context, "options.maxRetries", index, 3);
      if (maxRetries < 0 || maxRetries > 10) {
        throw NodeException.parameter("options.maxRetries", index, "retries must be 0 to 10, was " + maxRetries);
      }
      this.retry = new RetryPolicy(maxRetries, Duration.ofMillis(intOption(context, "options.retryWaitMs", index, 1000)),
          Duration.ofMillis(intOption(context, "options.maxRetryWaitMs", index, 60000)),
          !Boolean.FALSE.equals(context.parameter("options.retryServerErrors", index, Boolean.class)));
    }

    List<Item> run() throws Exception {
      String urlText = context.string("url", index);
      if (urlText == null || urlText.isBlank()) {
        throw NodeException.parameter("url", index, "the URL is empty");
      }
      HttpUrl url = HttpUrl.parse(urlText.trim());
      if (url == null) {
        throw NodeException.parameter("url", index, "'" + urlText + "' is not an http:// or https:// URL");
      }
      HttpUrl.Builder ub = url.newBuilder();
      for (Map<String, Object> q : entries("queryParameters")) {
        String name = text(q.get("name"));
        if (name.isEmpty()) {
          throw NodeException.parameter("queryParameters", index, "a query parameter has no name");
        }
        ub.addQueryParameter(name, text(q.get("value")));
      }
      String mode = context.string("pagination.mode", index);
      mode = mode == null ? "none" : mode;
      int maxPages = intOption(context, "pagination.maxPages", index, 100);
      int interval = intOption(context, "pagination.intervalMs", index, 0);
      String itemsField = blankToNull(context.string("pagination.itemsField", index));
      List<Item> results = new ArrayList<>();
      switch (mode) {
        case "none", "linkHeader" -> { }
        case "nextUrl" -> required("pagination.nextUrlField");
        case "pageParameter" -> required("pagination.pageParameter");
        case "cursor" -> {
          required("pagination.cursorField");
          required("pagination.cursorParameter");
        }
        default -> throw NodeException.parameter("pagination.mode", index, "unknown pagination mode '" + mode
            + "'; use none, nextUrl, linkHeader, pageParameter or cursor");
      }
      HttpUrl next = ub.build();
      Set<String> seen = new HashSet<>();
      int startPage = intOption(context, "pagination.startPage", index, 1);
      for (int page = 0; next != null; page++) {
        if (page > 0 && interval > 0) {
          Thread.sleep(interval);
        }
        HttpUrl pageUrl = next;
        if (mode.equals("pageParameter")) {
          pageUrl = pageUrl.newBuilder()
              .setQueryParameter(required("pagination.pageParameter"), String.valueOf(startPage + page)).build();
        }
        Page p = send(pageUrl, page);
        Object pageItems = itemsField == null ? p.body : Json.get(p.body, itemsField);
        if (!mode.equals("none") && itemsField != null && p.binary == null && pageItems == null
            && !Json.has(p.body, itemsField)) {
          throw NodeException.parameter("pagination.itemsField", index, "page " + (page + 1) + " from " + redactedUrl(
              pageUrl) + " has no field '" + itemsField + "'");
        }
        results.addAll(toItems(p, pageItems));
        if (mode.equals("none") || p.status >= 400) {
          break;
        }
        next = switch (mode) {
          case "nextUrl" -> resolve(pageUrl, text(Json.get(p.body, required("pagination.nextUrlField"))));
          case "linkHeader" -> resolve(pageUrl, linkNext(p.headers));
          case "pageParameter" -> isEmptyPage(pageItems) ? null : next;
          case "cursor" -> {
            String cursor = text(Json.get(p.body, required("pagination.cursorField")));
            yield cursor.isEmpty() || cursor.equals("false") ? null
                : next.newBuilder().setQueryParameter(required("pagination.cursorParameter"), cursor).build();
          }
          default -> throw NodeException.parameter("pagination.mode", index, "unknown pagination mode '" + mode
              + "'; use none, nextUrl, linkHeader, pageParameter or cursor");
        };
        if (next != null && !mode.equals("pageParameter") && !seen.add(next.toString())) {
          break; // the service keeps pointing at a page already fetched
        }
        if (page + 1 >= maxPages) {
          break;
        }
      }
      return results;
    }

    private String required(String name) throws NodeException {
      String v = blankToNull(context.string(name, index));
      if (v == null) {
        throw NodeException.parameter(name, index, "this pagination mode needs '" + name + "'");
      }
      return v;
    }

    private HttpUrl resolve(HttpUrl current, String link) throws NodeException {
      if (link == null || link.isBlank() || link.equals("null")) {
        return null;
      }
      HttpUrl resolved = current.resolve(link.trim());
      if (resolved == null) {
        throw NodeException.item(index, "the next-page link '" + link + "' is not a URL", null);
      }
      return resolved;
    }

    private static boolean isEmptyPage(Object pageItems) {
      return pageItems == null || (pageItems instanceof List<?> l && l.isEmpty())
          || (pageItems instanceof Map<?, ?> m && m.isEmpty());
    }

    private Page send(HttpUrl url, int page) throws Exception {
      return send(url, page, false);
    }

    private Page send(HttpUrl url, int page, boolean refreshed) throws Exception {
      HttpUrl.Builder ub = url.newBuilder();
      Request.Builder rb = new Request.Builder();
      String contentTypeHeader = null;
      for (Map<String, Object> h : entries("headers")) {
        String name = text(h.get("name"));
        if (name.isEmpty()) {
          throw NodeException.parameter("headers", index, "a header has no name");
        }
        String value = text(h.get("value"));
        if (name.equalsIgnoreCase("content-type")) {
          contentTypeHeader = value;
        }
        try {
          rb.addHeader(name, value);
        } catch (IllegalArgumentException e) {
          throw NodeException.parameter("headers", index, "header '" + name + "': " + e.getMessage());
        }
      }
      if (credentials != null) {
        HttpAuth.apply(credentials, context, context.clock(), refreshed, rb, ub);
      }
      HttpUrl finalUrl = ub.build();
      rb.url(finalUrl).method(method, body(contentTypeHeader));
      Request request = rb.build();
      Response response;
      try {
        response = HttpCalls.execute(client, request, retry, context.cancellation(), context.clock());
      } catch (BlockedAddressException e) {
        throw NodeException.parameter("url", index, e.getMessage());
      } catch (java.io.InterruptedIOException e) {
        context.cancellation().throwIfCancelled();
        throw NodeException.item(index, method + " " + redactedUrl(finalUrl) + " timed out after "
            + intOption(context, "options.timeoutMs", index, 30000) + " ms", e);
      } catch (IOException e) {
        Throwable c = e;
        while (c.getCause() != null && !(c instanceof BlockedAddressException)) {
          c = c.getCause();
        }
        if (c instanceof BlockedAddressException) {
          throw NodeException.parameter("url", index, c.getMessage());
        }
        throw NodeException.item(index, method + " " + redactedUrl(finalUrl) + " failed: "
            + ServiceErrors.redact(String.valueOf(e.getMessage()), secrets), e);
      }
      if (response.code() == 401 && !refreshed && credentials != null
          && (credentials.type().equals(HttpAuth.OAUTH2) || credentials.type().equals(HttpAuth.GOOGLE_OAUTH2))
          && !(credentials.string("refreshToken") == null || credentials.string("refreshToken").isEmpty())) {
        response.close();
        return send(url, page, true); // the token was revoked or expired early: refresh once and try again
      }
      try (response) {
        Page p = new Page();
        p.status = response.code();
        p.message = response.message();
        p.headers = response.headers();
        boolean neverError = context.bool("options.neverError", index);
        if (p.status >= 400 && !neverError) {
          ResponseBody rbody = response.body();
          String text = new String(rbody.byteStream().readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
          String where = page > 0 ? " (page " + (page + 1) + ")" : "";
          throw new NodeException(ServiceErrors.describe(method + " " + redactedUrl(finalUrl) + where, p.status,
              p.message, text, secrets), null, index, null, null);
        }
        readBody(response, p);
        return p;
      }
    }

    private String redactedUrl(HttpUrl url) {
      HttpUrl.Builder b = url.newBuilder().query(null);
      return ServiceErrors.redact(b.build().toString(), secrets);
    }

    private void readBody(Response response, Page p) throws Exception {
      ResponseBody body = response.body();
      MediaType type = body.contentType();
      String format = context.string("responseFormat", index);
      format = format == null ? "autodetect" : format;
      if (method.equals("HEAD") || p.status == 204 || p.status == 304) {
        p.body = format.equals("text") ? "" : new LinkedHashMap<String, Object>();
        p.empty = true;
        return;
      }
      if (format.equals("autodetect")) {
        format = detect(type);
      }
      switch (format) {
        case "binary" -> {
          String fileName = fileName(response);
          String mime = type == null ? "application/octet-stream" : type.toString();
          try (InputStream in = body.byteStream()) {
            p.binary = context.binaries().store(in, mime, fileName);
          }
        }
        case "json" -> {
          String text = body.string();
          if (text.isBlank()) {
            p.body = new LinkedHashMap<String, Object>();
            p.empty = true;
          } else {
            try {
              p.body = mapper.readValue(text, Object.class);
            } catch (JsonProcessingException e) {
              if (!"json".equals(context.string("responseFormat", index))) {
                p.body = text;
                p.text = true;
              } else {
                throw NodeException.parameter("responseFormat", index, "the answer of " + redactedUrl(response
                    .request().url()) + " is not JSON (" + e.getOriginalMessage() + "); choose the text format");
              }
            }
          }
        }
        case "text" -> {
          p.body = body.string();
          p.text = true;
        }
        default -> throw NodeException.parameter("responseFormat", index, "unknown response format '" + format
            + "'; use autodetect, json, text or binary");
      }
    }

    private static String detect(MediaType type) {
      if (type == null) {
        return "text";
      }
      String t = type.type().toLowerCase(Locale.ROOT);
      String sub = type.subtype().toLowerCase(Locale.ROOT);
      if (sub.equals("json") || sub.endsWith("+json")) {
        return "json";
      }
      if (t.equals("text") || sub.equals("xml") || sub.endsWith("+xml") || sub.equals("javascript")
          || sub.equals("x-www-form-urlencoded") || sub.equals("x-ndjson")) {
        return "text";
      }
      return "binary";
    }

    private static String fileName(Response response) {
      String disposition = response.header("Content-Disposition");
      if (disposition != null) {
        Matcher star = Pattern.compile("filename\\*\\s*=\\s*(?:UTF-8|utf-8)''([^;]+)").matcher(disposition);
        if (star.find()) {
          return java.net.URLDecoder.decode(star.group(1).trim(), StandardCharsets.UTF_8);
        }
        Matcher plain = Pattern.compile("filename\\s*=\\s*\"?([^\";]+)\"?").matcher(disposition);
        if (plain.find()) {
          return plain.group(1).trim();
        }
      }
      List<String> segments = response.request().url().pathSegments();
      String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
      return last.isEmpty() ? null : last;
    }

    private List<Item> toItems(Page p, Object pageItems) throws NodeException {
      String property = context.string("outputProperty", index);
      property = property == null || property.isBlank() ? "data" : property;
      boolean full = context.bool("fullResponse", index);
      List<Item> result = new ArrayList<>();
      if (full) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statusCode", p.status);
        json.put("statusMessage", p.message);
        json.put("headers", headers(p.headers));
        if (p.binary == null) {
          json.put("body", p.body);
        }
        Item it = Item.of(json);
        return List.of(p.binary == null ? it : it.withBinary(binaries(property, p.binary)));
      }
      if (p.binary != null) {
        return List.of(item.withJson(item.json()).withBinary(binaries(property, p.binary)));
      }
      if (p.text) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(property, p.body);
        return List.of(Item.of(json));
      }
      Object value = pageItems;
      boolean split = !Boolean.FALSE.equals(context.parameter("splitArrays", index, Boolean.class));
      if (value instanceof List<?> list && split) {
        for (Object element : list) {
          result.add(Item.of(asObject(element, property)));
        }
        return result;
      }
      result.add(Item.of(asObject(value, property)));
      return result;
    }

    private Map<String, BinaryData> binaries(String property, BinaryData data) {
      Map<String, BinaryData> all = new LinkedHashMap<>(item.binary());
      all.put(property, data);
      return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value, String property) {
      if (value instanceof Map<?, ?> m) {
        return (Map<String, Object>) m;
      }
      Map<String, Object> json = new LinkedHashMap<>();
      if (value != null) {
        json.put(property, value);
      }
      return json;
    }

    private static Map<String, Object> headers(Headers headers) {
      Map<String, Object> result = new LinkedHashMap<>();
      for (String name : headers.names()) {
        List<String> values = headers.values(name);
        result.put(name.toLowerCase(Locale.ROOT), values.size() == 1 ? values.get(0) : String.join(", ", values));
      }
      return result;
    }

    private RequestBody body(String contentTypeHeader) throws Exception {
      String type = context.string("bodyType", index);
      type = type == null ? "none" : type;
      if (type.equals("none")) {
        return needsBody() ? RequestBody.create(new byte[0], null) : null;
      }
      if (method.equals("GET") || method.equals("HEAD")) {
        throw NodeException.parameter("bodyType", index, method + " requests cannot carry a body; choose POST, PUT "
            + "or PATCH, or no body");
      }
      MediaType override = contentTypeHeader == null ? null : MediaType.parse(contentTypeHeader);
      switch (type) {
        case "json" -> {
          Object value = context.parameter("jsonBody", index);
          if (value instanceof String s) {
            try {
              value = mapper.readValue(s, Object.class);
            } catch (JsonProcessingException e) {
              throw NodeException.parameter("jsonBody", index, "the JSON body is not valid JSON: "
                  + e.getOriginalMessage());
            }
          }
          byte[] bytes = mapper.writeValueAsBytes(value);
          return RequestBody.create(bytes, override != null ? override : MediaType.get("application/json"));
        }
        case "form" -> {
          FormBody.Builder fb = new FormBody.Builder(StandardCharsets.UTF_8);
          for (Map<String, Object> f : entries("formFields")) {
            fb.add(text(f.get("name")), text(f.get("value")));
          }
          return fb.build();
        }
        case "multipart" -> {
          MultipartBody.Builder mb = new MultipartBody.Builder().setType(MultipartBody.FORM);
          List<Map<String, Object>> fields = entries("multipartFields");
          if (fields.isEmpty()) {
            throw NodeException.parameter("multipartFields", index, "a multipart body needs at least one field");
          }
          for (Map<String, Object> f : fields) {
            String name = text(f.get("name"));
            if (name.isEmpty()) {
              throw NodeException.parameter("multipartFields", index, "a multipart field has no name");
            }
            if ("binary".equals(f.get("kind"))) {
              String prop = text(f.getOrDefault("binaryProperty", "data"));
              BinaryData data = binary(prop.isEmpty() ? "data" : prop, "multipartFields");
              mb.addFormDataPart(name, data.fileName() == null ? name : data.fileName(),
                  streamed(context.binaries(), data, MediaType.parse(data.mimeType())));
            } else {
              mb.addFormDataPart(name, text(f.get("value")));
            }
          }
          return mb.build();
        }
        case "binary" -> {
          String prop = context.string("binaryProperty", index);
          BinaryData data = binary(prop == null || prop.isBlank() ? "data" : prop, "binaryProperty");
          return streamed(context.binaries(), data, override != null ? override : MediaType.parse(data.mimeType()));
        }
        case "raw" -> {
          String raw = context.string("rawBody", index);
          String ct = context.string("rawContentType", index);
          MediaType mt = override != null ? override : MediaType.parse(ct == null ? "text/plain; charset=utf-8" : ct);
          if (mt == null) {
            throw NodeException.parameter("rawContentType", index, "'" + ct + "' is not a content type");
          }
          return RequestBody.create(raw == null ? new byte[0] : raw.getBytes(mt.charset(StandardCharsets.UTF_8)), mt);
        }
        default -> throw NodeException.parameter("bodyType", index, "unknown body type '" + type
            + "'; use none, json, form, multipart, binary or raw");
      }
    }

    private boolean needsBody() {
      return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private BinaryData binary(String property, String parameter) throws NodeException {
      BinaryData data = item.binary().get(property);
      if (data == null) {
        throw NodeException.parameter(parameter, index, "the item has no binary property '" + property + "'"
            + (item.binary().isEmpty() ? " (it has no binary data)" : "; it has " + item.binary().keySet()));
      }
      return data;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> entries(String name) throws NodeException {
      Object v = context.parameter(name, index);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof List<?> list)) {
        throw NodeException.parameter(name, index, "expected a list of {name, value} entries, got a "
            + Json.typeOf(v));
      }
      List<Map<String, Object>> result = new ArrayList<>();
      for (Object e : list) {
        if (!(e instanceof Map<?, ?> m)) {
          throw NodeException.parameter(name, index, "each entry must be an object with a name, got a "
              + Json.typeOf(e));
        }
        result.add((Map<String, Object>) m);
      }
      return result;
    }
  }

  /** A request body read from the binary store as it is sent, so a large file never sits in memory. */
  static RequestBody streamed(BinaryStore store, BinaryData data, MediaType type) {
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return type;
      }

      @Override
      public long contentLength() {
        return data.size();
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        try (InputStream in = store.open(data)) {
          OutputStream os = sink.outputStream();
          in.transferTo(os);
          os.flush();
        }
      }
    };
  }

  static String linkNext(Headers headers) {
    for (String link : headers.values("Link")) {
      Matcher m = LINK_NEXT.matcher(link);
      while (m.find()) {
        for (String rel : m.group(2).trim().split("\\s+")) {
          if (rel.equalsIgnoreCase("next")) {
            return m.group(1);
          }
        }
      }
    }
    return null;
  }

  private static String text(Object v) {
    return v == null ? "" : v instanceof String s ? s : String.valueOf(v);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** One answer. */
  private static final class Page {
    int status;
    String message;
    Headers headers;
    Object body;
    boolean text;
    boolean empty;
    BinaryData binary;
  }
}
