package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SubWorkflowAndWaitTest extends EngineTestSupport {

  private static final String CHILD = """
      {"id": "child", "name": "child", "nodes": [
        {"name": "In", "type": "test.trigger"},
        {"name": "Mark", "type": "test.tag", "parameters": {"key": "child", "value": true}}],
       "connections": [{"from": "In", "to": "Mark"}]}
      """;

  @Test
  void aSubWorkflowsOutputBecomesTheNodesOutput() {
    weft.save(wf(CHILD));
    ExecutionResult r = run("""
        {"name": "parent", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Call", "type": "test.sub", "parameters": {"workflowId": "child"}}],
         "connections": [{"from": "Start", "to": "Call"}]}
        """, List.of(Item.of("n", 1), Item.of("n", 2)));
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(json(r.output())).containsExactly(Map.of("n", 1, "child", true), Map.of("n", 2, "child", true));
  }

  @Test
  void anInlineSubWorkflowRuns() {
    ExecutionResult r = run("""
        {"name": "parent", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Call", "type": "test.sub", "parameters": {"workflow": %s}}],
         "connections": [{"from": "Start", "to": "Call"}]}
        """.formatted(CHILD));
    assertThat(json(r.output())).containsExactly(Map.of("child", true));
  }

  @Test
  void aFailingSubWorkflowFailsTheCallingNodeWithItsReason() {
    weft.save(wf("""
        {"id": "bad", "name": "bad child", "nodes": [
          {"name": "In", "type": "test.trigger"},
          {"name": "Boom", "type": "test.fail", "parameters": {"always": true, "message": "deep failure"}}],
         "connections": [{"from": "In", "to": "Boom"}]}
        """));
    ExecutionResult r = run("""
        {"name": "parent", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Call", "type": "test.sub", "parameters": {"workflowId": "bad"}}],
         "connections": [{"from": "Start", "to": "Call"}]}
        """);
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().message()).contains("node 'Call' (test.sub) failed: sub-workflow 'bad child'")
        .contains("node 'Boom' (test.fail) failed, parameter 'always': deep failure");
  }

  @Test
  void fireAndForgetReturnsAtOnce() throws Exception {
    weft.save(wf(CHILD));
    ExecutionResult r = run("""
        {"name": "parent", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Call", "type": "test.sub", "parameters": {"workflowId": "child", "wait": false}}],
         "connections": [{"from": "Start", "to": "Call"}]}
        """);
    String childId = (String) r.output().get(0).json().get("child");
    assertThat(childId).isNotBlank();
    var finished = weft.whenFinished(childId);
    if (finished != null) {
      assertThat(finished.get(5, TimeUnit.SECONDS).status()).isEqualTo(ExecutionStatus.SUCCESS);
    }
    long deadline = System.currentTimeMillis() + 5000;
    while (TestNodes.calls("Mark") == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    assertThat(TestNodes.calls("Mark")).isEqualTo(1);
  }

  private static final String WAITING = """
      {"name": "wait", "nodes": [
        {"name": "Start", "type": "test.trigger"},
        {"name": "Pause", "type": "test.suspend" %s},
        {"name": "After", "type": "test.tag", "parameters": {"value": "after"}}],
       "connections": [{"from": "Start", "to": "Pause"}, {"from": "Pause", "to": "After"}]}
      """;

  @Test
  void anExecutionWaitsUntilResumedByACall() {
    ExecutionResult waiting = run(WAITING.formatted(""), List.of(Item.of("a", 1)));
    assertThat(waiting.status()).isEqualTo(ExecutionStatus.WAITING);
    assertThat(waiting.waitUntil()).isNull();
    assertThat(waiting.runs("After")).isEmpty();
    ExecutionResult done = weft.resume(waiting.executionId(), Map.of("approved", true));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(json(done.output())).containsExactly(
        Map.of("a", 1, "resumedByCall", true, "approved", true, "tag", "after"));
    assertThat(done.runs("Pause")).hasSize(1);
    assertThatThrownBy(() -> weft.resume(waiting.executionId(), Map.of()))
        .hasMessageContaining("no execution with id '" + waiting.executionId() + "' is waiting");
  }

  @Test
  void anExecutionResumesByItselfOnTime() throws Exception {
    ExecutionResult waiting = run(WAITING.formatted(", \"parameters\": {\"afterMs\": 100}"));
    assertThat(waiting.status()).isEqualTo(ExecutionStatus.WAITING);
    assertThat(waiting.waitUntil()).isNotNull();
    ExecutionResult done = weft.whenFinished(waiting.executionId()).get(5, TimeUnit.SECONDS);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(json(done.output())).containsExactly(Map.of("resumedByCall", false, "tag", "after"));
  }

  @Test
  void aWaitingExecutionCanBeCancelled() throws Exception {
    ExecutionResult waiting = run(WAITING.formatted(""));
    var finished = weft.whenFinished(waiting.executionId());
    assertThat(weft.cancel(waiting.executionId())).isTrue();
    assertThat(finished.get(5, TimeUnit.SECONDS).status()).isEqualTo(ExecutionStatus.CANCELLED);
  }
}
