package dev.weft.nodes.integrations.discord;

import static dev.weft.nodes.integrations.ServiceTests.body;
import static dev.weft.nodes.integrations.ServiceTests.engine;
import static dev.weft.nodes.integrations.ServiceTests.json;
import static dev.weft.nodes.integrations.ServiceTests.parse;
import static dev.weft.nodes.integrations.ServiceTests.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.integrations.ServiceTests;
import dev.weft.spi.Credentials;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscordNodeTest {
  private static final String BOT_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.SECRETsecretSECRETsecret";
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

  private Credentials webhook() {
    return new Credentials("hook-1", DiscordNode.WEBHOOK_TYPE,
        Map.of("webhookUrl", server.url("/api/webhooks/1098765432109876543/hookTOKENsecret-abc").toString()));
  }

  private Credentials bot() {
    return new Credentials("bot-1", DiscordNode.BOT_TYPE,
        Map.of("botToken", BOT_TOKEN, "baseUrl", server.url("/api/v10").toString()));
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void sendsThroughAWebhookWithAnEmbedBuiltFromFields() throws Exception {
    server.enqueue(json(200, """
        {"id":"1250000000000000001","type":0,"content":"Deploy finished","channel_id":"1100000000000000002",
         "author":{"id":"1098765432109876543","username":"CI","bot":true},"embeds":[{"type":"rich","title":"v1.4.2"}],
         "webhook_id":"1098765432109876543","timestamp":"2024-05-28T12:00:00.000000+00:00"}"""));
    try (Weft weft = engine(webhook())) {
      ExecutionResult r = run(weft, """
          { "name": "Discord", "type": "weft.discord", "credentials": { "weft.discordWebhookApi": "hook-1" },
            "parameters": { "connection": "webhook", "content": "Deploy finished",
              "embeds": [ { "title": "Changelog", "url": "https://example.com/changes" } ],
              "embed": { "title": "{{ $json.version }}", "description": "All checks passed", "color": "#2ECC71",
                         "footer": "build 981", "fields": "[{\\"name\\":\\"Duration\\",\\"value\\":\\"4m 12s\\",\\"inline\\":true}]" },
              "options": { "username": "CI", "threadId": "1200000000000000003" } } }""",
          ServiceTests.items("[{\"version\": \"v1.4.2\"}]"));
      assertThat(r.error()).isNull();
      assertThat(r.items("Discord").get(0).json()).containsEntry("id", "1250000000000000001");
    }
    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/api/webhooks/1098765432109876543/hookTOKENsecret-abc");
    assertThat(req.getUrl().queryParameter("wait")).isEqualTo("true");
    assertThat(req.getUrl().queryParameter("thread_id")).isEqualTo("1200000000000000003");
    assertThat(req.getHeaders().get("Authorization")).isNull();
    assertThat(body(req)).isEqualTo(parse("""
        {"content":"Deploy finished",
         "embeds":[{"title":"Changelog","url":"https://example.com/changes"},
                   {"title":"v1.4.2","description":"All checks passed","color":3066993,"footer":{"text":"build 981"},
                    "fields":[{"name":"Duration","value":"4m 12s","inline":true}]}],
         "username":"CI"}"""));
  }

  @Test
  void sendsAsABotIntoAChannel() throws Exception {
    server.enqueue(json(200, "{\"id\":\"1250000000000000009\",\"channel_id\":\"1100000000000000002\","
        + "\"content\":\"hello\",\"tts\":true}"));
    try (Weft weft = engine(bot())) {
      ExecutionResult r = run(weft, """
          { "name": "Discord", "type": "weft.discord", "credentials": { "weft.discordBotApi": "bot-1" },
            "parameters": { "connection": "bot", "channelId": "1100000000000000002", "content": "hello",
                            "options": { "tts": true, "replyTo": "1250000000000000001" } } }""");
      assertThat(r.error()).isNull();
    }
    RecordedRequest req = take();
    assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v10/channels/1100000000000000002/messages");
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bot " + BOT_TOKEN);
    assertThat(body(req)).isEqualTo(parse("""
        {"content":"hello","tts":true,"message_reference":{"message_id":"1250000000000000001"}}"""));
  }

  @Test
  void reportsTheFieldsDiscordRejectsWithoutTheToken() throws Exception {
    server.enqueue(json(400, """
        {"code":50035,"errors":{"embeds":{"0":{"url":{"_errors":[{"code":"URL_TYPE_INVALID_URL",
         "message":"Not a well formed URL."}]}}}},"message":"Invalid Form Body"}"""));
    try (Weft weft = engine(bot())) {
      ExecutionResult r = run(weft, """
          { "name": "Discord", "type": "weft.discord", "credentials": { "weft.discordBotApi": "bot-1" },
            "parameters": { "connection": "bot", "channelId": "11", "embed": { "title": "x", "url": "nope" } } }""");
      assertThat(r.error().message())
          .contains("Discord answered 400 Bad Request: Invalid Form Body (code 50035): embeds.0.url: Not a well formed URL.")
          .doesNotContain(BOT_TOKEN);
    }
  }

  @Test
  void checksDiscordsLimitsBeforeCalling() throws Exception {
    try (Weft weft = engine(bot())) {
      ExecutionResult tooLong = run(weft, """
          { "name": "Discord", "type": "weft.discord", "credentials": { "weft.discordBotApi": "bot-1" },
            "parameters": { "connection": "bot", "channelId": "11", "content": "{{ $pad('', 2001, 'x') }}" } }""");
      assertThat(tooLong.error().message()).contains("at most 2000 characters; item 0 has 2001");
      ExecutionResult empty = run(weft, """
          { "name": "Discord", "type": "weft.discord", "credentials": { "weft.discordBotApi": "bot-1" },
            "parameters": { "connection": "bot", "channelId": "11" } }""");
      assertThat(empty.error().message()).contains("needs content, an embed or a file");
      ExecutionResult color = run(weft, """
          { "name": "Discord", "type": "weft.discord", "credentials": { "weft.discordBotApi": "bot-1" },
            "parameters": { "connection": "bot", "channelId": "11", "embed": { "title": "t", "color": "green" } } }""");
      assertThat(color.error().message()).contains("embed color 'green' is neither #RRGGBB nor a number");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void attachesFilesAsMultipartWithPayloadJson() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    dev.weft.spi.BinaryData chart = ServiceTests.BINARIES.store(png, "image/png", "chart.png");
    server.enqueue(json(200, "{\"id\":\"1250000000000000010\",\"attachments\":[{\"id\":\"1250000000000000011\","
        + "\"filename\":\"chart.png\",\"size\":7}]}"));
    try (Weft weft = engine(webhook())) {
      ExecutionResult r = run(weft, """
          { "name": "Discord", "type": "weft.discord", "credentials": { "weft.discordWebhookApi": "hook-1" },
            "parameters": { "content": "Weekly chart", "attachments": "chart",
                            "embed": { "title": "Sales", "imageUrl": "attachment://chart.png" } } }""",
          java.util.List.of(dev.weft.spi.Item.empty().withBinary("chart", chart)));
      assertThat(r.error()).isNull();
    }
    RecordedRequest req = take();
    String type = req.getHeaders().get("Content-Type");
    assertThat(type).startsWith("multipart/form-data; boundary=");
    jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart(
        new jakarta.mail.util.ByteArrayDataSource(req.getBody().toByteArray(), type));
    assertThat(parts.getBodyPart(0).getHeader("Content-Disposition")[0]).isEqualTo("form-data; name=\"payload_json\"");
    assertThat(parse(new String(parts.getBodyPart(0).getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(parse("""
            {"content":"Weekly chart","embeds":[{"title":"Sales","image":{"url":"attachment://chart.png"}}],
             "attachments":[{"id":0,"filename":"chart.png"}]}"""));
    assertThat(parts.getBodyPart(1).getHeader("Content-Disposition")[0])
        .isEqualTo("form-data; name=\"files[0]\"; filename=\"chart.png\"");
    assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(png);
  }
}
