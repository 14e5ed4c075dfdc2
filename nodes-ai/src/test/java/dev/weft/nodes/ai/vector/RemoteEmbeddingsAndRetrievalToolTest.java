package dev.weft.nodes.ai.vector;

import static dev.weft.nodes.ai.AiTests.OPENAI_KEY;
import static dev.weft.nodes.ai.AiTests.answer;
import static dev.weft.nodes.ai.AiTests.body;
import static dev.weft.nodes.ai.AiTests.messages;
import static dev.weft.nodes.ai.AiTests.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.event.ExecutionEvent;
import dev.weft.nodes.ai.AiTests;
import dev.weft.nodes.ai.ScriptedOpenAiTest;
import dev.weft.nodes.ai.internal.JsonText;
import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The embedding and retrieval paths against a local server answering as OpenAI does: the Embeddings node's request,
 * and the {@code vectorStore} tool kind driven by a scripted agent model, all through the AI pack as registered.
 */
class RemoteEmbeddingsAndRetrievalToolTest extends ScriptedOpenAiTest {
  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(10, TimeUnit.SECONDS);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theEmbeddingsNodeSpeaksTheEmbeddingsApiAndRecordsUsage() throws Exception {
    server.enqueue(AiTests.json(200, AiTests.resource("openai/embeddings.json")));

    ExecutionResult r = AiBTests.succeeded(AiTests.run(weft, """
        { "name": "Embed", "type": "weft.ai.embeddings", "credentials": { "weft.openAiApi": "openai-1" },
          "parameters": { "embeddingModel": "text-embedding-3-small", "dimensions": 4 } }""",
        List.of(Item.of("text", "The food was delicious"), Item.of("text", "and the waiter was kind"))));

    RecordedRequest request = take();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
    assertThat(body(request)).containsEntry("model", "text-embedding-3-small")
        .containsEntry("input", List.of("The food was delicious", "and the waiter was kind"))
        .containsEntry("encoding_format", "float").containsEntry("dimensions", 4);
    List<Item> out = r.items("Embed");
    assertThat((List<Number>) out.get(0).json().get("embedding")).extracting(Number::floatValue)
        .containsExactly(-0.006929283f, -0.005336422f, 0.024047505f, -0.01407812f);
    assertThat(out.get(1).json()).containsEntry("text", "and the waiter was kind");
    ExecutionEvent event = events.stream().filter(e -> e.type() == ExecutionEvent.Type.CUSTOM
        && "ai.embeddings".equals(e.data().get("event"))).findFirst().orElseThrow();
    assertThat(event.data()).containsEntry("model", "text-embedding-3-small").containsEntry("texts", 2)
        .containsEntry("dimension", 4);
    assertThat((Map<String, Object>) event.data().get("usage")).containsEntry("inputTokens", 9L);
    assertThat(events.toString() + r.items("Embed")).doesNotContain(OPENAI_KEY);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAgentSearchesACollectionThroughTheVectorStoreTool() throws Exception {
    AiBTests.succeeded(weft.run(dev.weft.workflow.Workflow.fromJson(AiBTests.chain(VectorStoreNodeTest.SPLIT,
        VectorStoreNodeTest.insert("help"))), VectorStoreNodeTest.HELP_PAGES));
    server.enqueue(toolCalls("search_help", "{\"query\":\"how to reset a password\"}"));
    server.enqueue(answer("Open Settings, choose Security and click 'Reset password'."));

    Map<String, Object> tool = Map.of("name", "search_help", "kind", "vectorStore",
        "config", Map.of("collection", "help", "topK", 2, "embeddingProvider", "hashing"));
    ExecutionResult r = AiBTests.succeeded(AiTests.run(weft, JsonText.write(Map.of("name", "Agent",
        "type", "weft.ai.agent", "credentials", Map.of("weft.openAiApi", "openai-1"),
        "parameters", Map.of("model", "gpt-4o-mini", "tools", List.of(tool)))),
        List.of(Item.of("chatInput", "I forgot my password"))));

    Map<String, Object> firstCall = body(take());
    Map<String, Object> function = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) firstCall
        .get("tools")).get(0)).get("function");
    assertThat(function).containsEntry("name", "search_help");
    assertThat((String) function.get("description")).contains("'help' knowledge base");
    assertThat((Map<String, Object>) function.get("parameters")).containsEntry("required", List.of("query"));

    List<Map<String, Object>> secondCall = messages(take());
    Map<String, Object> toolResult = secondCall.get(secondCall.size() - 1);
    assertThat(toolResult).containsEntry("role", "tool");
    Map<String, Object> result = (Map<String, Object>) JsonText.parse((String) toolResult.get("content"));
    List<Map<String, Object>> passages = (List<Map<String, Object>>) result.get("passages");
    assertThat(passages).hasSize(2);
    assertThat((String) passages.get(0).get("text")).contains("To reset your password");
    assertThat((Map<String, Object>) passages.get(0).get("metadata")).containsEntry("source", "account.md");
    assertThat(r.items("Agent").get(0).json()).containsEntry("output",
        "Open Settings, choose Security and click 'Reset password'.");
  }

  @Test
  void aToolDeclarationWithoutACollectionFailsNamingTheTool() {
    Map<String, Object> tool = Map.of("name", "kb", "kind", "vectorStore", "config", Map.of("topK", 2));
    ExecutionResult r = AiTests.run(weft, JsonText.write(Map.of("name", "Agent", "type", "weft.ai.agent",
        "credentials", Map.of("weft.openAiApi", "openai-1"),
        "parameters", Map.of("model", "gpt-4o-mini", "tools", List.of(tool)))), List.of(Item.of("chatInput", "hi")));

    assertThat(r.succeeded()).isFalse();
    assertThat(r.error().toString()).contains("tool 'kb'", "config.collection");
  }
}
