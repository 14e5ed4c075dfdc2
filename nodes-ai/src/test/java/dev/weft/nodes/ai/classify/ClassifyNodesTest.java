package dev.weft.nodes.ai.classify;

import static dev.weft.nodes.ai.AiTests.answer;
import static dev.weft.nodes.ai.AiTests.body;
import static dev.weft.nodes.ai.AiTests.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.NodeRun;
import dev.weft.nodes.ai.AiTests;
import dev.weft.nodes.ai.ScriptedOpenAiTest;
import dev.weft.nodes.ai.internal.JsonText;
import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Text Classifier, Information Extractor and Summarize through the real engine with a scripted model. */
class ClassifyNodesTest extends ScriptedOpenAiTest {
  private ExecutionResult run(String type, Map<String, Object> parameters, List<Item> items) {
    return AiTests.run(weft, JsonText.write(Map.of("name", "Node", "type", type,
        "credentials", Map.of("weft.openAiApi", "openai-1"), "parameters", parameters)), items);
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(10, TimeUnit.SECONDS);
  }

  @Test
  @SuppressWarnings("unchecked")
  void routesEachItemToItsCategoryOrToOther() throws Exception {
    server.enqueue(answer("{\"category\":\"billing\"}"));
    server.enqueue(answer("{\"category\":\"other\"}"));
    server.enqueue(answer("{\"category\":\"shipping\"}"));
    ExecutionResult r = run("weft.ai.textClassifier", Map.of("model", "gpt-4o-mini", "categories", List.of(
            Map.of("category", "shipping", "description", "Where a parcel is, delivery times"),
            Map.of("category", "billing", "description", "Invoices, refunds, charges"))),
        List.of(Item.of("text", "I was charged twice"), Item.of("text", "Do you sell gift cards?"),
            Item.of("text", "My parcel is late")));

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    NodeRun run = r.runs("Node").get(0);
    assertThat(run.outputs()).hasSize(3);
    assertThat(run.output(0)).extracting(i -> i.json().get("text")).containsExactly("My parcel is late");
    assertThat(run.output(1)).extracting(i -> i.json().get("text")).containsExactly("I was charged twice");
    assertThat(run.output(2)).extracting(i -> i.json().get("text")).containsExactly("Do you sell gift cards?");

    Map<String, Object> body = body(take());
    Map<String, Object> format = (Map<String, Object>) ((Map<String, Object>) body.get("response_format"))
        .get("json_schema");
    assertThat(JsonText.write(format.get("schema"))).contains("\"enum\":[\"shipping\",\"billing\",\"other\"]");
    List<Map<String, Object>> messages = (List<Map<String, Object>>) body.get("messages");
    assertThat((String) messages.get(0).get("content")).contains("- shipping: Where a parcel is, delivery times")
        .contains("- billing: Invoices, refunds, charges");
    assertThat(messages.get(1)).isEqualTo(Map.of("role", "user", "content", "I was charged twice"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void extractsTheListedAttributesWithAJsonSchema() throws Exception {
    server.enqueue(answer("{\"name\":\"Ada Lovelace\",\"orderId\":\"A-1001\",\"refund\":true}"));
    ExecutionResult r = run("weft.ai.informationExtractor", Map.of("model", "gpt-4o-mini", "attributes", List.of(
            Map.of("name", "name", "type", "string", "description", "The customer's name", "required", true),
            Map.of("name", "orderId", "type", "string", "required", true),
            Map.of("name", "refund", "type", "boolean", "description", "Whether they ask for a refund"),
            Map.of("name", "orderedOn", "type", "date"))),
        List.of(Item.of("text", "Hi, Ada Lovelace here. Please refund order A-1001.")));

    assertThat(r.output().get(0).json()).isEqualTo(Map.of("output", Map.of("name", "Ada Lovelace",
        "orderId", "A-1001", "refund", true)));
    Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) body(take())
        .get("response_format")).get("json_schema")).get("schema");
    assertThat(schema.get("required")).isEqualTo(List.of("name", "orderId"));
    assertThat(((Map<String, Object>) schema.get("properties")).get("orderedOn")).isEqualTo(Map.of("type", "string",
        "description", "An ISO 8601 date (YYYY-MM-DD)"));
  }

  @Test
  void summarisesLongTextMapReduce() throws Exception {
    String paragraph = "The parcel left the warehouse on Monday and reached the sorting centre on Tuesday. ";
    String text = paragraph.repeat(12).strip(); // about 1000 characters: three chunks of 400
    for (int i = 1; i <= 3; i++) {
      server.enqueue(answer("Summary " + i + "."));
    }
    server.enqueue(answer("The parcel moved from warehouse to sorting centre."));
    ExecutionResult r = run("weft.ai.summarize", Map.of("model", "gpt-4o-mini", "chunkSize", 400,
        "chunkOverlap", 40), List.of(Item.of("text", text)));

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(r.output().get(0).json()).containsEntry("output", "The parcel moved from warehouse to sorting centre.")
        .containsEntry("chunks", 3).containsEntry("usage", Map.of("inputTokens", 200L, "outputTokens", 40L,
            "totalTokens", 240L));
    for (int i = 0; i < 3; i++) {
      String prompt = (String) messages(take()).get(0).get("content");
      String head = "Write a concise summary of the following text:\n\n";
      assertThat(prompt).startsWith(head);
      String chunk = prompt.substring(head.length());
      assertThat(text).contains(chunk);
      assertThat(chunk.length()).isLessThanOrEqualTo(400);
      if (i == 0) {
        assertThat(chunk).startsWith("The parcel left");
      }
    }
    assertThat((String) messages(take()).get(0).get("content")).isEqualTo("Combine these partial summaries of one "
        + "text into one concise summary:\n\nSummary 1.\n\nSummary 2.\n\nSummary 3.");
  }

  @Test
  void shortTextIsSummarisedInOneCall() throws Exception {
    server.enqueue(answer("Short."));
    ExecutionResult r = run("weft.ai.summarize", Map.of("model", "gpt-4o-mini"),
        List.of(Item.of("text", "A short note.")));
    assertThat(r.output().get(0).json()).containsEntry("output", "Short.").containsEntry("chunks", 1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void chunksOverlapAndCutAtBreaks() {
    String text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
    List<String> chunks = TextChunks.split(text, 20, 5);
    assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(20));
    assertThat(String.join(" ", chunks)).contains("alpha").contains("mu");
    for (int i = 1; i < chunks.size(); i++) {
      String previous = chunks.get(i - 1);
      String tail = previous.substring(Math.max(0, previous.length() - 3));
      assertThat(chunks.get(i)).as("chunk %d overlaps the end of chunk %d", i, i - 1).contains(tail.strip());
    }
    assertThat(TextChunks.split("", 10, 0)).isEmpty();
    assertThat(TextChunks.split("x".repeat(25), 10, 0)).containsExactly("x".repeat(10), "x".repeat(10), "x".repeat(5));
  }
}
