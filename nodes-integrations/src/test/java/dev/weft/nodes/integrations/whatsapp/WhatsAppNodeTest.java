package dev.weft.nodes.integrations.whatsapp;

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

class WhatsAppNodeTest {
  private static final String TOKEN = "EAAGm0PX4ZCpsBAOSECRETsecretSECRETsecretZDZD";
  private MockWebServer server;
  private Credentials credentials;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    credentials = new Credentials("wa-1", WhatsAppNode.CREDENTIAL,
        Map.of("accessToken", TOKEN, "apiVersion", "v21.0", "baseUrl", server.url("/").toString()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String node(String parameters) {
    return "{ \"name\": \"WhatsApp\", \"type\": \"weft.whatsApp\", \"credentials\": { \"weft.whatsAppApi\": \"wa-1\" },"
        + " \"parameters\": " + parameters + " }";
  }

  @Test
  void sendsATextMessage() throws Exception {
    server.enqueue(json(200, """
        {"messaging_product":"whatsapp","contacts":[{"input":"4915123456789","wa_id":"4915123456789"}],
         "messages":[{"id":"wamid.HBgNNDkxNTEyMzQ1Njc4ORUCABEYEjQ2QjM4RkU0QjVGNEI3RjlFNwA="}]}"""));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("""
          { "phoneNumberId": "106540352242922", "recipient": "{{ $json.phone }}", "messageType": "text",
            "text": "Your order {{ $json.order }} has shipped: https://example.com/t/42", "previewUrl": true }"""),
          ServiceTests.items("[{\"phone\": \"+49 151 2345-6789\", \"order\": 42}]"));
      assertThat(r.error()).isNull();
      assertThat(r.items("WhatsApp").get(0).json().get("messages"))
          .isEqualTo(parse("[{\"id\":\"wamid.HBgNNDkxNTEyMzQ1Njc4ORUCABEYEjQ2QjM4RkU0QjVGNEI3RjlFNwA=\"}]"));
    }
    RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/v21.0/106540352242922/messages");
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(body(req)).isEqualTo(parse("""
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915123456789","type":"text",
         "text":{"preview_url":true,"body":"Your order 42 has shipped: https://example.com/t/42"}}"""));
  }

  @Test
  void sendsATemplateWithBodyParameters() throws Exception {
    server.enqueue(json(200, """
        {"messaging_product":"whatsapp","contacts":[{"input":"15551234567","wa_id":"15551234567"}],
         "messages":[{"id":"wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA","message_status":"accepted"}]}"""));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("""
          { "phoneNumberId": "106540352242922", "recipient": "0015551234567", "messageType": "template",
            "templateName": "order_shipped", "languageCode": "en_US",
            "bodyParameters": [ { "value": "Ada" }, { "value": "{{ $json.order }}" } ] }"""),
          ServiceTests.items("[{\"order\": 42}]"));
      assertThat(r.error()).isNull();
    }
    assertThat(body(server.takeRequest(5, TimeUnit.SECONDS))).isEqualTo(parse("""
        {"messaging_product":"whatsapp","recipient_type":"individual","to":"15551234567","type":"template",
         "template":{"name":"order_shipped","language":{"code":"en_US"},
                     "components":[{"type":"body","parameters":[{"type":"text","text":"Ada"},{"type":"text","text":"42"}]}]}}"""));
  }

  @Test
  void reportsTheGraphApisErrorDetails() throws Exception {
    server.enqueue(json(400, """
        {"error":{"message":"(#131030) Recipient phone number not in allowed list","type":"OAuthException",
         "code":131030,"error_data":{"messaging_product":"whatsapp",
         "details":"Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again."},
         "fbtrace_id":"AbCdEfGh123"}}"""));
    try (Weft weft = engine(credentials)) {
      ExecutionResult r = run(weft, node("""
          { "phoneNumberId": "1065", "recipient": "+1 555 000 1111", "text": "hi" }"""));
      assertThat(r.error().message()).contains("WhatsApp answered 400 Bad Request: (#131030) Recipient phone number "
          + "not in allowed list — Recipient phone number not in allowed list: Add recipient phone number to "
          + "recipient list and try again. (code 131030, fbtrace_id AbCdEfGh123)").doesNotContain(TOKEN);
      ExecutionResult bad = run(weft, node("{ \"phoneNumberId\": \"1065\", \"recipient\": \"call me\", \"text\": \"hi\" }"));
      assertThat(bad.error().message()).contains("'call me' is not a phone number in international format");
      assertThat(bad.error().parameter()).isEqualTo("recipient");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
