package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.event.ExecutionEvent;
import dev.weft.spi.Item;
import dev.weft.store.ExecutionQuery;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.ExecutionStore;
import dev.weft.store.InMemoryExecutionStore;
import dev.weft.store.Page;
import dev.weft.store.PrunePolicy;
import dev.weft.workflow.Workflow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checkpoints after each node let another engine continue an execution whose engine died, without rerunning nodes. */
class DurableExecutionTest {
  private final InMemoryExecutionStore memory = new InMemoryExecutionStore();
  private final FreezableStore store = new FreezableStore(memory);

  @BeforeEach
  void reset() {
    TestNodes.reset();
  }

  private static Weft engine(ExecutionStore store, Clock clock) {
    return Weft.builder().discoverNodePacks(false).nodePack(new TestNodes()).executionStore(store).clock(clock).build();
  }

  private static final String THREE_STEPS = """
      {"name": "three steps", "nodes": [{"name": "Start", "type": "test.trigger"},
        {"name": "First", "type": "test.tag", "parameters": {"key": "first", "value": "{{ $json.n * 10 }}"}},
        {"name": "Slow", "type": "test.sleep", "parameters": {"ms": 300}},
        {"name": "Last", "type": "test.tag", "parameters": {"key": "last", "value": "{{ $node(\\"First\\").json.first + 1 }}"}}],
       "connections": [{"from": "Start", "to": "First"}, {"from": "First", "to": "Slow"}, {"from": "Slow", "to": "Last"}]}
      """;

