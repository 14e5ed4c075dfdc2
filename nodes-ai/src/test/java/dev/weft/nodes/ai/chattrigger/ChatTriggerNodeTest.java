package dev.weft.nodes.ai.chattrigger;

import static dev.weft.nodes.ai.AiTests.answer;
import static dev.weft.nodes.ai.AiTests.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.nodes.ai.ScriptedOpenAiTest;
import dev.weft.nodes.ai.internal.JsonText;
import dev.weft.spi.Item;
import dev.weft.spi.WebhookRequest;
import dev.weft.spi.WebhookResponse;
import dev.weft.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Chat Trigger's public chat: a message in, the agent's reply out, the session id kept. */
class ChatTriggerNodeTest extends ScriptedOpenAiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Workflow workflow(boolean publicChat) {
    return Workflow.fromJson(JsonText.write(Map.of("name", "support chat", "nodes", List.of(
        Map.of("name", "Chat", "type", ChatTriggerNode.TYPE, "parameters", Map.of("public", publicChat)),
        Map.of("name", "Agent", "type", "weft.ai.agent", "credentials", Map.of("weft.openAiApi", "openai-1"),
            "parameters", Map.of("model", "gpt-4o-mini", "prompt", "{{ $json.chatInput }}"))),
        "connections", List.of(Map.of("from", "Chat", "to", "Agent"))))).withId("wf-chat-1");
  }

  private Map<?, ?> chat(String body) throws Exception {
    WebhookResponse response = weft.webhooks().handle(new WebhookRequest("POST", "chat/wf-chat-1", Map.of(),
        Map.of("content-type", List.of("application/json")), Map.of(), "application/json",
        body.getBytes(StandardCharsets.UTF_8)));
    Map<?, ?> answer = JSON.readValue(response.body(), Map.class);
    assertThat(response.status()).as("%s", answer).isIn(200, 400);
    return answer;
  }

  @Test
  void aPublicChatAnswersWithTheAgentsReplyAndKeepsTheSession() throws Exception {
    weft.activate(workflow(true));
    server.enqueue(answer("Hello! How can I help?"));
    server.enqueue(answer("Your order ships tomorrow."));

    Map<?, ?> first = chat("{\"message\": \"Hi there\"}");
    String sessionId = (String) first.get("sessionId");
    assertThat(sessionId).matches("[0-9a-f-]{36}");
    assertThat(first.get("reply")).isEqualTo("Hello! How can I help?");
    assertThat(first.get("status")).isEqualTo("success");
    List<Map<String, Object>> sent = messages(server.takeRequest(10, TimeUnit.SECONDS));
    assertThat(sent.get(sent.size() - 1)).containsEntry("role", "user").containsEntry("content", "Hi there");

    Map<?, ?> second = chat("{\"sessionId\": \"" + sessionId + "\", \"message\": \"Where is my order?\"}");
    assertThat(second.get("sessionId")).isEqualTo(sessionId);
    assertThat(second.get("reply")).isEqualTo("Your order ships tomorrow.");
  }

  @Test
  void aMessageIsRequired() throws Exception {
    weft.activate(workflow(true));
    assertThat(chat("{\"sessionId\": \"s1\"}").get("error").toString()).contains("'message' is required");
    assertThat(chat("[1]").get("error").toString()).contains("JSON object");
  }

  @Test
  void withoutPublicChatNoWebhookIsServed() throws Exception {
    weft.activate(workflow(false));
    assertThat(weft.webhooks().routes()).noneMatch(r -> r.contains("chat/"));
  }

  @Test
  void theReplyIsTheConfiguredFieldOrTheFirstKnownOne() {
    assertThat(ChatTriggerNode.reply(List.of(Item.of("output", "from agent", "text", "other")), "")).isEqualTo(
        "from agent");
    assertThat(ChatTriggerNode.reply(List.of(Item.of("text", "from a chain")), null)).isEqualTo("from a chain");
    assertThat(ChatTriggerNode.reply(List.of(Item.of("answer", Map.of("a", 1))), "answer")).isEqualTo("{\"a\":1}");
    assertThat(ChatTriggerNode.reply(List.of(Item.of("x", 1)), null)).isNull();
    assertThat(ChatTriggerNode.reply(List.of(), null)).isNull();
  }
}
