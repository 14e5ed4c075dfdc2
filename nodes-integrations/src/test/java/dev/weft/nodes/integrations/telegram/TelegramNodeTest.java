package dev.weft.nodes.integrations.telegram;

import static dev.weft.nodes.integrations.ServiceTests.body;
import static dev.weft.nodes.integrations.ServiceTests.engine;
import static dev.weft.nodes.integrations.ServiceTests.json;
import static dev.weft.nodes.integrations.ServiceTests.parse;
import static dev.weft.nodes.integrations.ServiceTests.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.integrations.Capture;
import dev.weft.nodes.integrations.ServiceTests;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelegramNodeTest {
  private static final String TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  private MockWebServer server;
  private Credentials credentials;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    credentials = new Credentials("tg-1", TelegramApi.TYPE,
        Map.of("accessToken", TOKEN, "baseUrl", server.url("/").toString()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String node(String parameters) {
    return "{ \"name\": \"Telegram\", \"type\": \"weft.telegram\", \"credentials\": { \"weft.telegramApi\": \"tg-1\" },"
        + " \"parameters\": " + parameters + " }";
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void sendsAMessage() throws Exception {
    server.enqueue(json(200, """
        {"ok":true,"result":{"message_id":381,"from":{"id":7012345678,"is_bot":true,"first_name":"Orders","username":"orders_bot"},
         "chat":{"id":-1001234567890,"title":"Ops","type":"supergroup"},"date":1716900000,"text":"Order 42 shipped",
         "entities":[{"offset":6,"length":2,"type":"bold"}]}}"""));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("""
          { "operation": "sendMessage", "chatId": "-1001234567890", "text": "Order <b>{{ $json.order }}</b> shipped",
            "parseMode": "HTML", "disableNotification": true, "disableWebPagePreview": true, "replyToMessageId": "380" }"""),
          ServiceTests.items("[{\"order\": 42}]"));
      assertThat(r.error()).isNull();
      assertThat(r.items("Telegram").get(0).json()).containsEntry("message_id", 381);
    }
    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/bot" + TOKEN + "/sendMessage");
    assertThat(body(req)).isEqualTo(parse("""
        {"chat_id":"-1001234567890","disable_notification":true,"reply_parameters":{"message_id":380},
         "text":"Order <b>42</b> shipped","parse_mode":"HTML","link_preview_options":{"is_disabled":true}}"""));
  }

  @Test
  void uploadsAPhotoFromBinaryDataAsMultipart() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
    BinaryData data = ServiceTests.BINARIES.store(png, "image/png", "chart.png");
    server.enqueue(json(200, """
        {"ok":true,"result":{"message_id":382,"chat":{"id":42,"type":"private"},"date":1716900001,
         "photo":[{"file_id":"AgACAgIAAxkBAAIBZ","file_unique_id":"AQADx","file_size":1093,"width":90,"height":51}],
         "caption":"Weekly chart"}}"""));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("""
          { "operation": "sendPhoto", "chatId": "42", "source": "binary", "caption": "Weekly chart" }"""),
          List.of(Item.empty().withBinary("data", data)));
      assertThat(r.error()).isNull();
    }
    RecordedRequest req = take();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/bot" + TOKEN + "/sendPhoto");
    assertThat(req.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
    String multipart = req.getBody().string(StandardCharsets.ISO_8859_1);
    assertThat(multipart).contains("Content-Disposition: form-data; name=\"chat_id\"\r\n\r\n42\r\n");
    assertThat(multipart).contains("Content-Disposition: form-data; name=\"caption\"");
    assertThat(multipart).contains("Content-Disposition: form-data; name=\"photo\"; filename=\"chart.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n" + new String(png, StandardCharsets.ISO_8859_1));
  }

  @Test
  void sendsADocumentByUrl() throws Exception {
    server.enqueue(json(200, "{\"ok\":true,\"result\":{\"message_id\":383,\"document\":{\"file_id\":\"BQACAgI\"}}}"));
    try (Weft weft = engine(credentials)) {
      assertThat(run(weft, node("""
          { "operation": "sendDocument", "chatId": "@ops_channel", "source": "url",
            "file": "https://example.com/report.pdf" }""")).error()).isNull();
    }
    RecordedRequest req = take();
    assertThat(req.getUrl().encodedPath()).endsWith("/sendDocument");
    assertThat(body(req)).isEqualTo(parse("{\"chat_id\":\"@ops_channel\",\"document\":\"https://example.com/report.pdf\"}"));
  }

  @Test
  void reportsTelegramsDescriptionAndMasksTheTokenInTheUrl() throws Exception {
    server.enqueue(json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("{ \"operation\": \"sendMessage\", \"chatId\": \"1\", \"text\": \"x\" }"));
      assertThat(r.error().message()).contains("Telegram answered 400 Bad Request: Bad Request: chat not found")
          .doesNotContain(TOKEN);
    }
    server.close();
    try (Weft weft = engine(credentials)) {
      ExecutionResult down = run(weft, node("{ \"operation\": \"sendMessage\", \"chatId\": \"1\", \"text\": \"x\" }"));
      assertThat(down.error().message()).contains("calling Telegram").doesNotContain(TOKEN);
    }
  }

  @Test
  void theTriggerPollsGetUpdatesAndKeepsTheOffset() throws Exception {
    server.enqueue(json(200, """
        {"ok":true,"result":[
          {"update_id":850000101,"message":{"message_id":5,"from":{"id":42,"is_bot":false,"first_name":"Ada"},
           "chat":{"id":42,"type":"private"},"date":1716900100,"text":"/status"}},
          {"update_id":850000102,"callback_query":{"id":"4382","from":{"id":42,"is_bot":false,"first_name":"Ada"},
           "data":"refresh"}}]}"""));
    server.enqueue(json(200, "{\"ok\":true,\"result\":[]}"));
    for (int i = 0; i < 50; i++) {
      server.enqueue(json(200, "{\"ok\":true,\"result\":[]}"));
    }
    Capture capture = new Capture();
    try (Weft weft = engine(b -> b.node(capture), credentials)) {
      weft.activate(Workflow.fromJson("""
          { "id": "tg-updates", "name": "Telegram updates",
            "nodes": [
              { "name": "Telegram Trigger", "type": "weft.telegramTrigger", "credentials": { "weft.telegramApi": "tg-1" },
                "parameters": { "updates": "message, callback_query", "pollIntervalSeconds": 0.1 } },
              { "name": "Capture", "type": "test.capture" } ],
            "connections": [ { "from": "Telegram Trigger", "to": "Capture" } ] }"""));
      Item first = capture.received.poll(5, TimeUnit.SECONDS);
      Item second = capture.received.poll(5, TimeUnit.SECONDS);
      assertThat(first.json()).containsEntry("update_id", 850000101);
      assertThat(second.json()).containsKey("callback_query");
      RecordedRequest poll1 = take();
      RecordedRequest poll2 = take();
      weft.deactivate("tg-updates");
      assertThat(poll1.getUrl().encodedPath()).isEqualTo("/bot" + TOKEN + "/getUpdates");
      assertThat(body(poll1)).isEqualTo(parse(
          "{\"limit\":100,\"timeout\":0,\"allowed_updates\":[\"message\",\"callback_query\"]}"));
      assertThat(body(poll2)).isEqualTo(parse(
          "{\"offset\":850000103,\"limit\":100,\"timeout\":0,\"allowed_updates\":[\"message\",\"callback_query\"]}"));
    }
  }

  @Test
  void theTriggerServesAWebhookItRegistersAndChecksTelegramsSecret() throws Exception {
    server.enqueue(json(200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}"));
    server.enqueue(json(200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was deleted\"}"));
    Capture capture = new Capture();
    String update = "{\"update_id\":850000200,\"message\":{\"message_id\":9,\"chat\":{\"id\":42,\"type\":\"private\"},"
        + "\"date\":1716900200,\"text\":\"hello\"}}";
    try (Weft weft = engine(b -> b.node(capture), credentials)) {
      weft.activate(Workflow.fromJson("""
          { "id": "tg-hook", "name": "Telegram webhook",
            "nodes": [
              { "name": "Telegram Trigger", "type": "weft.telegramTrigger", "credentials": { "weft.telegramApi": "tg-1" },
                "parameters": { "mode": "webhook", "path": "tg/orders", "secretToken": "s3cret_Token-1",
                                "updates": "message", "publicUrl": "https://weft.example.com/webhook/tg/orders" } },
              { "name": "Capture", "type": "test.capture" } ],
            "connections": [ { "from": "Telegram Trigger", "to": "Capture" } ] }"""));
      RecordedRequest set = take();
      assertThat(set.getUrl().encodedPath()).isEqualTo("/bot" + TOKEN + "/setWebhook");
      assertThat(body(set)).isEqualTo(parse("""
          {"url":"https://weft.example.com/webhook/tg/orders","secret_token":"s3cret_Token-1","allowed_updates":["message"]}"""));

      var wrong = weft.webhooks().handle(new dev.weft.spi.WebhookRequest("POST", "tg/orders", Map.of(),
          Map.of("x-telegram-bot-api-secret-token", List.of("guess")), Map.of(), "application/json",
          update.getBytes(StandardCharsets.UTF_8)));
      assertThat(wrong.status()).isEqualTo(401);
      var right = weft.webhooks().handle(new dev.weft.spi.WebhookRequest("POST", "tg/orders", Map.of(),
          Map.of("x-telegram-bot-api-secret-token", List.of("s3cret_Token-1")), Map.of(), "application/json",
          update.getBytes(StandardCharsets.UTF_8)));
      assertThat(right.status()).isEqualTo(200);
      assertThat(capture.received.poll(5, TimeUnit.SECONDS).json()).containsEntry("update_id", 850000200);
      assertThat(capture.received.poll(200, TimeUnit.MILLISECONDS)).isNull();

      weft.deactivate("tg-hook");
      assertThat(take().getUrl().encodedPath()).isEqualTo("/bot" + TOKEN + "/deleteWebhook");
      assertThat(weft.webhooks().handle(new dev.weft.spi.WebhookRequest("POST", "tg/orders", Map.of(),
          Map.of("x-telegram-bot-api-secret-token", List.of("s3cret_Token-1")), Map.of(), "application/json",
          update.getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(404);
    }
  }

  @Test
  void waitsAsLongAsTelegramsTooManyRequestsSays() throws Exception {
    String limited = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
        + "\"parameters\":{\"retry_after\":1}}";
    server.enqueue(json(429, limited));
    server.enqueue(json(429, limited));
    server.enqueue(json(200, "{\"ok\":true,\"result\":{\"message_id\":390}}"));
    long started = System.nanoTime();
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("{ \"operation\": \"sendMessage\", \"chatId\": \"42\", \"text\": \"x\" }"));
      assertThat(r.error()).isNull();
    }
    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1500));
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(TelegramApi.retryAfter("Too Many Requests: retry after 35")).isEqualTo(35L);
    assertThat(TelegramApi.retryAfter("Bad Request: chat not found")).isNull();
  }
}
