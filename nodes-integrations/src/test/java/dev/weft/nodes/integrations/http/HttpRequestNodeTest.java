package dev.weft.nodes.integrations.http;

import static dev.weft.nodes.integrations.Flows.items;
import static dev.weft.nodes.integrations.Flows.json;
import static dev.weft.nodes.integrations.Flows.parse;
import static dev.weft.nodes.integrations.Flows.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.binary.InMemoryBinaryStore;
import dev.weft.nodes.integrations.Flows;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpRequestNodeTest {
  private final InMemoryBinaryStore binaries = new InMemoryBinaryStore();
  private MockWebServer server;
  private Weft weft;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    weft = Flows.engine(binaries,
        new Credentials("basic-1", HttpAuth.BASIC, Map.of("user", "ada", "password", "s3cret!")),
        new Credentials("bearer-1", HttpAuth.BEARER, Map.of("token", "tok-abc-123")),
        new Credentials("header-1", HttpAuth.HEADER, Map.of("name", "X-Api-Key", "value", "key-987")),
        new Credentials("query-1", HttpAuth.QUERY, Map.of("name", "api_key", "value", "qk-555")),
        new Credentials("oauth-1", HttpAuth.OAUTH2, Map.of("accessToken", "ya29.token")));
  }

  @AfterEach
  void stop() {
    weft.close();
    server.close();
  }

  private String url(String path) {
    return server.url(path).toString();
  }

  private static MockResponse jsonAnswer(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  private ExecutionResult run(String params, String credentials, List<Item> input) {
    return weft.run(single("weft.httpRequest", params, credentials), input);
  }

  private ExecutionResult run(String params) {
    return run(params, null, List.of(Item.empty()));
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("a request reached the server").isNotNull();
    return r;
  }

  @Test
  void getsJsonWithQueryAndHeadersAndSplitsAnArrayIntoItems() throws Exception {
    server.enqueue(jsonAnswer(200, "[{\"id\": 1, \"name\": \"Ada\"}, {\"id\": 2, \"name\": \"Linus\"}]"));

    ExecutionResult r = run("""
        { "url": "%s", "queryParameters": [ { "name": "q", "value": "{{ $json.term }}" }, { "name": "limit", "value": "2" } ],
          "headers": [ { "name": "Accept", "value": "application/json" }, { "name": "X-Trace", "value": "t-{{ $json.term }}" } ] }"""
        .formatted(url("/users?active=true")), null, items("[{\"term\": \"a b\"}]"));

    assertThat(r.error()).isNull();
    assertThat(json(r.items("Node"))).isEqualTo(parse("[{\"id\": 1, \"name\": \"Ada\"}, {\"id\": 2, \"name\": \"Linus\"}]"));
    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("GET");
    assertThat(req.getTarget()).isEqualTo("/users?active=true&q=a%20b&limit=2");
    assertThat(req.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(req.getHeaders().get("X-Trace")).isEqualTo("t-a b");
    assertThat(req.getHeaders().get("Authorization")).isNull();
    assertThat(req.getBodySize()).isZero();
  }

  @Test
  void sendsEachMethod() throws Exception {
    for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")) {
      server.enqueue(method.equals("HEAD") ? new MockResponse.Builder().code(200).build()
          : jsonAnswer(200, "{\"ok\": true}"));
      ExecutionResult r = run("{ \"method\": \"%s\", \"url\": \"%s\" }".formatted(method, url("/m")));
      assertThat(r.error()).as(method).isNull();
      assertThat(take().getMethod()).isEqualTo(method);
      assertThat(r.items("Node")).hasSize(1);
    }
  }

  @Test
  void authenticatesWithEachCredentialType() throws Exception {
    String[][] cases = {
        {"basic", "{\"weft.httpBasicAuth\": \"basic-1\"}", "Authorization", "Basic YWRhOnMzY3JldCE="},
        {"bearer", "{\"weft.httpBearerAuth\": \"bearer-1\"}", "Authorization", "Bearer tok-abc-123"},
        {"header", "{\"weft.httpHeaderAuth\": \"header-1\"}", "X-Api-Key", "key-987"},
        {"oauth2", "{\"weft.oAuth2Api\": \"oauth-1\"}", "Authorization", "Bearer ya29.token"}};
    for (String[] c : cases) {
      server.enqueue(jsonAnswer(200, "{}"));
      ExecutionResult r = run("{ \"url\": \"%s\", \"authentication\": \"%s\" }".formatted(url("/a"), c[0]), c[1],
          List.of(Item.empty()));
      assertThat(r.error()).as(c[0]).isNull();
      assertThat(take().getHeaders().get(c[2])).as(c[0]).isEqualTo(c[3]);
    }
    server.enqueue(jsonAnswer(200, "{}"));
    ExecutionResult r = run("{ \"url\": \"%s\", \"authentication\": \"query\" }".formatted(url("/a?x=1")),
        "{\"weft.httpQueryAuth\": \"query-1\"}", List.of(Item.empty()));
    assertThat(r.error()).isNull();
    assertThat(take().getTarget()).isEqualTo("/a?x=1&api_key=qk-555");
  }

  @Test
  void refreshesAnOAuth2TokenTheServerRefusesAndTriesOnceMore() throws Exception {
    dev.weft.nodes.integrations.oauth.OAuth2.clearCache();
    Credentials oauth = new Credentials("oauth-r", HttpAuth.OAUTH2, Map.of("clientId", "cid", "clientSecret", "csecret",
        "accessTokenUrl", url("/token"), "accessToken", "old-token", "refreshToken", "refresh-1"));
    server.enqueue(jsonAnswer(401, "{\"error\": \"invalid_token\"}"));
    server.enqueue(jsonAnswer(200, "{\"access_token\": \"new-token\", \"token_type\": \"Bearer\", \"expires_in\": 3600}"));
    server.enqueue(jsonAnswer(200, "{\"me\": \"ada\"}"));
    try (Weft w = Flows.engine(binaries, oauth)) {
      ExecutionResult r = w.run(single("weft.httpRequest", "{ \"url\": \"%s\", \"authentication\": \"oauth2\" }"
          .formatted(url("/api/me")), "{\"weft.oAuth2Api\": \"oauth-r\"}"), List.of(Item.empty()));
      assertThat(r.error()).isNull();
      assertThat(r.items("Node").get(0).json()).isEqualTo(Map.of("me", "ada"));
    }
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer old-token");
    RecordedRequest token = take();
    assertThat(token.getTarget()).isEqualTo("/token");
    assertThat(token.getBody().utf8()).contains("grant_type=refresh_token").contains("refresh_token=refresh-1");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer new-token");
  }

  @Test
  void failsWithTheServersMessageAndNeverShowsTheSecret() throws Exception {
    server.enqueue(jsonAnswer(401, "{\"error\": {\"message\": \"token tok-abc-123 has expired\"}}"));

    ExecutionResult r = run("{ \"url\": \"%s\", \"authentication\": \"bearer\" }".formatted(url("/me?debug=1")),
        "{\"weft.httpBearerAuth\": \"bearer-1\"}", List.of(Item.empty()));

    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().message())
        .contains("GET " + url("/me") + " answered 401")
        .contains("token *** has expired")
        .doesNotContain("tok-abc-123");
  }

  @Test
  void neverErrorOutputsTheFailedAnswer() {
    server.enqueue(jsonAnswer(500, "{\"message\": \"boom\"}"));
    ExecutionResult r = run("""
        { "url": "%s", "fullResponse": true, "options": { "neverError": true, "maxRetries": 0 } }""".formatted(url("/x")));
    assertThat(r.error()).isNull();
    Map<String, Object> out = r.items("Node").get(0).json();
    assertThat(out.get("statusCode")).isEqualTo(500);
    assertThat(out.get("body")).isEqualTo(Map.of("message", "boom"));
    assertThat(((Map<?, ?>) out.get("headers")).get("content-type")).isEqualTo("application/json");
  }

  @Test
  void sendsAJsonBody() throws Exception {
    server.enqueue(jsonAnswer(201, "{\"id\": 7}"));
    ExecutionResult r = run("""
        { "method": "POST", "url": "%s", "bodyType": "json",
          "jsonBody": { "name": "{{ $json.name }}", "tags": ["a", "b"], "n": "{{ $json.n }}" } }"""
        .formatted(url("/things")), null, items("[{\"name\": \"Ada\", \"n\": 3}]"));
    assertThat(r.error()).isNull();
    assertThat(r.items("Node").get(0).json()).isEqualTo(Map.of("id", 7L));
    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(parse(req.getBody().utf8())).isEqualTo(parse("{\"name\": \"Ada\", \"tags\": [\"a\", \"b\"], \"n\": 3}"));
  }

  @Test
  void sendsAJsonBodyGivenAsText() throws Exception {
    server.enqueue(jsonAnswer(200, "{}"));
    ExecutionResult r = run("""
        { "method": "PATCH", "url": "%s", "bodyType": "json", "jsonBody": "{\\"done\\": true}" }""".formatted(url("/t")));
    assertThat(r.error()).isNull();
    assertThat(take().getBody().utf8()).isEqualTo("{\"done\":true}");

    ExecutionResult bad = run("""
        { "method": "PATCH", "url": "%s", "bodyType": "json", "jsonBody": "{not json" }""".formatted(url("/t")));
    assertThat(bad.error().message()).contains("not valid JSON");
  }

  @Test
  void sendsAFormBody() throws Exception {
    server.enqueue(jsonAnswer(200, "{}"));
    ExecutionResult r = run("""
        { "method": "PUT", "url": "%s", "bodyType": "form",
          "formFields": [ { "name": "name", "value": "Ada Lovelace" }, { "name": "lang", "value": "en&fr" } ] }"""
        .formatted(url("/form")));
    assertThat(r.error()).isNull();
    RecordedRequest req = take();
    assertThat(req.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(req.getBody().utf8()).isEqualTo("name=Ada+Lovelace&lang=en%26fr");
  }

  @Test
  void sendsAMultipartBodyWithAFileFromBinaryData() throws Exception {
    BinaryData file = binaries.store("id,name\n1,Ada\n".getBytes(StandardCharsets.UTF_8), "text/csv", "people.csv");
    server.enqueue(jsonAnswer(200, "{\"uploaded\": true}"));
    ExecutionResult r = run("""
        { "method": "POST", "url": "%s", "bodyType": "multipart",
          "multipartFields": [ { "name": "title", "kind": "text", "value": "People" },
                               { "name": "file", "kind": "binary", "binaryProperty": "sheet" } ] }"""
        .formatted(url("/upload")), null, List.of(Item.empty().withBinary("sheet", file)));
    assertThat(r.error()).isNull();
    RecordedRequest req = take();
    assertThat(req.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
    String body = req.getBody().utf8();
    assertThat(body).contains("Content-Disposition: form-data; name=\"title\"\r\n\r\nPeople\r\n");
    assertThat(body).contains("Content-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\nid,name\n1,Ada\n\r\n");
  }

  @Test
  void sendsBinaryDataAsTheBody() throws Exception {
    byte[] bytes = new byte[200_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    BinaryData file = binaries.store(bytes, "image/png", "pic.png");
    server.enqueue(jsonAnswer(200, "{}"));
    ExecutionResult r = run("{ \"method\": \"PUT\", \"url\": \"%s\", \"bodyType\": \"binary\" }".formatted(url("/pic")),
        null, List.of(Item.empty().withBinary("data", file)));
    assertThat(r.error()).isNull();
    RecordedRequest req = take();
    assertThat(req.getHeaders().get("Content-Type")).isEqualTo("image/png");
    assertThat(req.getHeaders().get("Content-Length")).isEqualTo("200000");
    assertThat(req.getBody().toByteArray()).isEqualTo(bytes);

    ExecutionResult missing = run("{ \"method\": \"PUT\", \"url\": \"%s\", \"bodyType\": \"binary\", \"binaryProperty\": \"x\" }"
        .formatted(url("/pic")), null, List.of(Item.empty().withBinary("data", file)));
    assertThat(missing.error().message()).contains("no binary property 'x'").contains("[data]");
  }

  @Test
  void sendsARawBodyWithItsContentType() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body("ok").build());
    ExecutionResult r = run("""
        { "method": "POST", "url": "%s", "bodyType": "raw", "rawBody": "<a>{{ $json.v }}</a>", "rawContentType": "application/xml" }"""
        .formatted(url("/raw")), null, items("[{\"v\": 5}]"));
    assertThat(r.error()).isNull();
    assertThat(r.items("Node").get(0).json()).isEqualTo(Map.of("data", "ok"));
    RecordedRequest req = take();
    assertThat(req.getHeaders().get("Content-Type")).isEqualTo("application/xml");
    assertThat(req.getBody().utf8()).isEqualTo("<a>5</a>");
  }

  @Test
  void refusesABodyOnGet() {
    ExecutionResult r = run("{ \"url\": \"%s\", \"bodyType\": \"json\", \"jsonBody\": {} }".formatted(url("/x")));
    assertThat(r.error().message()).contains("GET requests cannot carry a body");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void storesABinaryAnswerKeepingTheItemsJson() throws Exception {
    byte[] pdf = "%PDF-1.7 fake but binary \u0000\u0001".getBytes(StandardCharsets.ISO_8859_1);
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/pdf")
        .setHeader("Content-Disposition", "attachment; filename=\"invoice 7.pdf\"")
        .body(new okio.Buffer().write(pdf)).build());
    ExecutionResult r = run("{ \"url\": \"%s\" }".formatted(url("/files/7")), null, items("[{\"invoice\": 7}]"));
    assertThat(r.error()).isNull();
    Item out = r.items("Node").get(0);
    assertThat(out.json()).isEqualTo(Map.of("invoice", 7L));
    BinaryData data = out.binary().get("data");
    assertThat(data.fileName()).isEqualTo("invoice 7.pdf");
    assertThat(data.mimeType()).isEqualTo("application/pdf");
    assertThat(binaries.readAll(data)).isEqualTo(pdf);
  }

  @Test
  void streamsALargeBinaryAnswerIntoTheBinaryStore() throws Exception {
    okio.Buffer body = dev.weft.nodes.integrations.StreamingStore.largeBody(64L << 20);
    String sha = dev.weft.nodes.integrations.StreamingStore.sha256(body);
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/octet-stream")
        .body(body).build());
    dev.weft.nodes.integrations.StreamingStore streaming = new dev.weft.nodes.integrations.StreamingStore();
    try (Weft w = Flows.engine(streaming)) {
      ExecutionResult r = w.run(single("weft.httpRequest", "{ \"url\": \"%s\", \"responseFormat\": \"binary\" }"
          .formatted(url("/dump.bin")), null), List.of(Item.empty()));
      assertThat(r.error()).isNull();
      BinaryData data = r.items("Node").get(0).binary().get("data");
      assertThat(data.size()).isEqualTo(64L << 20);
      assertThat(streaming.sha256(data)).isEqualTo(sha);
    }
  }

  @Test
  void readsTextAndForcedFormats() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body("<p>hi</p>").build());
    assertThat(run("{ \"url\": \"%s\", \"outputProperty\": \"html\" }".formatted(url("/p"))).items("Node").get(0).json())
        .isEqualTo(Map.of("html", "<p>hi</p>"));

    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body("{\"a\":1}").build());
    assertThat(run("{ \"url\": \"%s\", \"responseFormat\": \"json\" }".formatted(url("/j"))).items("Node").get(0).json())
        .isEqualTo(Map.of("a", 1L));

    server.enqueue(jsonAnswer(200, "not json at all"));
    ExecutionResult bad = run("{ \"url\": \"%s\", \"responseFormat\": \"json\" }".formatted(url("/j")));
    assertThat(bad.error().message()).contains("is not JSON");

    server.enqueue(jsonAnswer(200, "[1, 2]"));
    assertThat(json(run("{ \"url\": \"%s\", \"splitArrays\": false }".formatted(url("/j"))).items("Node")))
        .isEqualTo(parse("[{\"data\": [1, 2]}]"));
  }

  @Test
  void retriesOnTooManyRequestsHonouringRetryAfter() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").body("slow down").build());
    server.enqueue(jsonAnswer(200, "{\"ok\": 1}"));
    long start = System.nanoTime();
    ExecutionResult r = run("{ \"method\": \"POST\", \"url\": \"%s\", \"bodyType\": \"json\", \"jsonBody\": {\"a\": 1} }"
        .formatted(url("/rl")));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.error()).isNull();
    assertThat(r.items("Node").get(0).json()).isEqualTo(Map.of("ok", 1L));
    assertThat(elapsedMs).isGreaterThanOrEqualTo(1000);
    assertThat(take().getBody().utf8()).isEqualTo("{\"a\":1}");
    assertThat(take().getBody().utf8()).as("the body is sent again").isEqualTo("{\"a\":1}");
  }

  @Test
  void retriesServerErrorsWithBackoffThenGivesUp() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(jsonAnswer(503, "{\"message\": \"maintenance\"}"));
    }
    ExecutionResult r = run("{ \"url\": \"%s\", \"options\": { \"maxRetries\": 2, \"retryWaitMs\": 20 } }"
        .formatted(url("/down")));
    assertThat(r.error().message()).contains("answered 503 Service Unavailable: maintenance");
    assertThat(server.getRequestCount()).isEqualTo(3);

    server.enqueue(jsonAnswer(503, "{}"));
    server.enqueue(jsonAnswer(200, "{\"back\": true}"));
    assertThat(run("{ \"url\": \"%s\", \"options\": { \"retryWaitMs\": 20 } }".formatted(url("/down"))).items("Node")
        .get(0).json()).isEqualTo(Map.of("back", true));
  }

  @Test
  void doesNotWaitLongerThanAllowed() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").body("{}").build());
    long start = System.nanoTime();
    ExecutionResult r = run("{ \"url\": \"%s\", \"options\": { \"maxRetryWaitMs\": 5000 } }".formatted(url("/rl")));
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
    assertThat(r.error().message()).contains("answered 429 Too Many Requests");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void timesOut() {
    server.enqueue(jsonAnswer(200, "{}"));
    assertThat(run("{ \"url\": \"%s\" }".formatted(url("/warm-up"))).error()).isNull();
    server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(6, TimeUnit.SECONDS).build());
    long start = System.nanoTime();
    ExecutionResult r = run("{ \"url\": \"%s\", \"options\": { \"timeoutMs\": 300, \"maxRetries\": 0 } }"
        .formatted(url("/slow")));
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4000);
    assertThat(r.error().message()).contains("GET " + url("/slow") + " timed out after 300 ms");
  }

  @Test
  void followsRedirectsUnlessToldNotTo() throws Exception {
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/new").build());
    server.enqueue(jsonAnswer(200, "{\"here\": true}"));
    assertThat(run("{ \"url\": \"%s\" }".formatted(url("/old"))).items("Node").get(0).json())
        .isEqualTo(Map.of("here", true));
    assertThat(take().getTarget()).isEqualTo("/old");
    assertThat(take().getTarget()).isEqualTo("/new");

    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/new").build());
    Map<String, Object> out = run("{ \"url\": \"%s\", \"fullResponse\": true, \"options\": { \"followRedirects\": false } }"
        .formatted(url("/old"))).items("Node").get(0).json();
    assertThat(out.get("statusCode")).isEqualTo(302);
    assertThat(((Map<?, ?>) out.get("headers")).get("location")).isEqualTo("/new");
  }

  @Test
  void pagesByNextUrlInTheAnswer() throws Exception {
    server.enqueue(jsonAnswer(200, "{\"data\": [{\"id\": 1}, {\"id\": 2}], \"links\": {\"next\": \"/orders?after=2\"}}"));
    server.enqueue(jsonAnswer(200, "{\"data\": [{\"id\": 3}], \"links\": {\"next\": null}}"));
    ExecutionResult r = run("""
        { "url": "%s", "pagination": { "mode": "nextUrl", "nextUrlField": "links.next", "itemsField": "data" } }"""
        .formatted(url("/orders")));
    assertThat(r.error()).isNull();
    assertThat(json(r.items("Node"))).isEqualTo(parse("[{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]"));
    assertThat(take().getTarget()).isEqualTo("/orders");
    assertThat(take().getTarget()).isEqualTo("/orders?after=2");
  }

  @Test
  void pagesByLinkHeader() throws Exception {
    server.enqueue(jsonAnswer(200, "[{\"n\": 1}]").newBuilder()
        .setHeader("Link", "<" + url("/repos?page=2") + ">; rel=\"next\", <" + url("/repos?page=9") + ">; rel=\"last\"")
        .build());
    server.enqueue(jsonAnswer(200, "[{\"n\": 2}]").newBuilder()
        .setHeader("Link", "<" + url("/repos?page=1") + ">; rel=\"prev\"").build());
    ExecutionResult r = run("{ \"url\": \"%s\", \"pagination\": { \"mode\": \"linkHeader\" } }".formatted(url("/repos")));
    assertThat(json(r.items("Node"))).isEqualTo(parse("[{\"n\": 1}, {\"n\": 2}]"));
    take();
    assertThat(take().getTarget()).isEqualTo("/repos?page=2");
  }

  @Test
  void pagesByPageNumberUntilAnEmptyPage() throws Exception {
    server.enqueue(jsonAnswer(200, "{\"results\": [{\"a\": 1}, {\"a\": 2}]}"));
    server.enqueue(jsonAnswer(200, "{\"results\": [{\"a\": 3}]}"));
    server.enqueue(jsonAnswer(200, "{\"results\": []}"));
    ExecutionResult r = run("""
        { "url": "%s", "pagination": { "mode": "pageParameter", "pageParameter": "p", "startPage": 0, "itemsField": "results" } }"""
        .formatted(url("/list?size=2")));
    assertThat(json(r.items("Node"))).isEqualTo(parse("[{\"a\": 1}, {\"a\": 2}, {\"a\": 3}]"));
    assertThat(take().getTarget()).isEqualTo("/list?size=2&p=0");
    assertThat(take().getTarget()).isEqualTo("/list?size=2&p=1");
    assertThat(take().getTarget()).isEqualTo("/list?size=2&p=2");
  }

  @Test
  void pagesByCursorAndStopsAtMaxPages() throws Exception {
    server.enqueue(jsonAnswer(200, "{\"items\": [{\"k\": \"a\"}], \"meta\": {\"next_cursor\": \"c2\"}}"));
    server.enqueue(jsonAnswer(200, "{\"items\": [{\"k\": \"b\"}], \"meta\": {\"next_cursor\": \"c3\"}}"));
    server.enqueue(jsonAnswer(200, "{\"items\": [{\"k\": \"c\"}], \"meta\": {\"next_cursor\": \"\"}}"));
    ExecutionResult r = run("""
        { "url": "%s", "pagination": { "mode": "cursor", "cursorField": "meta.next_cursor", "cursorParameter": "cursor", "itemsField": "items" } }"""
        .formatted(url("/c")));
    assertThat(json(r.items("Node"))).isEqualTo(parse("[{\"k\": \"a\"}, {\"k\": \"b\"}, {\"k\": \"c\"}]"));
    assertThat(take().getTarget()).isEqualTo("/c");
    assertThat(take().getTarget()).isEqualTo("/c?cursor=c2");
    assertThat(take().getTarget()).isEqualTo("/c?cursor=c3");

    server.enqueue(jsonAnswer(200, "{\"items\": [{\"k\": \"a\"}], \"meta\": {\"next_cursor\": \"c2\"}}"));
    server.enqueue(jsonAnswer(200, "{\"items\": [{\"k\": \"b\"}], \"meta\": {\"next_cursor\": \"c3\"}}"));
    ExecutionResult limited = run("""
        { "url": "%s", "pagination": { "mode": "cursor", "cursorField": "meta.next_cursor", "itemsField": "items", "maxPages": 2 } }"""
        .formatted(url("/c")));
    assertThat(limited.items("Node")).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void batchesItemsWithAnInterval() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(jsonAnswer(200, "{\"i\": " + i + "}"));
    }
    long start = System.nanoTime();
    ExecutionResult r = run("""
        { "url": "%s", "queryParameters": [ { "name": "n", "value": "{{ $json.n }}" } ],
          "options": { "batchSize": 1, "batchIntervalMs": 200 } }""".formatted(url("/b")), null,
        items("[{\"n\": 1}, {\"n\": 2}, {\"n\": 3}]"));
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
    assertThat(r.items("Node")).hasSize(3);
    assertThat(r.items("Node").get(2).pairedItems().get(0).item()).isEqualTo(2);
    assertThat(take().getTarget()).isEqualTo("/b?n=1");
  }

  @Test
  void sendsABatchsRequestsTogether() throws Exception {
    java.util.concurrent.CountDownLatch bothArrived = new java.util.concurrent.CountDownLatch(2);
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        bothArrived.countDown();
        boolean together = bothArrived.await(5, TimeUnit.SECONDS);
        return jsonAnswer(200, "{\"n\": " + request.getUrl().queryParameter("n") + ", \"together\": " + together + "}");
      }
    });
    ExecutionResult r = run("""
        { "url": "%s", "queryParameters": [ { "name": "n", "value": "{{ $json.n }}" } ],
          "options": { "batchSize": 2, "batchIntervalMs": 0 } }""".formatted(url("/b")), null,
        items("[{\"n\": 1}, {\"n\": 2}]"));
    assertThat(r.error()).isNull();
    assertThat(json(r.items("Node"))).isEqualTo(parse("[{\"n\": 1, \"together\": true}, {\"n\": 2, \"together\": true}]"));
    assertThat(r.items("Node").get(1).pairedItems().get(0).item()).isEqualTo(1);
  }

  @Test
  void refusesLoopbackAddressesUnlessTheHostAllowsThem() {
    try (Weft guarded = Flows.engine(null, binaries)) {
      server.enqueue(jsonAnswer(200, "{}"));
      ExecutionResult r = guarded.run(single("weft.httpRequest", "{ \"url\": \"%s\" }".formatted(url("/admin")), null),
          List.of(Item.empty()));
      assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
      assertThat(r.error().message()).contains("blocked").contains("127.0.0.1").contains("internal address");
      assertThat(server.getRequestCount()).isZero();

      ExecutionResult byName = guarded.run(single("weft.httpRequest",
          "{ \"url\": \"http://localhost:%d/admin\" }".formatted(server.getPort()), null), List.of(Item.empty()));
      assertThat(byName.error().message()).contains("blocked").contains("localhost");
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void reportsBadParameters() {
    assertThat(run("{ \"url\": \"ftp://example.com/x\" }").error().message()).contains("is not an http:// or https:// URL");
    assertThat(run("{ \"url\": \"%s\", \"pagination\": { \"mode\": \"nextUrl\" } }".formatted(url("/x")))
        .error().message()).contains("this pagination mode needs 'pagination.nextUrlField'");
    assertThat(run("{ \"url\": \"%s\", \"method\": \"{{ 'FETCH' }}\" }".formatted(url("/x"))).error().message())
        .contains("'FETCH' is not an HTTP method");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void workflowJsonRoundTripsThroughTheValidator() {
    Workflow wf = single("weft.httpRequest", "{ \"url\": \"https://example.com\", \"method\": \"POST\" }", null);
    assertThat(weft.validate(wf)).isEmpty();
  }
}
