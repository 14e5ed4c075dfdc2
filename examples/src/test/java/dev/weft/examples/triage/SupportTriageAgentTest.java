package dev.weft.examples.triage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeException;
import dev.weft.workflow.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code workflows/support-triage-agent.json} on the real engine with the bundled node packs; a local server
 * plays the model, answering as OpenAI's chat completions API does.
 */
class SupportTriageAgentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private MockWebServer model;

  @BeforeEach
  void start() throws Exception {
    model = new MockWebServer();
    model.start();
  }

  @AfterEach
  void stop() {
    model.close();
  }

  private static MockResponse completion(Map<String, Object> message, String finish) throws Exception {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("finish_reason", finish);
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(JSON.writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion",
            "model", "gpt-4o-mini-2024-07-18", "choices", List.of(choice),
            "usage", Map.of("prompt_tokens", 300, "completion_tokens", 40, "total_tokens", 340)))).build();
  }

  private static MockResponse toolCall(String id, String name, String arguments) throws Exception {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", null);
    message.put("tool_calls", List.of(Map.of("id", id, "type", "function",
        "function", Map.of("name", name, "arguments", arguments))));
    return completion(message, "tool_calls");
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> messages() throws Exception {
    return (List<Map<String, Object>>) JSON.readValue(model.takeRequest(10, TimeUnit.SECONDS).getBody().utf8(),
        Map.class).get("messages");
  }

  @Test
  void triagesALateOrderTicketWithBothTools() throws Exception {
    model.enqueue(toolCall("call_1", "lookup_order", "{\"orderId\":\"A-1001\"}"));
    model.enqueue(toolCall("call_2", "search_help_centre", "{\"query\":\"late delivery\"}"));
    model.enqueue(completion(Map.of("role", "assistant", "content", "{\"category\":\"shipping\",\"priority\":\"high\","
        + "\"reply\":\"Sorry, Ada: order A-1001 left us on 2 June and is late. We will send a replacement.\"}"),
        "stop"));
    OrderBook orders = id -> "A-1001".equals(id)
        ? Optional.of(Map.of("status", "shipped", "shippedOn", "2025-06-02", "carrier", "DHL",
            "items", List.of("kettle")))
        : Optional.empty();
    Credentials openAi = new Credentials("openai", "weft.openAiApi", Map.of("apiKey", "sk-example",
        "baseUrl", model.url("/v1").toString()));

    try (Weft weft = Weft.builder().service(OrderBook.class, orders)
        .credentials((id, type, node) -> {
          if (id.equals(openAi.id()) && type.equals(openAi.type())) {
            return openAi;
          }
          throw new NodeException("no credential " + id);
        }).build()) {
      ExecutionResult r = weft.run(Workflow.fromFile(Path.of("workflows/support-triage-agent.json")),
          List.of(Item.of("customer", "ada@example.com", "message",
              "My order A-1001 still hasn't arrived after 9 days. Where is it?")));

      assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(r.output().get(0).json()).containsEntry("category", "shipping").containsEntry("priority", "high")
          .containsEntry("toolsUsed", List.of("lookup_order", "search_help_centre"));
    }

    List<Map<String, Object>> first = messages();
    assertThat(first.get(1).get("content")).isEqualTo("Ticket from ada@example.com:\nMy order A-1001 still hasn't "
        + "arrived after 9 days. Where is it?");
    List<Map<String, Object>> second = messages();
    assertThat(second.get(3)).containsEntry("role", "tool").containsEntry("tool_call_id", "call_1");
    assertThat(JSON.readValue((String) second.get(3).get("content"), List.class)).isEqualTo(List.of(Map.of(
        "status", "shipped", "shippedOn", "2025-06-02", "carrier", "DHL", "orderId", "A-1001")));
    List<Map<String, Object>> third = messages();
    List<Map<String, Object>> article = new ArrayList<>(JSON.readValue((String) third.get(5).get("content"),
        List.class));
    assertThat((String) article.get(0).get("article")).startsWith("Late deliveries:");
  }
}
