package dev.weft.nodes.integrations.webhook;

import static dev.weft.nodes.integrations.Flows.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Weft;
import dev.weft.binary.InMemoryBinaryStore;
import dev.weft.nodes.integrations.http.HttpAuth;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.WebhookRequest;
import dev.weft.spi.WebhookResponse;
import dev.weft.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookTriggerNodeTest {
  private final InMemoryBinaryStore binaries = new InMemoryBinaryStore();
  private final List<Item> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch slowStarted = new CountDownLatch(1);
  private final CountDownLatch releaseSlow = new CountDownLatch(1);
  private final List<String> finished = new CopyOnWriteArrayList<>();
  private final Weft weft = Weft.builder().discoverNodePacks(false)
      .nodePack(new dev.weft.nodes.integrations.IntegrationNodes()).binaryStore(binaries)
      .node(new Record(seen))
      .node(new Slow(slowStarted, releaseSlow, finished))
      .credentials((id, type, node) -> new Credentials(id, HttpAuth.HEADER, Map.of("name", "X-Hook-Key", "value", "h-42")))
      .build();

  /** Records the items it gets and passes them on. */
  static final class Record implements Node {
    private final List<Item> seen;

    Record(List<Item> seen) {
      this.seen = seen;
    }

    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.record").build();
    }

    @Override
    public NodeOutput execute(NodeContext context) {
      seen.addAll(context.items());
      return NodeOutput.of(context.items());
    }
  }

  /** Blocks until the test releases it, then records that it finished. */
  static final class Slow implements Node {
    private final CountDownLatch started;
    private final CountDownLatch release;
    private final List<String> finished;

    Slow(CountDownLatch started, CountDownLatch release, List<String> finished) {
      this.started = started;
      this.release = release;
      this.finished = finished;
    }

    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.slow").build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws Exception {
      started.countDown();
      if (!release.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the slow node");
      }
      finished.add(context.execution().executionId());
      return NodeOutput.of(context.items());
    }
  }

  @AfterEach
  void close() {
    releaseSlow.countDown();
    weft.close();
  }

  private void activate(String webhookParams, String extraNodes, String connections) throws Exception {
    String wf = """
        { "id": "wf-hook", "name": "hook",
          "nodes": [ { "name": "Hook", "type": "weft.webhook", "parameters": %s, "credentials": { "weft.httpHeaderAuth": "k" } },
                     { "name": "Record", "type": "test.record" } %s ],
          "connections": [ { "from": "Hook", "to": "Record" } %s ] }""".formatted(webhookParams, extraNodes, connections);
    weft.activate(Workflow.fromJson(wf));
  }

  private static WebhookRequest request(String method, String path, String contentType, String body,
      Map<String, List<String>> headers) {
    return new WebhookRequest(method, path, Map.of(), headers, Map.of("page", List.of("2")), contentType,
        body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(WebhookResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void answersImmediatelyAndStartsTheExecutionWithTheRequest() throws Exception {
    activate("{ \"method\": \"POST\", \"path\": \"orders/:id\", \"responseCode\": 202 }", "", "");
    WebhookResponse r = weft.webhooks().handle(request("POST", "orders/17", "application/json",
        "{\"total\": 9.5}", Map.of("x-source", List.of("shop"))));
    assertThat(r.status()).isEqualTo(202);
    assertThat(text(r)).isEqualTo("{\"message\":\"Workflow was started\"}");
    long deadline = System.currentTimeMillis() + 5000;
    while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).json()).isEqualTo(parse("""
        { "headers": { "x-source": "shop" }, "params": { "id": "17" }, "query": { "page": "2" }, "body": { "total": 9.5 } }"""));
  }

  @Test
  void answersWithTheLastNodesOutput() throws Exception {
    activate("{ \"method\": \"POST\", \"path\": \"echo\", \"responseMode\": \"lastNode\" }", "", "");
    WebhookResponse r = weft.webhooks().handle(request("POST", "echo", "application/x-www-form-urlencoded",
        "name=Ada+L&tag=a&tag=b", Map.of()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("application/json");
    Map<?, ?> answer = (Map<?, ?>) parse(text(r));
    assertThat(answer.get("body")).isEqualTo(parse("{ \"name\": \"Ada L\", \"tag\": [\"a\", \"b\"] }"));
  }

  @Test
  void answersWhatTheRespondNodeChose() throws Exception {
    activate("{ \"method\": \"POST\", \"path\": \"respond\", \"responseMode\": \"responseNode\" }", """
        , { "name": "Respond", "type": "weft.respondToWebhook",
            "parameters": { "respondWith": "json", "responseCode": 201,
                            "responseBody": { "id": "{{ $json.body.id }}", "ok": true },
                            "headers": [ { "name": "X-Request", "value": "r-{{ $json.body.id }}" } ] } }""",
        ", { \"from\": \"Record\", \"to\": \"Respond\" }");
    WebhookResponse r = weft.webhooks().handle(request("POST", "respond", "application/json", "{\"id\": 5}", Map.of()));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.headers()).containsEntry("X-Request", "r-5");
    assertThat(parse(text(r))).isEqualTo(parse("{\"id\": 5, \"ok\": true}"));
  }

  @Test
  void theRespondNodeAnswersWhenItRunsWhileTheExecutionGoesOn() throws Exception {
    activate("{ \"method\": \"POST\", \"path\": \"early\", \"responseMode\": \"responseNode\" }", """
        , { "name": "Respond", "type": "weft.respondToWebhook",
            "parameters": { "respondWith": "text", "responseBody": "got {{ $json.body.id }}" } },
          { "name": "Slow", "type": "test.slow" }""",
        ", { \"from\": \"Record\", \"to\": \"Respond\" }, { \"from\": \"Respond\", \"to\": \"Slow\" }");
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<WebhookResponse> call = caller.submit(() ->
          weft.webhooks().handle(request("POST", "early", "application/json", "{\"id\": 7}", Map.of())));
      // the slow node waits for this test, so an answer sent only at the end of the execution never comes
      WebhookResponse r = call.get(60, TimeUnit.SECONDS);
      assertThat(r.status()).isEqualTo(200);
      assertThat(text(r)).isEqualTo("got 7");
      assertThat(slowStarted.await(60, TimeUnit.SECONDS)).as("the execution went on to the slow node").isTrue();
      assertThat(finished).as("the slow node still runs").isEmpty();
    } finally {
      releaseSlow.countDown();
      caller.shutdownNow();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (finished.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(finished).as("the execution finished after answering").hasSize(1);
  }

  @Test
  void aSecondRespondNodeDoesNotAnswerAgain() throws Exception {
    activate("{ \"method\": \"POST\", \"path\": \"twice\", \"responseMode\": \"responseNode\" }", """
        , { "name": "First", "type": "weft.respondToWebhook",
            "parameters": { "respondWith": "text", "responseBody": "first" } },
          { "name": "Second", "type": "weft.respondToWebhook",
            "parameters": { "respondWith": "text", "responseBody": "second" } }""",
        ", { \"from\": \"Record\", \"to\": \"First\" }, { \"from\": \"First\", \"to\": \"Second\" }");
    WebhookResponse r = weft.webhooks().handle(request("POST", "twice", "application/json", "{}", Map.of()));
    assertThat(text(r)).isEqualTo("first");
  }

  @Test
  void aRespondModeWithoutARespondNodeSaysSo() throws Exception {
    activate("{ \"method\": \"GET\", \"path\": \"nothing\", \"responseMode\": \"responseNode\" }", "", "");
    WebhookResponse r = weft.webhooks().handle(request("GET", "nothing", null, null, Map.of()));
    assertThat(r.status()).isEqualTo(500);
    assertThat(text(r)).contains("without a Respond to Webhook node");
  }

  @Test
  void storesUploadsAsBinaryAndFieldsAsN8nDoes() throws Exception {
    activate("{ \"method\": \"POST\", \"path\": \"upload\", \"responseMode\": \"lastNode\", \"responseData\": \"noData\" }",
        "", "");
    String body = "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n"
        + "--xyz\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\n"
        + "hello file\r\n--xyz--\r\n";
    WebhookResponse r = weft.webhooks().handle(request("POST", "upload", "multipart/form-data; boundary=xyz", body,
        Map.of()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    Item item = seen.get(0);
    assertThat(item.json().get("body")).isEqualTo(parse("{ \"a\": [\"b\"] }"));
    assertThat(item.binary().get("doc").fileName()).isEqualTo("notes.txt");
    assertThat(new String(binaries.readAll(item.binary().get("doc")), StandardCharsets.UTF_8)).isEqualTo("hello file");
  }

  @Test
  void refusesRequestsWithoutTheHeaderCredential() throws Exception {
    activate("{ \"method\": \"POST\", \"path\": \"secure\", \"authentication\": \"header\" }", "", "");
    assertThat(weft.webhooks().handle(request("POST", "secure", null, null, Map.of())).status()).isEqualTo(401);
    assertThat(weft.webhooks().handle(request("POST", "secure", null, null,
        Map.of("x-hook-key", List.of("wrong")))).status()).isEqualTo(401);
    assertThat(weft.webhooks().handle(request("POST", "secure", null, null,
        Map.of("x-hook-key", List.of("h-42")))).status()).isEqualTo(200);
  }

  @Test
  void answersBadJsonWith400AndOtherContentAsBinary() throws Exception {
    activate("{ \"method\": \"PUT\", \"path\": \"files\", \"responseMode\": \"lastNode\" }", "", "");
    WebhookResponse bad = weft.webhooks().handle(request("PUT", "files", "application/json", "{oops", Map.of()));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(text(bad)).contains("not valid JSON");

    WebhookResponse ok = weft.webhooks().handle(request("PUT", "files", "application/pdf", "%PDF-1.4", Map.of()));
    assertThat(ok.status()).isEqualTo(200);
    Item item = seen.get(seen.size() - 1);
    assertThat(item.binary().get("data").mimeType()).isEqualTo("application/pdf");
    assertThat(binaries.readAll(item.binary().get("data"))).isEqualTo("%PDF-1.4".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aWebhookNeedsAPath() {
    assertThatThrownBy(() -> activate("{ \"method\": \"POST\", \"path\": \"\" }", "", ""))
        .hasMessageContaining("path");
  }

  @Test
  void twoWorkflowsCannotShareAPath() throws Exception {
    activate("{ \"method\": \"POST\", \"path\": \"shared\" }", "", "");
    String other = """
        { "id": "wf-other", "name": "other", "nodes": [ { "name": "Hook", "type": "weft.webhook",
          "parameters": { "method": "POST", "path": "shared" } } ], "connections": [] }""";
    assertThatThrownBy(() -> weft.activate(Workflow.fromJson(other))).hasMessageContaining("already served");
  }
}
