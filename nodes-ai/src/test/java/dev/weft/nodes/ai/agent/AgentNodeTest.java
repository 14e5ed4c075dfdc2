package dev.weft.nodes.ai.agent;

import static dev.weft.nodes.ai.AiTests.OPENAI_KEY;
import static dev.weft.nodes.ai.AiTests.answer;
import static dev.weft.nodes.ai.AiTests.body;
import static dev.weft.nodes.ai.AiTests.messages;
import static dev.weft.nodes.ai.AiTests.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.event.ExecutionEvent;
import dev.weft.nodes.ai.ScriptedOpenAiTest;
import dev.weft.nodes.ai.internal.JsonText;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The Agent node through the real engine, driven by a scripted model on a local server. */
class AgentNodeTest extends ScriptedOpenAiTest {
  @Override
  protected List<Node> extraNodes() {
    return ToolNodes.all();
  }

  private static final Map<String, Object> LOOKUP_TOOL = Map.of("name", "lookup_order",
      "description", "Looks up an order by id", "kind", "node",
      "config", Map.of("type", "test.lookupOrder", "parameters", Map.of("region", "{{ $json.region }}")));

  private static final Map<String, Object> KB_TOOL = Map.of("name", "ask_kb", "description", "Searches the help "
      + "centre", "kind", "workflow", "config", Map.of("workflow", Map.of("name", "kb", "nodes", List.of(
          Map.of("name", "Start", "type", "test.start"), Map.of("name", "KB", "type", "test.kb")),
      "connections", List.of(Map.of("from", "Start", "to", "KB")))));

  private ExecutionResult runAgent(Map<String, Object> parameters) {
    return weft.run(workflow(parameters), List.of(Item.of("chatInput", "Where is my order A-1001, and can I get "
        + "a refund?", "region", "EU", "customer", "ada@example.com")));
  }

