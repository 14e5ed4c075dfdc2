package dev.weft.nodes.integrations.slack;

import static dev.weft.nodes.integrations.ServiceTests.body;
import static dev.weft.nodes.integrations.ServiceTests.engine;
import static dev.weft.nodes.integrations.ServiceTests.form;
import static dev.weft.nodes.integrations.ServiceTests.json;
import static dev.weft.nodes.integrations.ServiceTests.parse;
import static dev.weft.nodes.integrations.ServiceTests.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.nodes.integrations.ServiceTests;
import dev.weft.nodes.integrations.oauth.OAuth2;
import dev.weft.spi.BinaryData;
import dev.weft.spi.CredentialUpdates;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackNodeTest {
  private static final String TOKEN = "xoxb-1234-5678-abcdefSECRET";
  private MockWebServer server;
  private Credentials credentials;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    credentials = new Credentials("slack-1", SlackCredentials.TOKEN_TYPE,
        Map.of("accessToken", TOKEN, "baseUrl", server.url("/api").toString()));
  }

  @AfterEach
  void stop() {
    server.close();
    OAuth2.clearCache();
  }

  private String node(String parameters) {
    return "{ \"name\": \"Slack\", \"type\": \"weft.slack\", \"credentials\": { \"weft.slackApi\": \"slack-1\" },"
        + " \"parameters\": " + parameters + " }";
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void postsAMessageWithBlocksIntoAThread() throws Exception {
    server.enqueue(json(200, """
        {"ok":true,"channel":"C0123ABCD","ts":"1716900000.000200",
         "message":{"type":"message","subtype":"bot_message","text":"Order 42 shipped","ts":"1716900000.000200",
                    "bot_id":"B0456","thread_ts":"1716800000.000100"}}"""));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("""
          { "resource": "message", "operation": "post", "channel": "C0123ABCD",
            "text": "Order {{ $json.order }} shipped", "threadTs": "1716800000.000100",
            "blocks": "[{\\"type\\":\\"section\\",\\"text\\":{\\"type\\":\\"mrkdwn\\",\\"text\\":\\"*Order {{ $json.order }}*\\"}}]",
            "options": { "unfurlLinks": false, "username": "shipping-bot" } }"""),
          ServiceTests.items("[{\"order\": 42}]"));

      assertThat(r.error()).isNull();
      assertThat(r.items("Slack").get(0).json()).containsEntry("ts", "1716900000.000200")
          .containsEntry("channel", "C0123ABCD");
    }
    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/api/chat.postMessage");
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(req.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(body(req)).isEqualTo(parse("""
        {"channel":"C0123ABCD","text":"Order 42 shipped",
         "blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*Order 42*"}}],
         "thread_ts":"1716800000.000100","unfurl_links":false,"username":"shipping-bot"}"""));
  }

  @Test
  void updatesAndDeletesAMessage() throws Exception {
    server.enqueue(json(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\",\"text\":\"edited\"}"));
    server.enqueue(json(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}"));
    try (Weft weft = engine(credentials)) {
      assertThat(run(weft, node("{ \"resource\": \"message\", \"operation\": \"update\", \"channel\": \"C1\","
          + " \"ts\": \"1.2\", \"text\": \"edited\" }")).error()).isNull();
      assertThat(run(weft, node("{ \"resource\": \"message\", \"operation\": \"delete\", \"channel\": \"C1\","
          + " \"ts\": \"1.2\" }")).error()).isNull();
    }
    RecordedRequest update = take();
    assertThat(update.getUrl().encodedPath()).isEqualTo("/api/chat.update");
    assertThat(body(update)).isEqualTo(parse("{\"channel\":\"C1\",\"ts\":\"1.2\",\"text\":\"edited\"}"));
    RecordedRequest delete = take();
    assertThat(delete.getUrl().encodedPath()).isEqualTo("/api/chat.delete");
    assertThat(body(delete)).isEqualTo(parse("{\"channel\":\"C1\",\"ts\":\"1.2\"}"));
  }

  @Test
  void reportsSlacksOwnErrorWithoutTheToken() throws Exception {
    server.enqueue(json(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"message\", \"operation\": \"post\","
          + " \"channel\": \"#nope\", \"text\": \"hi\" }"));

      assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
      assertThat(r.error().message()).contains("Slack answered 200: channel_not_found").doesNotContain(TOKEN);
      assertThat(r.error().nodeName()).isEqualTo("Slack");
    }
  }

  @Test
  void namesTheMissingScope() throws Exception {
    server.enqueue(json(200, "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"chat:write\","
        + "\"provided\":\"channels:read\"}"));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"message\", \"operation\": \"post\","
          + " \"channel\": \"C1\", \"text\": \"hi\" }"));
      assertThat(r.error().message()).contains("missing_scope (needed scope: chat:write, token has: channels:read)");
    }
  }

  @Test
  void waitsAsSlackAsksWhenRateLimited() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").body("").build());
    server.enqueue(json(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"9.9\"}"));
    long started = System.nanoTime();
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"message\", \"operation\": \"post\","
          + " \"channel\": \"C1\", \"text\": \"hi\" }"));
      assertThat(r.error()).isNull();
    }
    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1000));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void listsAllChannelsFollowingTheCursor() throws Exception {
    server.enqueue(json(200, """
        {"ok":true,"channels":[{"id":"C1","name":"general","is_channel":true,"is_archived":false},
                               {"id":"C2","name":"random","is_channel":true,"is_archived":false}],
         "response_metadata":{"next_cursor":"dGVhbTpDMDYxRkE1UEI="}}"""));
    server.enqueue(json(200, """
        {"ok":true,"channels":[{"id":"C3","name":"ops","is_channel":true,"is_archived":false}],
         "response_metadata":{"next_cursor":""}}"""));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"channel\", \"operation\": \"list\","
          + " \"returnAll\": true, \"types\": \"public_channel, private_channel\" }"));

      assertThat(r.items("Slack")).extracting(i -> i.json().get("id")).containsExactly("C1", "C2", "C3");
    }
    RecordedRequest first = take();
    assertThat(first.getMethod()).isEqualTo("GET");
    assertThat(first.getUrl().encodedPath()).isEqualTo("/api/conversations.list");
    assertThat(first.getUrl().queryParameter("types")).isEqualTo("public_channel,private_channel");
    assertThat(first.getUrl().queryParameter("limit")).isEqualTo("200");
    assertThat(first.getUrl().queryParameter("exclude_archived")).isEqualTo("true");
    assertThat(first.getUrl().queryParameter("cursor")).isNull();
    RecordedRequest second = take();
    assertThat(second.getUrl().queryParameter("cursor")).isEqualTo("dGVhbTpDMDYxRkE1UEI=");
  }

  @Test
  void stopsListingAtTheLimit() throws Exception {
    server.enqueue(json(200, """
        {"ok":true,"channels":[{"id":"C1"},{"id":"C2"},{"id":"C3"}],
         "response_metadata":{"next_cursor":"bmV4dA=="}}"""));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"channel\", \"operation\": \"list\", \"limit\": 2 }"));
      assertThat(r.items("Slack")).hasSize(2);
    }
    assertThat(take().getUrl().queryParameter("limit")).isEqualTo("2");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void uploadsAFileWithTheExternalUploadFlow() throws Exception {
    byte[] content = "id,total\n42,19.99\n".getBytes(StandardCharsets.UTF_8);
    BinaryData data = ServiceTests.BINARIES.store(content, "text/csv", "orders.csv");
    server.enqueue(json(200, "{\"ok\":true,\"upload_url\":\"" + server.url("/upload/v1/ABC123")
        + "\",\"file_id\":\"F07ABCDEF\"}"));
    server.enqueue(new MockResponse.Builder().code(200).body("OK - 18").build());
    server.enqueue(json(200, """
        {"ok":true,"files":[{"id":"F07ABCDEF","title":"Orders"}]}"""));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"file\", \"operation\": \"upload\", \"channel\": \"C1\","
          + " \"title\": \"Orders\", \"initialComment\": \"Today's orders\" }"),
          List.of(Item.of("x", 1).withBinary("data", data)));
      assertThat(r.error()).isNull();
      assertThat(r.items("Slack").get(0).json().get("files")).isEqualTo(parse("[{\"id\":\"F07ABCDEF\",\"title\":\"Orders\"}]"));
    }
    RecordedRequest getUrl = take();
    assertThat(getUrl.getUrl().encodedPath()).isEqualTo("/api/files.getUploadURLExternal");
    assertThat(getUrl.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(form(getUrl)).isEqualTo(Map.of("filename", "orders.csv", "length", "18"));
    RecordedRequest upload = take();
    assertThat(upload.getMethod()).isEqualTo("POST");
    assertThat(upload.getUrl().encodedPath()).isEqualTo("/upload/v1/ABC123");
    assertThat(upload.getHeaders().get("Authorization")).isNull();
    assertThat(upload.getBody().toByteArray()).isEqualTo(content);
    RecordedRequest complete = take();
    assertThat(complete.getUrl().encodedPath()).isEqualTo("/api/files.completeUploadExternal");
    Map<String, String> fields = form(complete);
    assertThat(parse(fields.get("files"))).isEqualTo(parse("[{\"id\":\"F07ABCDEF\",\"title\":\"Orders\"}]"));
    assertThat(fields).containsEntry("channel_id", "C1").containsEntry("initial_comment", "Today's orders");
  }

  @Test
  void refreshesAnExpiredOAuth2TokenAndWritesItBack() throws Exception {
    server.enqueue(json(200, """
        {"ok":true,"access_token":"xoxe.xoxb-NEW-TOKEN","token_type":"bot","expires_in":43200,
         "refresh_token":"xoxe-1-NEW-REFRESH","scope":"chat:write"}"""));
    server.enqueue(json(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.1\"}"));
    server.enqueue(json(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}"));
    Credentials oauth = new Credentials("slack-oauth", SlackCredentials.OAUTH2_TYPE, Map.of(
        "clientId", "111.222", "clientSecret", "client-secret-value", "authentication", "body",
        "accessTokenUrl", server.url("/api/oauth.v2.access").toString(),
        "accessToken", "xoxe.xoxb-OLD-TOKEN", "refreshToken", "xoxe-1-OLD-REFRESH",
        "expiresAt", Instant.now().minusSeconds(5).toString(),
        "baseUrl", server.url("/api").toString()));
    List<Map<String, Object>> written = new ArrayList<>();
    CredentialUpdates updates = (stored, expected, changes) -> {
      if (!changes.isEmpty()) {
        written.add(Map.of("id", stored.id(), "type", stored.type(), "values", changes));
      }
      Map<String, Object> values = new java.util.LinkedHashMap<>(stored.values());
      values.putAll(changes);
      return new Credentials(stored.id(), stored.type(), values);
    };
    try (Weft weft = engine(b -> b.service(CredentialUpdates.class, updates), oauth)) {
      String node = "{ \"name\": \"Slack\", \"type\": \"weft.slack\", \"credentials\": { \"weft.slackOAuth2Api\": "
          + "\"slack-oauth\" }, \"parameters\": { \"authentication\": \"oAuth2\", \"resource\": \"message\","
          + " \"operation\": \"post\", \"channel\": \"C1\", \"text\": \"hi\" } }";
      assertThat(run(weft, node).error()).isNull();
      assertThat(run(weft, node).error()).isNull(); // the refreshed token is reused, not refreshed again
    }
    RecordedRequest refresh = take();
    assertThat(refresh.getUrl().encodedPath()).isEqualTo("/api/oauth.v2.access");
    assertThat(form(refresh)).isEqualTo(Map.of("grant_type", "refresh_token", "refresh_token", "xoxe-1-OLD-REFRESH",
        "client_id", "111.222", "client_secret", "client-secret-value"));
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer xoxe.xoxb-NEW-TOKEN");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer xoxe.xoxb-NEW-TOKEN");
    assertThat(written).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> values = (Map<String, Object>) written.get(0).get("values");
    assertThat(written.get(0)).containsEntry("id", "slack-oauth").containsEntry("type", "weft.slackOAuth2Api");
    assertThat(values).containsEntry("accessToken", "xoxe.xoxb-NEW-TOKEN")
        .containsEntry("refreshToken", "xoxe-1-NEW-REFRESH");
    assertThat(Instant.parse((String) values.get("expiresAt"))).isAfter(Instant.now().plusSeconds(43000));
  }

  @Test
  void testsTheTokenWithAuthTest() throws Exception {
    server.enqueue(json(200, "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":\"shipbot\","
        + "\"team_id\":\"T1\",\"user_id\":\"U1\",\"bot_id\":\"B1\"}"));
    server.enqueue(json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}"));
    try (Weft weft = engine(credentials)) {
      var type = weft.credentialTypes().stream().filter(t -> t.id().equals(SlackCredentials.TOKEN_TYPE)).findFirst()
          .orElseThrow();
      var services = new dev.weft.spi.Services() {
        @Override
        public <T> T service(Class<T> t) {
          return t.cast(new okhttp3.OkHttpClient());
        }
      };
      assertThat(type.tester().test(credentials, services))
          .isEqualTo(dev.weft.spi.CredentialTester.Result.ok("connected to workspace Acme as shipbot"));
      var failed = type.tester().test(credentials, services);
      assertThat(failed.ok()).isFalse();
      assertThat(failed.message()).isEqualTo("Slack answered 200: invalid_auth");
    }
    RecordedRequest req = take();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/api/auth.test");
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void uploadsNeedAChannelId() throws Exception {
    BinaryData data = ServiceTests.BINARIES.store("x".getBytes(StandardCharsets.UTF_8), "text/plain", "x.txt");
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"file\", \"operation\": \"upload\", \"channel\": \"#general\" }"),
          List.of(Item.empty().withBinary("data", data)));
      assertThat(r.error().message()).contains("'#general' is not an ID");
      assertThat(r.error().parameter()).isEqualTo("channel");
      ExecutionResult noFile = run(weft, node("{ \"resource\": \"file\", \"operation\": \"upload\", \"channel\": \"C1\" }"));
      assertThat(noFile.error().message()).contains("item 0 has no binary property 'data' (it has no binary data)");
    }
    assertThat(server.getRequestCount()).isZero();
  }
}
