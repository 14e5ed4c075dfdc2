package dev.weft.nodes.integrations;

import static dev.weft.nodes.integrations.ServiceTests.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.Node;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Services;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service nodes of part B as the pack ships them, and each credential type's test call. */
class PartBPackTest {
  private static final Set<String> NODES = Set.of("weft.slack", "weft.discord", "weft.telegram",
      "weft.telegramTrigger", "weft.whatsApp", "weft.gmail", "weft.googleDrive", "weft.awsS3", "weft.stripe",
      "weft.stripeTrigger");
  private static final Set<String> CREDENTIALS = Set.of("weft.oAuth2Api", "weft.googleOAuth2Api", "weft.slackApi",
      "weft.slackOAuth2Api", "weft.discordWebhookApi", "weft.discordBotApi", "weft.telegramApi", "weft.whatsAppApi",
      "weft.awsS3Api", "weft.stripeApi", "weft.stripeWebhookSecret");

  private final OkHttpClient http = new OkHttpClient();
  private final Services services = new Services() {
    @Override
    public <T> T service(Class<T> type) {
      if (type == OkHttpClient.class) {
        return type.cast(http);
      }
      throw new IllegalStateException("no " + type.getName());
    }
  };
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static CredentialType type(String id) {
    return new IntegrationNodes().credentialTypes().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  private CredentialTester.Result test(String type, Map<String, Object> values) throws Exception {
    return type(type).tester().test(new Credentials("c", type, values), services);
  }

  @Test
  void thePackShipsEveryNodeAndCredentialTypeOnce() {
    IntegrationNodes pack = new IntegrationNodes();
    Set<String> nodes = pack.nodes().stream().map(n -> n.descriptor().type()).collect(Collectors.toSet());
    assertThat(nodes).containsAll(NODES);
    List<String> credentialIds = pack.credentialTypes().stream().map(CredentialType::id).toList();
    assertThat(credentialIds).containsAll(CREDENTIALS).doesNotHaveDuplicates();
    for (Node node : pack.nodes()) {
      NodeDescriptor d = node.descriptor();
      if (!NODES.contains(d.type())) {
        continue;
      }
      assertThat(d.description()).as(d.type()).isNotBlank();
      assertThat(d.credentials()).as(d.type()).isNotEmpty();
      for (var c : d.credentials()) {
        assertThat(credentialIds).as(d.type() + " uses " + c.type()).contains(c.type());
      }
    }
    for (CredentialType t : pack.credentialTypes()) {
      if (!CREDENTIALS.contains(t.id())) {
        continue;
      }
      assertThat(t.fields().stream().anyMatch(ParameterSpec::secret)).as(t.id() + " has a secret field").isTrue();
      if (!t.id().equals("weft.stripeWebhookSecret")) {
        assertThat(t.tester()).as(t.id() + " can be tested").isNotNull();
      }
    }
  }

  @Test
  void stripeTestsByReadingTheBalance() throws Exception {
    server.enqueue(json(200, "{\"object\":\"balance\",\"available\":[{\"amount\":0,\"currency\":\"usd\"}],\"livemode\":false}"));
    server.enqueue(json(401, "{\"error\":{\"message\":\"Invalid API Key provided: sk_test_****wxyz\","
        + "\"type\":\"invalid_request_error\"}}"));
    Map<String, Object> v = Map.of("secretKey", "sk_test_abcdwxyz", "baseUrl", server.url("/").toString());
    assertThat(test("weft.stripeApi", v)).isEqualTo(CredentialTester.Result.ok("Stripe accepts the key (test mode)"));
    CredentialTester.Result bad = test("weft.stripeApi", v);
    assertThat(bad.ok()).isFalse();
    assertThat(bad.message()).isEqualTo("Stripe answered 401 Unauthorized: Invalid API Key provided: sk_test_****wxyz "
        + "(type=invalid_request_error)");
    RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/balance");
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer sk_test_abcdwxyz");
  }

  @Test
  void discordTestsTheWebhookAndTheBot() throws Exception {
    server.enqueue(json(200, "{\"type\":1,\"id\":\"1098\",\"name\":\"Deploys\",\"channel_id\":\"1100\",\"token\":\"tok\"}"));
    server.enqueue(json(200, "{\"id\":\"1099\",\"username\":\"weft-bot\",\"bot\":true}"));
    assertThat(test("weft.discordWebhookApi", Map.of("webhookUrl", server.url("/api/webhooks/1098/tok").toString())))
        .isEqualTo(CredentialTester.Result.ok("Discord knows this webhook: Deploys"));
    assertThat(test("weft.discordBotApi", Map.of("botToken", "bot-token-1", "baseUrl", server.url("/api/v10").toString())))
        .isEqualTo(CredentialTester.Result.ok("Discord knows this bot: weft-bot"));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/webhooks/1098/tok");
    RecordedRequest bot = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(bot.getUrl().encodedPath()).isEqualTo("/api/v10/users/@me");
    assertThat(bot.getHeaders().get("Authorization")).isEqualTo("Bot bot-token-1");
  }

  @Test
  void telegramWhatsAppAndS3TestWithOneCheapCall() throws Exception {
    server.enqueue(json(200, "{\"ok\":true,\"result\":{\"id\":7012345678,\"is_bot\":true,\"username\":\"orders_bot\"}}"));
    assertThat(test("weft.telegramApi", Map.of("accessToken", "7012:AAH", "baseUrl", server.url("/").toString())))
        .isEqualTo(CredentialTester.Result.ok("Telegram knows this bot: @orders_bot"));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/bot7012:AAH/getMe");

    server.enqueue(json(200, "{\"name\":\"Weft System User\",\"id\":\"122100\"}"));
    assertThat(test("weft.whatsAppApi", Map.of("accessToken", "EAAG", "baseUrl", server.url("/").toString())))
        .isEqualTo(CredentialTester.Result.ok("the Graph API accepts the token of Weft System User"));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/v22.0/me");

    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/xml").body("""
        <?xml version="1.0" encoding="UTF-8"?>
        <ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>abc</ID></Owner>
        <Buckets><Bucket><Name>reports</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate></Bucket>
        <Bucket><Name>media</Name><CreationDate>2024-01-02T00:00:00.000Z</CreationDate></Bucket></Buckets>
        </ListAllMyBucketsResult>""").build());
    server.enqueue(new MockResponse.Builder().status("HTTP/1.1 403 Forbidden").body("""
        <?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature
        we calculated does not match the signature you provided.</Message></Error>""").build());
    Map<String, Object> s3 = Map.of("accessKeyId", "AKIA1", "secretAccessKey", "very-secret-key",
        "endpoint", server.url("/").toString(), "forcePathStyle", true);
    assertThat(test("weft.awsS3Api", s3)).isEqualTo(CredentialTester.Result.ok("S3 accepts the keys; they see 2 bucket(s)"));
    RecordedRequest list = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(list.getUrl().encodedPath()).isEqualTo("/");
    assertThat(list.getHeaders().get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIA1/");
    CredentialTester.Result denied = test("weft.awsS3Api", s3);
    assertThat(denied.ok()).isFalse();
    assertThat(denied.message()).startsWith("S3 answered 403 Forbidden: SignatureDoesNotMatch: The request signature")
        .doesNotContain("very-secret-key");
  }

  @Test
  void googleTestsTheTokenWithTokenInfo() throws Exception {
    server.enqueue(json(200, "{\"azp\":\"1234.apps.googleusercontent.com\",\"scope\":\"https://www.googleapis.com/auth/drive\","
        + "\"expires_in\":3000}"));
    CredentialTester.Result r = test("weft.googleOAuth2Api", Map.of("clientId", "1234", "clientSecret", "x",
        "accessToken", "ya29.tok", "expiresAt", Instant.now().plusSeconds(3000).toString(),
        "apiBaseUrl", server.url("/").toString()));
    assertThat(r).isEqualTo(CredentialTester.Result.ok("Google accepts the token; scopes: https://www.googleapis.com/auth/drive"));
    RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(req.getUrl().encodedPath()).isEqualTo("/tokeninfo");
    assertThat(req.getUrl().queryParameter("access_token")).isEqualTo("ya29.tok");
  }
}
