package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.cluster.LocalClusterBus;
import dev.weft.cluster.LocalTickLock;
import dev.weft.cluster.Workers;
import dev.weft.event.ExecutionEvent;
import dev.weft.spi.Item;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.InMemoryExecutionStore;
import dev.weft.store.InMemoryWorkQueue;
import dev.weft.store.TestClock;
import dev.weft.workflow.Workflow;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queue mode within one process: engines sharing a work queue, an execution store and a bus behave as the instances
 * of one deployment (the JDBC and Redis modules run the same scenarios across processes).
 */
class QueueModeTest {
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();
  private InMemoryWorkQueue queue = new InMemoryWorkQueue();
  private final LocalClusterBus bus = new LocalClusterBus();
  private final LocalTickLock ticks = new LocalTickLock();
  private final List<Weft> engines = new ArrayList<>();
  /** Node starts per execution and node, across every engine. */
  private final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();

  @BeforeEach
  void reset() {
    TestNodes.reset();
  }

  @AfterEach
  void close() {
    engines.forEach(Weft::close);
    bus.close();
  }

  private Weft engine(Clock clock) {
    return engine(clock, 10);
  }

  private Weft engine(Clock clock, long slowMs) {
    Weft weft = Weft.builder().discoverNodePacks(false).nodePack(new TestNodes()).executionStore(store)
        .workQueue(queue).clusterBus(bus).tickLock(ticks).clock(clock).variable("slowMs", slowMs).build();
    weft.addListener(e -> {
      if (e.type() == ExecutionEvent.Type.NODE_STARTED) {
        starts.computeIfAbsent(e.executionId() + "/" + e.nodeName(), k -> new AtomicInteger()).incrementAndGet();
      }
    });
    engines.add(weft);
    return weft;
  }

  private Weft engine() {
    return engine(Clock.systemUTC());
  }

  private int started(String executionId, String node) {
    AtomicInteger n = starts.get(executionId + "/" + node);
    return n == null ? 0 : n.get();
  }

  private static final Workflow TWO_STEPS = Workflow.fromJson("""
      {"name": "two steps", "nodes": [{"name": "Start", "type": "test.trigger"},
        {"name": "Tag", "type": "test.tag", "parameters": {"key": "doubled", "value": "{{ $json.n * 2 }}"}}],
       "connections": [{"from": "Start", "to": "Tag"}]}
      """);

