package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.event.ExecutionEvent;
import dev.weft.spi.NodeException;
import dev.weft.spi.WebhookRequest;
import dev.weft.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EventsAndTriggersTest extends EngineTestSupport {

  @Test
  void listenersSeeEveryStepInOrder() {
    List<ExecutionEvent> events = new CopyOnWriteArrayList<>();
    weft.addListener(events::add);
    run("""
        {"name": "events", "nodes": [{"name": "Start", "type": "test.trigger"}, {"name": "Tag", "type": "test.tag"}],
         "connections": [{"from": "Start", "to": "Tag"}]}
        """);
    assertThat(events).extracting(e -> e.type() + (e.nodeName() == null ? "" : " " + e.nodeName())).containsExactly(
        "EXECUTION_STARTED", "NODE_STARTED Start", "NODE_FINISHED Start", "NODE_STARTED Tag", "NODE_FINISHED Tag",
        "EXECUTION_FINISHED");
    assertThat(events.get(4).itemCounts()).containsExactly(1);
    assertThat(events).extracting(ExecutionEvent::executionId).containsOnly(events.get(0).executionId());
  }

  @Test
  void aListenerThatThrowsCannotBreakAnExecution() {
    weft.addListener(e -> {
      throw new IllegalStateException("listener bug");
    });
    assertThat(run("""
        {"name": "robust", "nodes": [{"name": "Start", "type": "test.trigger"}]}
        """).succeeded()).isTrue();
  }

  @Test
  void aCronScheduleStartsExecutions() throws Exception {
    weft.activate(wf("""
        {"id": "cron", "name": "every second", "nodes": [
          {"name": "Tick", "type": "test.trigger", "parameters": {"cron": "* * * * * *"}}]}
        """));
    long deadline = System.currentTimeMillis() + 4000;
    while (TestNodes.calls("Tick") < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    weft.deactivate("cron");
    assertThat(TestNodes.calls("Tick")).isGreaterThanOrEqualTo(2);
    assertThat(TestNodes.SEEN.get("Tick").get(0).json()).isEqualTo(Map.of("tick", "cron"));
    int after = TestNodes.calls("Tick");
    Thread.sleep(1200);
    assertThat(TestNodes.calls("Tick")).as("no execution after deactivation").isLessThanOrEqualTo(after + 1);
  }

  @Test
  void aMalformedCronNamesTheNodeAndParameter() {
    assertThatThrownBy(() -> weft.activate(wf("""
        {"id": "bad", "name": "bad cron", "nodes": [
          {"name": "Tick", "type": "test.trigger", "parameters": {"cron": "every day"}}]}
        """))).isInstanceOf(NodeException.class)
        .hasMessageContaining("trigger 'Tick' cannot start: 'every day' is not a valid cron expression")
        .extracting(e -> ((NodeException) e).parameter()).isEqualTo("cron");
  }

  @Test
  void aPollerStartsExecutionsAtItsInterval() throws Exception {
    weft.activate(wf("""
        {"id": "poll", "name": "poll", "nodes": [
          {"name": "Poll", "type": "test.trigger", "parameters": {"everyMs": 50}}]}
        """));
    long deadline = System.currentTimeMillis() + 4000;
    while (TestNodes.calls("Poll") < 3 && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    weft.deactivate("poll");
    assertThat(TestNodes.calls("Poll")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void webhooksAreServedWhileTheWorkflowIsActive() throws Exception {
    weft.activate(wf("""
        {"id": "hook", "name": "hook", "nodes": [
          {"name": "Hook", "type": "test.trigger", "parameters": {"path": "orders/:id"}},
          {"name": "Tag", "type": "test.tag", "parameters": {"value": "{{ $json.id }}"}}],
         "connections": [{"from": "Hook", "to": "Tag"}]}
        """));
    assertThat(weft.webhooks().routes()).containsExactly("POST /orders/:id");
    WebhookResponse ok = weft.webhooks().handle(request("POST", "/orders/42/", "hello"));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(new String(ok.body(), StandardCharsets.UTF_8))
        .isEqualTo("[{\"body\":\"hello\",\"id\":\"42\",\"tag\":\"42\"}]");
    assertThat(weft.webhooks().handle(request("GET", "/orders/42", "")).status()).isEqualTo(405);
    assertThat(weft.webhooks().handle(request("POST", "/other", "")).status()).isEqualTo(404);
    assertThatThrownBy(() -> weft.activate(wf("""
        {"id": "hook2", "name": "clash", "nodes": [
          {"name": "Hook", "type": "test.trigger", "parameters": {"path": "/orders/:key"}}]}
        """))).hasMessageContaining("POST /orders/:key is already served by workflow 'hook' node 'Hook'");
    weft.deactivate("hook");
    assertThat(weft.webhooks().handle(request("POST", "/orders/42", "")).status()).isEqualTo(404);
  }

  private static WebhookRequest request(String method, String path, String body) {
    return new WebhookRequest(method, path, Map.of(), Map.of(), Map.of(), "text/plain",
        body.getBytes(StandardCharsets.UTF_8));
  }
}