  @Test
  void anotherEngineContinuesFromTheLastFinishedNodeWhenAnEngineDies() throws Exception {
    Weft first = engine(store, Clock.systemUTC());
    CompletableFuture<String> slowStarted = new CompletableFuture<>();
    first.addListener(e -> {
      if (e.type() == ExecutionEvent.Type.NODE_STARTED && "Slow".equals(e.nodeName())) {
        store.frozen = true; // the JVM "dies" here: nothing it writes from now on reaches the store
        slowStarted.complete(e.executionId());
      }
    });
    first.runAsync(Workflow.fromJson(THREE_STEPS), List.of(Item.of("n", 4)));
    String id = slowStarted.get(5, TimeUnit.SECONDS);
    first.close();
    assertThat(memory.get(id).orElseThrow().status()).isEqualTo(ExecutionRecord.Status.RUNNING);
    assertThat(TestNodes.calls("First")).isEqualTo(1);

    // a minute later, a new engine on the same store finds the execution's heartbeat stale and continues it
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));
    try (Weft second = engine(memory, later)) {
      ExecutionResult result = second.whenFinished(id).get(5, TimeUnit.SECONDS);
      assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(TestNodes.calls("First")).as("a finished node never runs twice").isEqualTo(1);
      assertThat(TestNodes.calls("Start")).isEqualTo(1);
      assertThat(TestNodes.calls("Slow")).as("the node that was running when the engine died runs again")
          .isBetween(1, 2);
      assertThat(TestNodes.calls("Last")).isEqualTo(1);
      assertThat(result.output().get(0).json()).isEqualTo(Map.of("n", 4, "first", 40L, "last", 41L));
      assertThat(memory.get(id).orElseThrow().status()).isEqualTo(ExecutionRecord.Status.SUCCESS);
    }
  }

  @Test
  void aLiveEnginesExecutionIsNotTakenOver() throws Exception {
    try (Weft first = engine(memory, Clock.systemUTC())) {
      CompletableFuture<String> slowStarted = new CompletableFuture<>();
      first.addListener(e -> {
        if (e.type() == ExecutionEvent.Type.NODE_STARTED && "Slow".equals(e.nodeName())) {
          slowStarted.complete(e.executionId());
        }
      });
      CompletableFuture<ExecutionResult> done = first.runAsync(Workflow.fromJson(THREE_STEPS), List.of(Item.of("n", 1)));
      slowStarted.get(5, TimeUnit.SECONDS);
      try (Weft second = engine(memory, Clock.systemUTC())) {
        assertThat(second.recover().resumedRunning()).isEmpty();
      }
      assertThat(done.get(5, TimeUnit.SECONDS).status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(TestNodes.calls("Slow")).isEqualTo(1);
    }
  }

  @Test
  void aWaitingExecutionSurvivesARestart() {
    String id;
    try (Weft first = engine(memory, Clock.systemUTC())) {
      ExecutionResult waiting = first.run(Workflow.fromJson("""
          {"name": "approval", "nodes": [{"name": "Start", "type": "test.trigger"},
            {"name": "Approve", "type": "test.suspend"}, {"name": "Done", "type": "test.tag", "parameters": {"value": "ok"}}],
           "connections": [{"from": "Start", "to": "Approve"}, {"from": "Approve", "to": "Done"}]}
          """), List.of(Item.of("order", 7)));
      assertThat(waiting.status()).isEqualTo(ExecutionStatus.WAITING);
      id = waiting.executionId();
    }
    try (Weft second = engine(memory, Clock.systemUTC())) {
      ExecutionResult done = second.resume(id, Map.of("approved", true));
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(done.output().get(0).json())
          .isEqualTo(Map.of("order", 7, "resumedByCall", true, "approved", true, "tag", "ok"));
      assertThat(TestNodes.calls("Start")).isEqualTo(1);
    }
  }

  @Test
  void aTimedWaitResumesOnTimeAfterARestart() throws Exception {
    String id;
    try (Weft first = engine(memory, Clock.systemUTC())) {
      id = first.run(Workflow.fromJson("""
          {"name": "later", "nodes": [{"name": "Start", "type": "test.trigger"},
            {"name": "Pause", "type": "test.suspend", "parameters": {"afterMs": 300}}],
           "connections": [{"from": "Start", "to": "Pause"}]}
          """)).executionId();
    }
    try (Weft second = engine(memory, Clock.systemUTC())) {
      assertThat(second.whenFinished(id).get(5, TimeUnit.SECONDS).status()).isEqualTo(ExecutionStatus.SUCCESS);
    }
  }

  @Test
  void aCorruptCheckpointEndsTheExecutionWithItsReasonInsteadOfLoopingAtEachStart() {
    memory.create(new ExecutionRecord("broken-1", null, "x", ExecutionRecord.Status.WAITING, "manual", Instant.now(),
        null, null, null, null, null, Map.of(), Map.of("workflow", Map.of("name", "x", "nodes", List.of(
            Map.of("name", "A", "type", "test.trigger"))), "state", Map.of("format", 99)), 0));
    try (Weft weft = engine(memory, Clock.systemUTC())) {
      // build() tried it once and ended it as failed, so that no later start tries again
      assertThat(weft.recover().failed()).isEmpty();
      assertThat(weft.whenFinished("broken-1")).isNull();
    }
    ExecutionRecord record = memory.get("broken-1").orElseThrow();
    assertThat(record.status()).isEqualTo(ExecutionRecord.Status.ERROR);
    assertThat(record.errorMessage()).isEqualTo("the execution could not be recovered: the checkpoint of execution "
        + "broken-1 cannot be read: unsupported checkpoint format 99 (this engine reads 1)");
  }

  /** A store whose writes stop landing once frozen: what a store looks like after its engine's JVM died. */
  static final class FreezableStore implements ExecutionStore {
    private final ExecutionStore delegate;
    volatile boolean frozen;

    FreezableStore(ExecutionStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public ExecutionRecord create(ExecutionRecord record) {
      return frozen ? record : delegate.create(record);
    }

    @Override
    public ExecutionRecord update(ExecutionRecord record, long expectedVersion) {
      if (frozen) {
        return new ExecutionRecord(record.id(), record.workflowId(), record.workflowName(), record.status(),
            record.mode(), record.startedAt(), record.finishedAt(), record.waitUntil(), record.errorMessage(),
            record.errorNode(), record.parentExecutionId(), record.customData(), record.data(), expectedVersion + 1);
      }
      return delegate.update(record, expectedVersion);
    }

    @Override
    public Optional<ExecutionRecord> get(String id) {
      return delegate.get(id);
    }

    @Override
    public Page<ExecutionRecord> list(ExecutionQuery query) {
      return delegate.list(query);
    }

    @Override
    public boolean delete(String id) {
      return delegate.delete(id);
    }

    @Override
    public List<ExecutionRecord> waitingDueBefore(Instant time, int limit) {
      return delegate.waitingDueBefore(time, limit);
    }

    @Override
    public List<ExecutionRecord> findByStatus(ExecutionRecord.Status status, int limit) {
      return delegate.findByStatus(status, limit);
    }

    @Override
    public int prune(PrunePolicy policy) {
      return delegate.prune(policy);
    }
  }
}