  @Test
  void anEnqueuedExecutionRunsOnAWorkerAndItsResultReachesTheCaller() throws Exception {
    Weft main = engine();
    Weft worker = engine();
    worker.startWorkers("w1", 2);

    // a Long, as JSON reads it: the result may come over the bus (through JSON) or from the in-memory store (as given)
    String id = main.enqueue(TWO_STEPS, List.of(Item.of("n", 21L)));
    ExecutionResult result = main.whenFinished(id).get(10, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(result.output().get(0).json()).isEqualTo(Map.of("n", 21L, "doubled", 42L));
    assertThat(store.get(id).orElseThrow().status()).isEqualTo(ExecutionRecord.Status.SUCCESS);
    assertThat(awaitEmptyQueue()).as("acknowledged messages are gone").isZero();
  }

  @Test
  void withoutWorkersAQueuedExecutionWaitsAsNew() {
    Weft main = engine();
    String id = main.enqueue(TWO_STEPS, List.of(Item.of("n", 1)));
    assertThat(store.get(id).orElseThrow().status()).isEqualTo(ExecutionRecord.Status.NEW);
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void anInvalidWorkflowIsRefusedAtEnqueueAndNothingIsQueued() {
    Weft main = engine();
    Workflow broken = Workflow.fromJson("""
        {"name": "broken", "nodes": [{"name": "Start", "type": "test.trigger"}, {"name": "X", "type": "test.nope"}],
         "connections": [{"from": "Start", "to": "X"}]}
        """);
    assertThatThrownBy(() -> main.enqueue(broken, List.of(Item.empty())))
        .hasMessageContaining("test.nope");
    assertThat(queue.size()).isZero();
  }

  @Test
  void twoEnginesDrainASharedQueueWithEachExecutionRunOnce() throws Exception {
    Weft a = engine();
    Weft b = engine();
    a.startWorkers("a", 4);
    b.startWorkers("b", 4);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      ids.add((i % 2 == 0 ? a : b).enqueue(TWO_STEPS, List.of(Item.of("n", i))));
    }
    for (int i = 0; i < ids.size(); i++) {
      ExecutionResult r = a.whenFinished(ids.get(i)).get(30, TimeUnit.SECONDS);
      assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(r.output().get(0).json().get("doubled")).isEqualTo(2L * i);
    }
    for (String id : ids) {
      assertThat(started(id, "Tag")).as("execution %s ran its node once", id).isEqualTo(1);
    }
    assertThat(awaitEmptyQueue()).isZero();
  }

  /** The result reaches waiters just before the worker acknowledges, so the queue empties a moment later. */
  private long awaitEmptyQueue() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (queue.size() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return queue.size();
  }

  @Test
  void whenAWorkerDiesAnotherContinuesFromTheLastFinishedNode() throws Exception {
    TestClock clock = new TestClock();
    queue = new InMemoryWorkQueue(clock);
    Weft main = engine(clock);
    Weft dying = engine(clock, 60_000);
    Workflow threeSteps = Workflow.fromJson("""
        {"name": "three steps", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "First", "type": "test.tag", "parameters": {"key": "first", "value": "{{ $json.n * 10 }}"}},
          {"name": "Slow", "type": "test.sleep", "parameters": {"ms": "{{ $vars.slowMs }}"}},
          {"name": "Last", "type": "test.tag", "parameters": {"key": "last", "value": "{{ $json.first + 1 }}"}}],
         "connections": [{"from": "Start", "to": "First"}, {"from": "First", "to": "Slow"},
                         {"from": "Slow", "to": "Last"}]}
        """);
    CompletableFuture<String> slowStarted = new CompletableFuture<>();
    dying.addListener(e -> {
      if (e.type() == ExecutionEvent.Type.NODE_STARTED && "Slow".equals(e.nodeName())) {
        slowStarted.complete(e.executionId());
      }
    });
    Workers dyingWorkers = dying.startWorkers("dying", 1);
    String id = main.enqueue(threeSteps, List.of(Item.of("n", 4)));
    assertThat(slowStarted.get(10, TimeUnit.SECONDS)).isEqualTo(id);
    dyingWorkers.stop(Duration.ZERO);
    dying.close(); // stands for kill -9: the outcome is not recorded and the lease is not released
    engines.remove(dying);
    assertThat(store.get(id).orElseThrow().status()).isEqualTo(ExecutionRecord.Status.RUNNING);

    TestNodes.CALLS.clear(); // from here on, count what the second worker runs
    clock.advance(Duration.ofMinutes(2)); // the lease and the heartbeat are long expired
    Weft survivor = engine(clock, 10); // the node that had not finished runs again, quickly this time
    survivor.startWorkers("survivor", 1);
    ExecutionResult result = main.whenFinished(id).get(90, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(TestNodes.calls("Start")).as("finished nodes do not run again").isZero();
    assertThat(TestNodes.calls("First")).as("finished nodes do not run again").isZero();
    assertThat(TestNodes.calls("Last")).isEqualTo(1);
    assertThat(result.output().get(0).json()).isEqualTo(Map.of("n", 4L, "first", 40L, "last", 41L));
  }

  @Test
  void aQueuedExecutionCancelledBeforeAnyWorkerTakesItNeverRuns() throws Exception {
    Weft main = engine();
    String id = main.enqueue(TWO_STEPS, List.of(Item.of("n", 1)));
    CompletableFuture<ExecutionResult> finished = main.whenFinished(id);
    assertThat(main.cancel(id)).isTrue();
    assertThat(finished.get(5, TimeUnit.SECONDS).status()).isEqualTo(ExecutionStatus.CANCELLED);

    Weft worker = engine();
    worker.startWorkers("w", 1);
    assertThat(awaitEmptyQueue()).as("the worker drops the message").isZero();
    assertThat(started(id, "Start")).isZero();
    assertThat(store.get(id).orElseThrow().status()).isEqualTo(ExecutionRecord.Status.CANCELLED);
  }

  @Test
  void aRunningExecutionIsCancelledOnItsWorkerFromAnotherInstance() throws Exception {
    Weft main = engine();
    Weft worker = engine(Clock.systemUTC(), 60_000);
    CompletableFuture<String> slowStarted = new CompletableFuture<>();
    worker.addListener(e -> {
      if (e.type() == ExecutionEvent.Type.NODE_STARTED && "Slow".equals(e.nodeName())) {
        slowStarted.complete(e.executionId());
      }
    });
    worker.startWorkers("w", 1);
    Workflow slow = Workflow.fromJson("""
        {"name": "slow", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Slow", "type": "test.sleep", "parameters": {"ms": "{{ $vars.slowMs }}"}}],
         "connections": [{"from": "Start", "to": "Slow"}]}
        """);
    String id = main.enqueue(slow, List.of(Item.empty()));
    slowStarted.get(10, TimeUnit.SECONDS);
    assertThat(main.cancel(id)).isTrue();
    assertThat(main.whenFinished(id).get(10, TimeUnit.SECONDS).status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(store.get(id).orElseThrow().status()).isEqualTo(ExecutionRecord.Status.CANCELLED);
  }

  @Test
  void aWaitEndsThroughTheQueueOnTimeOrWhenAnotherInstanceResumesIt() throws Exception {
    Weft main = engine();
    Weft worker = engine();
    worker.startWorkers("w", 2);
    Workflow timed = Workflow.fromJson("""
        {"name": "timed", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Wait", "type": "test.suspend", "parameters": {"afterMs": 200}}],
         "connections": [{"from": "Start", "to": "Wait"}]}
        """);
    String timedId = main.enqueue(timed, List.of(Item.of("n", 1)));
    ExecutionResult woken = main.whenFinished(timedId).get(15, TimeUnit.SECONDS);
    assertThat(woken.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(woken.output().get(0).json()).containsEntry("resumedByCall", false);

    Workflow called = Workflow.fromJson("""
        {"name": "called", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Wait", "type": "test.suspend"}],
         "connections": [{"from": "Start", "to": "Wait"}]}
        """);
    String calledId = main.enqueue(called, List.of(Item.of("n", 2)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!main.isWaiting(calledId) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(main.isWaiting(calledId)).isTrue();
    ExecutionResult resumed = main.resume(calledId, Map.of("answer", "yes"));
    assertThat(resumed.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(resumed.output().get(0).json()).containsEntry("resumedByCall", true).containsEntry("answer", "yes");
    assertThat(started(calledId, "Start")).as("the trigger is not run again on resume").isEqualTo(1);
  }

  @Test
  void triggersOfEveryInstanceQueueTheirExecutionsAndAPollFiresOncePerTick() throws Exception {
    Weft a = engine();
    Weft b = engine();
    a.startWorkers("a", 2);
    Workflow polling = Workflow.fromJson("""
        {"id": "wf-poll", "name": "poll", "nodes": [{"name": "Start", "type": "test.trigger",
           "parameters": {"everyMs": 300}}], "connections": []}
        """);
    a.activate(polling);
    b.activate(polling); // two mains with the same active workflow
    Thread.sleep(2_000);
    a.deactivate("wf-poll");
    b.deactivate("wf-poll");
    Thread.sleep(500);
    long runs = store.list(dev.weft.store.ExecutionQuery.all()).total();
    // about six ticks in two seconds; never two executions for one tick (which would give about twelve)
    assertThat(runs).isBetween(3L, 9L);
  }

  @Test
  void withSharedEventsTheMainsListenersSeeExecutionsThatRunOnAWorker() throws Exception {
    Weft main = Weft.builder().discoverNodePacks(false).nodePack(new TestNodes()).executionStore(store)
        .workQueue(queue).clusterBus(bus).shareEvents(true).build();
    engines.add(main);
    List<ExecutionEvent> seenByMain = new java.util.concurrent.CopyOnWriteArrayList<>();
    main.addListener(seenByMain::add);
    Weft worker = Weft.builder().discoverNodePacks(false).nodePack(new TestNodes()).executionStore(store)
        .workQueue(queue).clusterBus(bus).shareEvents(true).build();
    engines.add(worker);
    List<ExecutionEvent> seenByWorker = new java.util.concurrent.CopyOnWriteArrayList<>();
    worker.addListener(seenByWorker::add);
    worker.startWorkers("w", 1);

    String id = main.enqueue(TWO_STEPS, List.of(Item.of("n", 1)));
    main.whenFinished(id).get(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (seenByMain.stream().noneMatch(e -> e.type() == ExecutionEvent.Type.EXECUTION_FINISHED)
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(seenByMain).extracting(ExecutionEvent::type).containsSubsequence(
        ExecutionEvent.Type.EXECUTION_STARTED, ExecutionEvent.Type.NODE_STARTED, ExecutionEvent.Type.NODE_FINISHED,
        ExecutionEvent.Type.EXECUTION_FINISHED);
    assertThat(seenByMain).allSatisfy(e -> assertThat(e.executionId()).isEqualTo(id));
    assertThat(seenByMain.stream().filter(e -> e.type() == ExecutionEvent.Type.NODE_FINISHED
        && "Tag".equals(e.nodeName())).findFirst().orElseThrow().itemCounts()).containsExactly(1);
    assertThat(seenByWorker).as("the worker's own events reach it once, not again from the bus")
        .filteredOn(e -> e.type() == ExecutionEvent.Type.EXECUTION_FINISHED).hasSize(1);
  }
}
