package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAndErrorTest extends EngineTestSupport {

  private static String flaky(int failTimes, int maxTries, String onError) {
    return """
        {"name": "retry", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Flaky", "type": "test.fail", "parameters": {"failTimes": %d},
           "retry": {"maxTries": %d, "waitMs": 10, "backoff": 2.0}, "onError": "%s"},
          {"name": "After", "type": "test.tag", "parameters": {"value": "after"}}],
         "connections": [{"from": "Start", "to": "Flaky"}, {"from": "Flaky", "to": "After"}]}
        """.formatted(failTimes, maxTries, onError);
  }

  @Test
  void retriesUntilTheNodeSucceeds() {
    long t0 = System.nanoTime();
    ExecutionResult r = run(flaky(2, 3, "stop"));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(TestNodes.calls("Flaky")).isEqualTo(3);
    assertThat(r.runs("Flaky").get(0).tries()).isEqualTo(3);
    assertThat(ms).as("waits 10 ms then 20 ms (backoff 2)").isGreaterThanOrEqualTo(30);
  }

  @Test
  void failsAfterTheLastTry() {
    ExecutionResult r = run(flaky(5, 2, "stop"));
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(TestNodes.calls("Flaky")).isEqualTo(2);
    assertThat(r.error().nodeName()).isEqualTo("Flaky");
    assertThat(r.error().message()).isEqualTo("node 'Flaky' (test.fail) failed: failure 2 of 5");
    assertThat(r.runs("After")).isEmpty();
  }

  @Test
  void retryCombinesWithContinue() {
    ExecutionResult r = run(flaky(5, 3, "continue"), List.of(Item.of("a", 1)));
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(TestNodes.calls("Flaky")).isEqualTo(3);
    assertThat(r.runs("Flaky").get(0).error().message()).contains("failure 3 of 5");
    assertThat(json(r.output())).containsExactly(Map.of("a", 1, "tag", "after"));
  }

  @Test
  void wholeNodeFailureGoesToTheErrorOutput() {
    ExecutionResult r = run("""
        {"name": "errout", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Fail", "type": "test.fail", "parameters": {"always": true, "message": "no way"}, "onError": "errorOutput"},
          {"name": "Ok", "type": "test.tag"},
          {"name": "Handle", "type": "test.tag", "parameters": {"value": "handled"}}],
         "connections": [{"from": "Start", "to": "Fail"}, {"from": "Fail", "output": 0, "to": "Ok"},
           {"from": "Fail", "output": 1, "to": "Handle"}]}
        """, List.of(Item.of("a", 1)));
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(r.runs("Ok")).isEmpty();
    assertThat(json(r.output())).containsExactly(Map.of("a", 1, "error", "no way", "tag", "handled"));
  }

  @Test
  void failedItemsAreRoutedItemByItem() {
    String wf = """
        {"name": "items", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Check", "type": "test.fail", "onError": "%s"},
          {"name": "Bad", "type": "test.tag", "parameters": {"value": "bad"}}],
         "connections": [{"from": "Start", "to": "Check"}, {"from": "Check", "output": 1, "to": "Bad"}]}
        """;
    List<Item> input = List.of(Item.of("n", 0), Item.of("n", 1, "fail", true), Item.of("n", 2));

    ExecutionResult errorOutput = run(wf.formatted("errorOutput"), input);
    assertThat(json(errorOutput.items("Check"))).containsExactly(Map.of("n", 0), Map.of("n", 2));
    assertThat(json(errorOutput.items("Bad"))).containsExactly(
        Map.of("n", 1, "fail", true, "error", "item 1 is bad", "tag", "bad"));

    ExecutionResult continued = run(wf.formatted("continue").replace(", {\"from\": \"Check\", \"output\": 1, \"to\": \"Bad\"}", ""), input);
    assertThat(json(continued.items("Check"))).containsExactly(Map.of("n", 0), Map.of("error", "item 1 is bad"),
        Map.of("n", 2));

    ExecutionResult stopped = run(wf.formatted("stop").replace(", {\"from\": \"Check\", \"output\": 1, \"to\": \"Bad\"}", ""), input);
    assertThat(stopped.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(stopped.error().itemIndex()).isEqualTo(1);
    assertThat(stopped.error().message()).isEqualTo("node 'Check' (test.fail) failed, item 1: item 1 is bad");
  }

  @Test
  void anErrorWorkflowReceivesTheFailure() throws Exception {
    weft.save(wf("""
        {"id": "on-error", "name": "on error", "nodes": [
          {"name": "Caught", "type": "test.trigger"}]}
        """));
    ExecutionResult failed = run("""
        {"id": "main", "name": "main", "settings": {"errorWorkflow": "on-error"}, "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Boom", "type": "test.fail", "parameters": {"always": true, "message": "kaput"}}],
         "connections": [{"from": "Start", "to": "Boom"}]}
        """);
    assertThat(failed.status()).isEqualTo(ExecutionStatus.ERROR);
    long deadline = System.currentTimeMillis() + 5000;
    while (TestNodes.calls("Caught") == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(TestNodes.calls("Caught")).isEqualTo(1);
    Map<String, Object> item = TestNodes.SEEN.get("Caught").get(0).json();
    assertThat(dev.weft.spi.Json.get(item, "execution.id")).isEqualTo(failed.executionId());
    assertThat(dev.weft.spi.Json.get(item, "execution.error.message")).isEqualTo(failed.error().message());
    assertThat(dev.weft.spi.Json.get(item, "execution.error.node.name")).isEqualTo("Boom");
    assertThat(dev.weft.spi.Json.get(item, "execution.lastNodeExecuted")).isEqualTo("Boom");
    assertThat(dev.weft.spi.Json.get(item, "execution.mode")).isEqualTo("manual");
    assertThat(dev.weft.spi.Json.get(item, "workflow")).isEqualTo(Map.of("id", "main", "name", "main"));
  }
}