  private static Workflow workflow(Map<String, Object> parameters) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("model", "gpt-4o-mini");
    p.put("systemMessage", "You are the support desk.");
    p.putAll(parameters);
    return Workflow.fromJson(JsonText.write(Map.of("name", "agent", "nodes", List.of(Map.of("name", "Agent",
        "type", "weft.ai.agent", "credentials", Map.of("weft.openAiApi", "openai-1"), "parameters", p)),
        "connections", List.of())));
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(10, TimeUnit.SECONDS);
  }

  private List<String> eventNames() {
    List<String> names = new ArrayList<>();
    for (ExecutionEvent e : events) {
      if (e.type() == ExecutionEvent.Type.CUSTOM) {
        names.add(String.valueOf(e.data().get("event")));
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(ExecutionResult r) {
    return (List<Map<String, Object>>) r.output().get(0).json().get("steps");
  }

  @Test
  @SuppressWarnings("unchecked")
  void callsNodeAndWorkflowToolsOverSeveralRoundsThenAnswers() throws Exception {
    server.enqueue(toolCalls("lookup_order", "{\"orderId\":\"A-1001\",\"detail\":\"full\"}"));
    server.enqueue(toolCalls("ask_kb", "{\"query\":\"refund policy\"}"));
    server.enqueue(answer("Order A-1001 has shipped with DHL. Refunds are possible within 30 days."));

    ExecutionResult r = runAgent(Map.of("tools", List.of(LOOKUP_TOOL, KB_TOOL)));

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    Map<String, Object> out = r.output().get(0).json();
    assertThat(out).containsEntry("output", "Order A-1001 has shipped with DHL. Refunds are possible within 30 days.")
        .containsEntry("agent", "Agent").containsEntry("model", "gpt-4o-mini-2024-07-18")
        .containsEntry("usage", Map.of("inputTokens", 150L, "outputTokens", 30L, "totalTokens", 180L));
    assertThat(steps(r)).extracting(s -> s.get("type"))
        .containsExactly("modelCall", "toolCall", "modelCall", "toolCall", "modelCall");
    Map<String, Object> lookup = steps(r).get(1);
    assertThat(lookup).containsEntry("tool", "lookup_order").containsEntry("kind", "node")
        .containsEntry("arguments", Map.of("orderId", "A-1001", "detail", "full"))
        .containsEntry("result", List.of(Map.of("orderId", "A-1001", "status", "shipped", "region", "EU",
            "carrier", "DHL", "customer", "ada@example.com")));

    // 1st request: the system message, the prompt, and the tools with schemas derived from the node's parameters
    RecordedRequest first = take();
    assertThat(messages(first)).containsExactly(Map.of("role", "system", "content", "You are the support desk."),
        Map.of("role", "user", "content", "Where is my order A-1001, and can I get a refund?"));
    List<Map<String, Object>> tools = (List<Map<String, Object>>) body(first).get("tools");
    Map<String, Object> lookupFn = (Map<String, Object>) tools.get(0).get("function");
    assertThat(lookupFn).containsEntry("name", "lookup_order").containsEntry("description", "Looks up an order by id");
    Map<String, Object> schema = (Map<String, Object>) lookupFn.get("parameters");
    Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
    assertThat(properties).containsOnlyKeys("orderId", "includeItems", "detail", "carrierNote"); // region is fixed
    assertThat(properties.get("orderId")).isEqualTo(Map.of("type", "string",
        "description", "The order's id, like A-1001"));
    assertThat(properties.get("includeItems")).isEqualTo(Map.of("type", "boolean", "description", "Default: false"));
    assertThat(((Map<String, Object>) properties.get("detail")).get("enum")).isEqualTo(List.of("summary", "full"));
    assertThat(schema.get("required")).isEqualTo(List.of("orderId"));
    assertThat(((Map<String, Object>) tools.get(1).get("function")).get("parameters")).isEqualTo(Map.of(
        "type", "object", "properties", Map.of("query", Map.of("type", "string", "description", "What to ask the "
            + "tool")), "required", List.of("query")));

    // 2nd request: the tool call and its result went back to the model
    List<Map<String, Object>> second = messages(take());
    assertThat(second).hasSize(4);
    assertThat(second.get(3)).containsEntry("role", "tool");
    assertThat(JsonText.parse((String) second.get(3).get("content"))).isEqualTo(List.of(Map.of("orderId", "A-1001",
        "status", "shipped", "region", "EU", "carrier", "DHL", "customer", "ada@example.com")));
    List<Map<String, Object>> third = messages(take());
    assertThat(JsonText.parse((String) third.get(5).get("content")))
        .isEqualTo(List.of(Map.of("answer", "Refunds are possible within 30 days.")));

    // every step reached the listeners, and no secret went anywhere
    assertThat(eventNames()).containsExactly("ai.modelCall", "ai.toolCall", "ai.modelCall", "ai.toolCall",
        "ai.modelCall");
    assertThat(events.toString()).doesNotContain(OPENAI_KEY);
    assertThat(out.toString()).doesNotContain(OPENAI_KEY);
  }

  @Test
  void aFailingToolIsReportedToTheModelAsAToolError() throws Exception {
    server.enqueue(toolCalls("lookup_order", "{\"orderId\":\"Z-9\"}", "lookup_order",
        "{\"orderId\":\"A-1001\",\"colour\":\"red\"}"));
    server.enqueue(answer("I could not find order Z-9."));

    ExecutionResult r = runAgent(Map.of("tools", List.of(LOOKUP_TOOL)));

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(steps(r).get(1)).containsEntry("error", "node call 'lookup_order' (test.lookupOrder) failed: no "
        + "order Z-9");
    assertThat((String) steps(r).get(2).get("error")).contains("parameter 'colour': unknown parameter");
    take();
    List<Map<String, Object>> second = messages(take());
    assertThat(second.get(3)).containsEntry("role", "tool")
        .containsEntry("content", "Error: node call 'lookup_order' (test.lookupOrder) failed: no order Z-9");
    assertThat((String) second.get(4).get("content")).startsWith("Error: node call 'lookup_order' (test.lookupOrder) "
        + "has invalid parameters");
  }

  @Test
  void aFailingToolFailsTheItemWhenTheWorkflowSaysSo() {
    server.enqueue(toolCalls("lookup_order", "{\"orderId\":\"Z-9\"}"));
    ExecutionResult r = runAgent(Map.of("tools", List.of(LOOKUP_TOOL), "onToolError", "fail"));
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().message()).contains("tool 'lookup_order' of agent 'Agent' failed: node call 'lookup_order' "
        + "(test.lookupOrder) failed: no order Z-9");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void stopsAtTheIterationCap() {
    server.enqueue(toolCalls("lookup_order", "{\"orderId\":\"A-1001\"}"));
    server.enqueue(toolCalls("lookup_order", "{\"orderId\":\"A-1001\"}"));
    server.enqueue(answer("never asked for"));
    ExecutionResult r = runAgent(Map.of("tools", List.of(LOOKUP_TOOL), "maxIterations", 2));
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().message()).contains("agent 'Agent' made 2 model calls (its limit) without reaching a final "
        + "answer");
    assertThat(r.error().parameter()).isEqualTo("maxIterations");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void cancellingMidRunClosesTheModelCallAndEndsTheExecution() throws Exception {
    server.enqueue(toolCalls("lookup_order", "{\"orderId\":\"A-1001\"}"));
    // the second model call never answers in time: only cancellation ends it
    server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(60, TimeUnit.SECONDS).build());
    CompletableFuture<ExecutionResult> running = weft.runAsync(workflow(Map.of("tools", List.of(LOOKUP_TOOL))),
        List.of(Item.of("chatInput", "Where is A-1001?")));
    take();
    assertThat(take()).isNotNull(); // the second call is in flight
    String id = events.stream().filter(e -> e.type() == ExecutionEvent.Type.EXECUTION_STARTED).findFirst()
        .orElseThrow().executionId();
    assertThat(weft.cancel(id)).isTrue();
    ExecutionResult r = running.get(20, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(eventNames()).containsExactly("ai.modelCall", "ai.toolCall");
  }

  @Test
  @SuppressWarnings("unchecked")
  void handsTheConversationOverToAnotherAgentWhoContinuesIt() throws Exception {
    Map<String, Object> billing = Map.of("name", "billing", "description", "Billing questions: refunds, invoices",
        "kind", "handoff", "config", Map.of("systemMessage", "You handle billing.", "tools", List.of(LOOKUP_TOOL)));
    server.enqueue(toolCalls("transfer_to_billing", "{}"));
    server.enqueue(toolCalls("lookup_order", "{\"orderId\":\"A-1001\"}"));
    server.enqueue(answer("Billing here: A-1001 can be refunded."));

    ExecutionResult r = runAgent(Map.of("tools", List.of(billing)));

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(r.output().get(0).json()).containsEntry("agent", "billing")
        .containsEntry("output", "Billing here: A-1001 can be refunded.");
    assertThat(steps(r)).extracting(s -> s.get("type") + ":" + s.get("agent")).containsExactly(
        "modelCall:Agent", "handoff:Agent", "modelCall:billing", "toolCall:billing", "modelCall:billing");
    assertThat(steps(r).get(1)).containsEntry("from", "Agent").containsEntry("to", "billing");

    Map<String, Object> first = body(take());
    assertThat((List<Map<String, Object>>) first.get("tools")).extracting(t -> ((Map<String, Object>) t.get(
        "function")).get("name")).containsExactly("transfer_to_billing");
    Map<String, Object> second = body(take());
    List<Map<String, Object>> messages = (List<Map<String, Object>>) second.get("messages");
    assertThat(messages.get(0)).isEqualTo(Map.of("role", "system", "content", "You handle billing."));
    assertThat(messages.get(1)).containsEntry("role", "user");
    assertThat(messages.get(2)).containsEntry("role", "assistant");
    assertThat(messages.get(3)).containsEntry("role", "tool").containsEntry("content",
        "{\"transferredTo\":\"billing\"}");
    assertThat((List<Map<String, Object>>) second.get("tools")).extracting(t -> ((Map<String, Object>) t.get(
        "function")).get("name")).containsExactly("lookup_order");
    assertThat(eventNames()).contains("ai.handoff");
  }

  @Test
  void aSupervisorCallsAnotherAgentAsAToolUpToItsCap() throws Exception {
    Map<String, Object> researcher = Map.of("name", "researcher", "description", "Finds facts", "kind", "agent",
        "config", Map.of("systemMessage", "You research.", "maxCalls", 1));
    server.enqueue(toolCalls("researcher", "{\"input\":\"What is our refund window?\"}"));
    server.enqueue(answer("30 days."));
    server.enqueue(toolCalls("researcher", "{\"input\":\"And for sale items?\"}"));
    server.enqueue(answer("Refunds are possible within 30 days."));

    ExecutionResult r = runAgent(Map.of("tools", List.of(researcher)));

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(r.output().get(0).json()).containsEntry("output", "Refunds are possible within 30 days.")
        .containsEntry("agent", "Agent");
    assertThat(steps(r)).extracting(s -> s.get("type") + ":" + s.get("agent")).containsExactly(
        "modelCall:Agent", "modelCall:researcher", "toolCall:Agent", "modelCall:Agent", "toolCall:Agent",
        "modelCall:Agent");
    assertThat(steps(r).get(2)).containsEntry("result", Map.of("agent", "researcher", "output", "30 days."))
        .containsEntry("kind", "agent");
    assertThat((String) steps(r).get(4).get("error")).contains("was called 1 times, its cap");
    assertThat(server.getRequestCount()).isEqualTo(4);

    take();
    List<Map<String, Object>> sub = messages(take());
    assertThat(sub).containsExactly(Map.of("role", "system", "content", "You research."),
        Map.of("role", "user", "content", "What is our refund window?"));
  }

  @Test
  void structuredOutputIsParsed() throws Exception {
    server.enqueue(answer("{\"category\":\"shipping\",\"urgent\":false}"));
    Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("category", Map.of("type", "string"),
        "urgent", Map.of("type", "boolean")));
    ExecutionResult r = runAgent(Map.of("outputSchema", schema));
    assertThat(r.output().get(0).json().get("output")).isEqualTo(Map.of("category", "shipping", "urgent", false));
    assertThat(body(take()).get("response_format")).isEqualTo(Map.of("type", "json_schema",
        "json_schema", Map.of("name", "output", "schema", schema)));
  }

  @Test
  void anUnknownToolKindIsNamed() {
    ExecutionResult r = runAgent(Map.of("tools", List.of(Map.of("name", "x", "kind", "teleport"))));
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().message()).contains("tool 'x' has unknown kind 'teleport'; known kinds: node, workflow");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void remembersEarlierTurnsOfTheSession() throws Exception {
    server.enqueue(answer("Hello Ada, how can I help?"));
    server.enqueue(answer("You told me your name is Ada."));
    Map<String, Object> memory = Map.of("memory", Map.of("sessionKey", "{{ $json.sessionId }}", "turns", 3));
    weft.run(workflow(memory), List.of(Item.of("sessionId", "agent-s1", "chatInput", "I am Ada.")));
    ExecutionResult r = weft.run(workflow(memory), List.of(Item.of("sessionId", "agent-s1",
        "chatInput", "What is my name?")));
    assertThat(r.output().get(0).json()).containsEntry("output", "You told me your name is Ada.");
    take();
    assertThat(messages(take())).containsExactly(Map.of("role", "system", "content", "You are the support desk."),
        Map.of("role", "user", "content", "I am Ada."), Map.of("role", "assistant", "content",
            "Hello Ada, how can I help?"), Map.of("role", "user", "content", "What is my name?"));
  }
}
