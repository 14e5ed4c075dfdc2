package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.event.ExecutionEvent;
import dev.weft.spi.Item;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.InMemoryExecutionStore;
import dev.weft.store.TestClock;
import dev.weft.workflow.Workflow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Executions of workflows that save no data write nothing until they end while they are short, and become durable
 * like the others once they run long or wait.
 */
class UnsavedExecutionRecordingTest {
  /** Each write of an execution raises its version by one: create gives 1, every update one more. */
  private final InMemoryExecutionStore memory = new InMemoryExecutionStore();

  @BeforeEach
  void reset() {
    TestNodes.reset();
  }

  private Weft engine(Clock clock) {
    return Weft.builder().discoverNodePacks(false).nodePack(new TestNodes()).executionStore(memory).clock(clock)
        .build();
  }

  private static Workflow threeSteps(String saveData) {
    return Workflow.fromJson("""
        {"name": "three steps", "settings": {"saveData": "%s"}, "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "First", "type": "test.tag", "parameters": {"key": "first", "value": "one"}},
          {"name": "Last", "type": "test.tag", "parameters": {"key": "last", "value": "two"}}],
         "connections": [{"from": "Start", "to": "First"}, {"from": "First", "to": "Last"}]}
        """.formatted(saveData));
  }

  @Test
  void aShortUnsavedExecutionWritesOnlyItsOutcome() {
    try (Weft weft = engine(Clock.systemUTC())) {
      ExecutionResult result = weft.run(threeSteps("none"), List.of(Item.of("n", 1)));
      assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCESS);
      ExecutionRecord stored = memory.get(result.executionId()).orElseThrow();
      assertThat(stored.status()).isEqualTo(ExecutionRecord.Status.SUCCESS);
      assertThat(stored.version()).as("written once: no start record, no checkpoints").isEqualTo(1);
      assertThat(stored.data()).as("no checkpoint left behind").doesNotContainKeys("state", "workflow");
      @SuppressWarnings("unchecked")
      Map<String, List<Map<String, Object>>> runs = (Map<String, List<Map<String, Object>>>) stored.data().get("runs");
      assertThat(runs.get("Last").get(0).get("outputItems")).as("counts are kept").isEqualTo(List.of(1));
      assertThat(runs.get("Last").get(0).get("outputs")).as("items are not").isEqualTo(List.of(List.of()));
    }
  }

  @Test
  void aSavedExecutionStillWritesItsStartAndACheckpointPerNode() {
    try (Weft weft = engine(Clock.systemUTC())) {
      ExecutionResult result = weft.run(threeSteps("all"), List.of(Item.of("n", 1)));
      ExecutionRecord stored = memory.get(result.executionId()).orElseThrow();
      assertThat(stored.status()).isEqualTo(ExecutionRecord.Status.SUCCESS);
      assertThat(stored.version()).as("start record, a checkpoint after each of 3 nodes, outcome").isEqualTo(5);
    }
  }

  @Test
  void anUnsavedExecutionRunningPastItsGraceIsCheckpointedFromThenOn() throws Exception {
    TestClock clock = new TestClock();
    try (Weft weft = engine(clock)) {
      CompletableFuture<ExecutionRecord> seenBeforeLast = new CompletableFuture<>();
      weft.addListener(e -> {
        if (e.type() == ExecutionEvent.Type.NODE_FINISHED && "Start".equals(e.nodeName())) {
          clock.advance(ExecutionRecorder.UNSAVED_GRACE.plus(Duration.ofMillis(1)));
        }
        if (e.type() == ExecutionEvent.Type.NODE_STARTED && "Last".equals(e.nodeName())) {
          seenBeforeLast.complete(memory.get(e.executionId()).orElse(null));
        }
      });
      ExecutionResult result = weft.run(threeSteps("none"), List.of(Item.of("n", 1)));
      assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCESS);
      ExecutionRecord running = seenBeforeLast.get(5, TimeUnit.SECONDS);
      assertThat(running).as("recorded once it ran longer than the grace").isNotNull();
      assertThat(running.status()).isEqualTo(ExecutionRecord.Status.RUNNING);
      assertThat(running.data()).containsKeys("workflow", "state", "heartbeatAt");
      assertThat(running.version()).as("recorded after Start, checkpointed after First").isEqualTo(2);
      assertThat(memory.get(result.executionId()).orElseThrow().version())
          .as("then checkpointed after Last, then its outcome").isEqualTo(4);
    }
  }

  @Test
  void aWaitingUnsavedExecutionSurvivesARestart() {
    Workflow approval = Workflow.fromJson("""
        {"name": "approval", "settings": {"saveData": "none"}, "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Approve", "type": "test.suspend"}, {"name": "Done", "type": "test.tag", "parameters": {"value": "ok"}}],
         "connections": [{"from": "Start", "to": "Approve"}, {"from": "Approve", "to": "Done"}]}
        """);
    String id;
    try (Weft first = engine(Clock.systemUTC())) {
      ExecutionResult waiting = first.run(approval, List.of(Item.of("order", 7)));
      assertThat(waiting.status()).isEqualTo(ExecutionStatus.WAITING);
      id = waiting.executionId();
    }
    ExecutionRecord stored = memory.get(id).orElseThrow();
    assertThat(stored.status()).isEqualTo(ExecutionRecord.Status.WAITING);
    assertThat(stored.version()).as("written once, when it began to wait").isEqualTo(1);
    try (Weft second = engine(Clock.systemUTC())) {
      ExecutionResult done = second.resume(id, Map.of("approved", true));
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(done.output().get(0).json())
          .isEqualTo(Map.of("order", 7, "resumedByCall", true, "approved", true, "tag", "ok"));
      assertThat(TestNodes.calls("Start")).isEqualTo(1);
    }
    assertThat(memory.get(id).orElseThrow().status()).isEqualTo(ExecutionRecord.Status.SUCCESS);
  }
}
