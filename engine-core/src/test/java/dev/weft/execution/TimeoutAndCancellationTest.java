package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.spi.Item;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeoutAndCancellationTest extends EngineTestSupport {

  private static String sleeper(long ms, String nodeExtra, String settings) {
    return """
        {"name": "slow", "settings": {%s}, "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Slow", "type": "test.sleep", "parameters": {"ms": %d} %s},
          {"name": "After", "type": "test.tag"}],
         "connections": [{"from": "Start", "to": "Slow"}, {"from": "Slow", "to": "After"}]}
        """.formatted(settings, ms, nodeExtra);
  }

  @Test
  void aNodePastItsTimeLimitFails() {
    long t0 = System.nanoTime();
    ExecutionResult r = run(sleeper(10_000, ", \"timeoutMs\": 100", ""));
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().message())
        .isEqualTo("node 'Slow' (test.sleep) failed: the node did not finish within its time limit of 100 ms");
  }

  @Test
  void aTimedOutNodeIsRetriedAndThenContinues() {
    ExecutionResult r = run(sleeper(10_000,
        ", \"timeoutMs\": 50, \"retry\": {\"maxTries\": 2, \"waitMs\": 0}, \"onError\": \"continue\"", ""),
        List.of(Item.of("a", 1)));
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(TestNodes.calls("Slow")).isEqualTo(2);
    assertThat(r.runs("After")).hasSize(1);
  }

  @Test
  void anExecutionPastItsTimeLimitFails() {
    ExecutionResult r = run(sleeper(10_000, "", "\"timeoutMs\": 150"));
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().message()).isEqualTo("the execution exceeded its time limit of 150 ms");
    assertThat(r.runs("After")).isEmpty();
  }

  @Test
  void cancellingStopsARunningExecution() throws Exception {
    CompletableFuture<String> started = new CompletableFuture<>();
    weft.addListener(e -> {
      if (e.type() == dev.weft.event.ExecutionEvent.Type.NODE_STARTED && "Slow".equals(e.nodeName())) {
        started.complete(e.executionId());
      }
    });
    CompletableFuture<ExecutionResult> future = weft.runAsync(wf(sleeper(10_000, "", "")), List.of(Item.empty()));
    String id = started.get(5, TimeUnit.SECONDS);
    assertThat(weft.cancel(id)).isTrue();
    ExecutionResult r = future.get(5, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(r.runs("After")).isEmpty();
    assertThat(weft.cancel(id)).isFalse();
  }
}
