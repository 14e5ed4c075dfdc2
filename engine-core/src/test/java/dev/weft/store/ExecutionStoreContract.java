package dev.weft.store;

import static dev.weft.store.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.store.ExecutionRecord.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ExecutionStore} must do. A backend's test extends this class and implements
 * {@link #newStore(TestClock)}, returning an empty store that takes its timestamps from the given clock.
 */
public abstract class ExecutionStoreContract {

  /** The clock handed to the store under test. */
  protected TestClock clock;
  /** The store under test, empty at the start of each test. */
  protected ExecutionStore store;

  /** An empty store on {@code clock}. */
  protected abstract ExecutionStore newStore(TestClock clock) throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    clock = new TestClock();
    store = newStore(clock);
  }

  /** Run data with nested JSON of every kind. */
  protected static Map<String, Object> runData(String marker) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("json", new LinkedHashMap<>(Map.of("id", 7L, "price", 9.5, "ok", true, "tag", marker)));
    item.put("pairedItem", null);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("resultData", new LinkedHashMap<>(Map.of("runData",
        new LinkedHashMap<>(Map.of("Start", new ArrayList<>(List.of(item)))))));
    data.put("marker", marker);
    return data;
  }

  private static Instant at(long minutes) {
    return TestClock.START.plus(Duration.ofMinutes(minutes));
  }

  private ExecutionRecord started(String workflowId, Status status, Instant startedAt) {
    return store.create(ExecutionRecord.newExecution(workflowId, "Workflow " + workflowId, "trigger")
        .withStatus(status).withStartedAt(startedAt));
  }

  private ExecutionRecord finished(String workflowId, Status status, Instant startedAt, Instant finishedAt) {
    return store.create(ExecutionRecord.newExecution(workflowId, "Workflow " + workflowId, "trigger")
        .withStartedAt(startedAt).finished(status, finishedAt, status == Status.ERROR ? "boom" : null, null));
  }

  @Test
  void createAssignsIdAndVersionOneAndKeepsEveryField() {
    ExecutionRecord record = new ExecutionRecord(null, "wf-1", "Orders", Status.WAITING, "webhook", at(1),
        null, at(90), "earlier problem", "HTTP Request", "parent-exec", Map.of("orderId", "A-17", "region", "eu"),
        runData("r"), 0);

    ExecutionRecord created = store.create(record);

    assertThat(created.id()).isNotBlank();
    assertThat(created.version()).isEqualTo(1);
    ExecutionRecord read = store.get(created.id()).orElseThrow();
    assertThat(read.workflowId()).isEqualTo("wf-1");
    assertThat(read.workflowName()).isEqualTo("Orders");
    assertThat(read.status()).isEqualTo(Status.WAITING);
    assertThat(read.mode()).isEqualTo("webhook");
    assertThat(read.startedAt()).isEqualTo(at(1));
    assertThat(read.finishedAt()).isNull();
    assertThat(read.waitUntil()).isEqualTo(at(90));
    assertThat(read.errorMessage()).isEqualTo("earlier problem");
    assertThat(read.errorNode()).isEqualTo("HTTP Request");
    assertThat(read.parentExecutionId()).isEqualTo("parent-exec");
    assertThat(read.customData()).isEqualTo(Map.of("orderId", "A-17", "region", "eu"));
    assertThat(read.version()).isEqualTo(1);
    assertJsonEquals(runData("r"), read.data());
  }

  @Test
  void createSetsStartedAtFromTheClockWhenMissing() {
    clock.advance(Duration.ofSeconds(42));
    ExecutionRecord created = store.create(ExecutionRecord.newExecution(null, null, "manual"));
    assertThat(created.startedAt()).isEqualTo(TestClock.START.plusSeconds(42));
    assertThat(store.get(created.id()).orElseThrow().startedAt()).isEqualTo(TestClock.START.plusSeconds(42));
    assertThat(created.workflowId()).isNull();
  }

  @Test
  void createKeepsAGivenIdAndRefusesADuplicate() {
    store.create(ExecutionRecord.newExecution("wf", "W", "manual").withId("exec-1"));
    assertThatThrownBy(() -> store.create(ExecutionRecord.newExecution("wf", "W", "manual").withId("exec-1")))
        .isInstanceOf(DuplicateIdException.class)
        .hasMessageContaining("exec-1");
  }

  @Test
  @SuppressWarnings("unchecked")
  void storedStateCannotBeChangedThroughMapsHandedInOrOut() {
    Map<String, Object> data = runData("x");
    Map<String, String> custom = new LinkedHashMap<>(Map.of("k", "v"));
    ExecutionRecord created = store.create(
        ExecutionRecord.newExecution("wf", "W", "manual").withData(data).withCustomData(custom));
    data.put("marker", "changed");
    custom.put("k", "changed");
    created.data().put("marker", "changed via result");

    ExecutionRecord read = store.get(created.id()).orElseThrow();
    ((Map<String, Object>) read.data().get("resultData")).clear();

    ExecutionRecord again = store.get(created.id()).orElseThrow();
    assertJsonEquals(runData("x"), again.data());
    assertThat(again.customData()).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void updateStoresTheNewStateAndIncrementsTheVersion() {
    ExecutionRecord created = store.create(ExecutionRecord.newExecution("wf", "W", "manual").withStartedAt(at(0)));
    ExecutionRecord running = store.update(created.withStatus(Status.RUNNING), 1);
    assertThat(running.version()).isEqualTo(2);

    ExecutionRecord done = store.update(
        running.withData(runData("done")).finished(Status.ERROR, at(3), "Bad gateway", "HTTP Request"), 2);

    assertThat(done.version()).isEqualTo(3);
    ExecutionRecord read = store.get(created.id()).orElseThrow();
    assertThat(read.status()).isEqualTo(Status.ERROR);
    assertThat(read.startedAt()).isEqualTo(at(0));
    assertThat(read.finishedAt()).isEqualTo(at(3));
    assertThat(read.errorMessage()).isEqualTo("Bad gateway");
    assertThat(read.errorNode()).isEqualTo("HTTP Request");
    assertThat(read.version()).isEqualTo(3);
    assertJsonEquals(runData("done"), read.data());
  }

  @Test
  void updateWithAStaleVersionFailsNamingBothVersions() {
    ExecutionRecord created = store.create(ExecutionRecord.newExecution("wf", "W", "manual"));
    store.update(created.withStatus(Status.RUNNING), 1);

    assertThatThrownBy(() -> store.update(created.withStatus(Status.CANCELLED), 1))
        .isInstanceOfSatisfying(StaleVersionException.class, e -> {
          assertThat(e.kind()).isEqualTo("execution");
          assertThat(e.expectedVersion()).isEqualTo(1);
          assertThat(e.actualVersion()).isEqualTo(2);
        })
        .hasMessageContaining(created.id());
    assertThat(store.get(created.id()).orElseThrow().status()).isEqualTo(Status.RUNNING);
  }

  @Test
  void updateOfAMissingExecutionFailsNamingIt() {
    assertThatThrownBy(() -> store.update(ExecutionRecord.newExecution("wf", "W", "manual").withId("gone"), 1))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessageContaining("gone");
  }

  @Test
  void deleteRemovesTheExecution() {
    ExecutionRecord created = store.create(ExecutionRecord.newExecution("wf", "W", "manual"));
    assertThat(store.delete(created.id())).isTrue();
    assertThat(store.delete(created.id())).isFalse();
    assertThat(store.get(created.id())).isEmpty();
    assertThat(store.get("never-existed")).isEmpty();
  }

  @Test
  void listIsNewestFirstWithTotalAndPages() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(finished("wf", Status.SUCCESS, at(i), at(i)).id());
    }

    Page<ExecutionRecord> first = store.list(ExecutionQuery.all().page(0, 2));
    Page<ExecutionRecord> second = store.list(ExecutionQuery.all().page(2, 2));
    Page<ExecutionRecord> third = store.list(ExecutionQuery.all().page(4, 2));

    assertThat(first.items()).extracting(ExecutionRecord::id).containsExactly(ids.get(4), ids.get(3));
    assertThat(second.items()).extracting(ExecutionRecord::id).containsExactly(ids.get(2), ids.get(1));
    assertThat(third.items()).extracting(ExecutionRecord::id).containsExactly(ids.get(0));
    assertThat(first.total()).isEqualTo(5);
    assertThat(third.total()).isEqualTo(5);
    assertThat(third.hasMore()).isFalse();
  }

  @Test
  void listBreaksTiesInStartTimeByIdDescending() {
    for (String id : List.of("exec-b", "exec-c", "exec-a")) {
      store.create(ExecutionRecord.newExecution("wf", "W", "manual").withId(id).withStartedAt(at(1)));
    }
    assertThat(store.list(ExecutionQuery.all()).items()).extracting(ExecutionRecord::id)
        .containsExactly("exec-c", "exec-b", "exec-a");
  }

  @Test
  void listFiltersByWorkflowStatusTimeRangeAndCustomData() {
    ExecutionRecord a = finished("wf-a", Status.SUCCESS, at(0), at(1));
    ExecutionRecord b = finished("wf-a", Status.ERROR, at(10), at(11));
    ExecutionRecord c = started("wf-a", Status.RUNNING, at(20));
    ExecutionRecord d = finished("wf-b", Status.SUCCESS, at(30), at(31));
    ExecutionRecord e = store.create(ExecutionRecord.newExecution("wf-b", "B", "webhook").withStartedAt(at(40))
        .withCustomData(Map.of("orderId", "A-17", "region", "eu")));
    ExecutionRecord f = store.create(ExecutionRecord.newExecution("wf-a", "A", "webhook").withStartedAt(at(50))
        .withCustomData(Map.of("orderId", "A-17", "region", "us")));

    assertThat(ids(ExecutionQuery.all().workflow("wf-a"))).containsExactly(f.id(), c.id(), b.id(), a.id());
    assertThat(ids(ExecutionQuery.all().status(Status.SUCCESS))).containsExactly(d.id(), a.id());
    assertThat(ids(ExecutionQuery.all().status(Status.ERROR, Status.RUNNING))).containsExactly(c.id(), b.id());
    assertThat(ids(ExecutionQuery.all().workflow("wf-a").status(Status.SUCCESS))).containsExactly(a.id());
    assertThat(ids(ExecutionQuery.all().startedBetween(at(10), at(30)))).containsExactly(c.id(), b.id());
    assertThat(ids(ExecutionQuery.all().startedBetween(at(31), null))).containsExactly(f.id(), e.id());
    assertThat(ids(ExecutionQuery.all().startedBetween(null, at(10)))).containsExactly(a.id());
    assertThat(ids(ExecutionQuery.all().customData("orderId", "A-17"))).containsExactly(f.id(), e.id());
    assertThat(ids(ExecutionQuery.all().customData("orderId", "A-17").customData("region", "eu")))
        .containsExactly(e.id());
    assertThat(ids(ExecutionQuery.all().customData("orderId", "a-17"))).isEmpty();
    assertThat(ids(ExecutionQuery.all().workflow("no-such-wf"))).isEmpty();
    assertThat(store.list(ExecutionQuery.all().workflow("wf-a").page(1, 2)).total()).isEqualTo(4);
  }

  private List<String> ids(ExecutionQuery query) {
    return store.list(query).items().stream().map(ExecutionRecord::id).toList();
  }

  @Test
  void waitingDueBeforeReturnsDueWaitsEarliestFirst() {
    ExecutionRecord late = store.create(ExecutionRecord.newExecution("wf", "W", "manual").waiting(at(30)));
    ExecutionRecord early = store.create(ExecutionRecord.newExecution("wf", "W", "manual").waiting(at(10)));
    ExecutionRecord exactlyDue = store.create(ExecutionRecord.newExecution("wf", "W", "manual").waiting(at(20)));
    store.create(ExecutionRecord.newExecution("wf", "W", "manual").waiting(null));
    store.create(ExecutionRecord.newExecution("wf", "W", "manual").waiting(at(21)));
    store.create(ExecutionRecord.newExecution("wf", "W", "manual").withStatus(Status.RUNNING));

    assertThat(store.waitingDueBefore(at(20))).extracting(ExecutionRecord::id)
        .containsExactly(early.id(), exactlyDue.id());
    assertThat(store.waitingDueBefore(at(20), 1)).extracting(ExecutionRecord::id).containsExactly(early.id());
    assertThat(store.waitingDueBefore(at(5))).isEmpty();

    store.update(early.finished(Status.SUCCESS, at(11), null, null), early.version());
    assertThat(store.waitingDueBefore(at(100))).extracting(ExecutionRecord::id)
        .hasSize(3).startsWith(exactlyDue.id()).contains(late.id());
  }

  @Test
  void findByStatusReturnsOldestFirst() {
    ExecutionRecord second = started("wf", Status.RUNNING, at(5));
    ExecutionRecord first = started("wf", Status.RUNNING, at(1));
    started("wf", Status.NEW, at(0));
    finished("wf", Status.SUCCESS, at(0), at(1));
    ExecutionRecord third = started("wf-2", Status.RUNNING, at(9));

    assertThat(store.findByStatus(Status.RUNNING)).extracting(ExecutionRecord::id)
        .containsExactly(first.id(), second.id(), third.id());
    assertThat(store.findByStatus(Status.RUNNING, 2)).extracting(ExecutionRecord::id)
        .containsExactly(first.id(), second.id());
    assertThat(store.findByStatus(Status.CANCELLED)).isEmpty();
  }

  @Test
  void pruneByAgeDeletesOldFinishedExecutionsOnly() {
    ExecutionRecord oldSuccess = finished("wf", Status.SUCCESS, at(0), at(1));
    ExecutionRecord oldError = finished("wf", Status.ERROR, at(0), at(2));
    ExecutionRecord oldCancelled = finished("wf-2", Status.CANCELLED, at(0), at(3));
    ExecutionRecord oldRunning = started("wf", Status.RUNNING, at(0));
    ExecutionRecord oldWaiting = store.create(ExecutionRecord.newExecution("wf", "W", "manual")
        .withStartedAt(at(0)).waiting(at(5)));
    ExecutionRecord oldNew = started("wf", Status.NEW, at(0));
    ExecutionRecord recent = finished("wf", Status.SUCCESS, at(0), at(50));
    clock.set(at(60));

    int deleted = store.prune(PrunePolicy.olderThan(Duration.ofMinutes(30)));

    assertThat(deleted).isEqualTo(3);
    assertThat(store.get(oldSuccess.id())).isEmpty();
    assertThat(store.get(oldError.id())).isEmpty();
    assertThat(store.get(oldCancelled.id())).isEmpty();
    assertThat(store.get(oldRunning.id())).isPresent();
    assertThat(store.get(oldWaiting.id())).isPresent();
    assertThat(store.get(oldNew.id())).isPresent();
    assertThat(store.get(recent.id())).isPresent();
    assertThat(store.prune(PrunePolicy.olderThan(Duration.ofMinutes(30)))).isZero();
  }

  @Test
  void pruneByCountKeepsTheNewestFinishedExecutionsOfEachWorkflow() {
    List<ExecutionRecord> a = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      a.add(finished("wf-a", Status.SUCCESS, at(i), at(i)));
    }
    ExecutionRecord running = started("wf-a", Status.RUNNING, at(100));
    ExecutionRecord b1 = finished("wf-b", Status.ERROR, at(0), at(1));
    ExecutionRecord b2 = finished("wf-b", Status.SUCCESS, at(1), at(2));
    ExecutionRecord orphan1 = finished(null, Status.SUCCESS, at(0), at(0));
    ExecutionRecord orphan2 = finished(null, Status.SUCCESS, at(1), at(1));
    ExecutionRecord orphan3 = finished(null, Status.SUCCESS, at(2), at(2));

    int deleted = store.prune(PrunePolicy.keepNewest(2));

    assertThat(deleted).isEqualTo(4);
    assertThat(ids(ExecutionQuery.all().workflow("wf-a")))
        .containsExactly(running.id(), a.get(4).id(), a.get(3).id());
    assertThat(ids(ExecutionQuery.all().workflow("wf-b"))).containsExactly(b2.id(), b1.id());
    assertThat(store.get(orphan1.id())).isEmpty();
    assertThat(store.get(orphan2.id())).isPresent();
    assertThat(store.get(orphan3.id())).isPresent();
  }

  @Test
  void pruneWithBothRulesDeletesWhatEitherSelects() {
    ExecutionRecord old = finished("wf", Status.SUCCESS, at(0), at(0));
    ExecutionRecord mid = finished("wf", Status.SUCCESS, at(40), at(40));
    ExecutionRecord newer = finished("wf", Status.SUCCESS, at(50), at(50));
    ExecutionRecord newest = finished("wf", Status.SUCCESS, at(55), at(55));
    clock.set(at(60));

    int deleted = store.prune(PrunePolicy.olderThan(Duration.ofMinutes(30)).andKeepNewest(2));

    assertThat(deleted).isEqualTo(2);
    assertThat(store.get(old.id())).isEmpty();
    assertThat(store.get(mid.id())).isEmpty();
    assertThat(store.get(newer.id())).isPresent();
    assertThat(store.get(newest.id())).isPresent();
  }

  @Test
  void pruneWorksThroughManyBatches() {
    for (int i = 0; i < 23; i++) {
      finished("wf-" + (i % 3), Status.SUCCESS, at(i), at(i));
    }
    ExecutionRecord keep = finished("wf-0", Status.SUCCESS, at(500), at(500));
    clock.set(at(400));

    int deleted = store.prune(PrunePolicy.olderThan(Duration.ofMinutes(100)).withBatchSize(4));

    assertThat(deleted).isEqualTo(23);
    assertThat(ids(ExecutionQuery.all())).containsExactly(keep.id());
  }

  @Test
  void pruneKeepingZeroDeletesEveryFinishedExecution() {
    finished("wf", Status.SUCCESS, at(0), at(0));
    finished("wf", Status.ERROR, at(1), at(1));
    ExecutionRecord waiting = store.create(ExecutionRecord.newExecution("wf", "W", "manual").waiting(at(9)));

    assertThat(store.prune(PrunePolicy.keepNewest(0))).isEqualTo(2);
    assertThat(ids(ExecutionQuery.all())).containsExactly(waiting.id());
  }

  @Test
  void ofRacingUpdatesWithTheSameVersionExactlyOneWins() throws Exception {
    Status[] finals = {Status.SUCCESS, Status.ERROR, Status.CANCELLED};
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      items.add(runData("item " + i));
    }
    Map<String, Object> bigRunData = Map.of("items", items);
    for (int round = 0; round < 25; round++) {
      ExecutionRecord created = store.create(ExecutionRecord.newExecution("wf", "W", "manual"));
      List<Callable<ExecutionRecord>> tasks = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        Status s = finals[i % 3];
        tasks.add(() -> store.update(created.withData(bigRunData).finished(s, at(1), null, null), 1));
      }

      List<Race.Outcome<ExecutionRecord>> outcomes = Race.run(tasks);

      List<ExecutionRecord> winners = outcomes.stream().filter(o -> o.error() == null).map(Race.Outcome::value)
          .toList();
      assertThat(winners).as("round %d", round).hasSize(1);
      assertThat(outcomes.stream().filter(o -> o.error() != null))
          .hasSize(8)
          .allSatisfy(o -> assertThat(o.error()).isInstanceOf(StaleVersionException.class));
      ExecutionRecord stored = store.get(created.id()).orElseThrow();
      assertThat(stored.version()).isEqualTo(2);
      assertThat(stored.status()).isEqualTo(winners.get(0).status());
    }
  }

  @Test
  void updatesRetriedOnStaleVersionsFromManyThreadsAllLand() throws Exception {
    ExecutionRecord created = store.create(ExecutionRecord.newExecution("wf", "W", "manual"));
    int threads = 4;
    int perThread = 100;
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      tasks.add(() -> {
        for (int i = 0; i < perThread; i++) {
          while (true) {
            ExecutionRecord current = store.get(created.id()).orElseThrow();
            long count = ((Number) current.data().getOrDefault("count", 0L)).longValue();
            try {
              store.update(current.withData(Map.of("count", count + 1)), current.version());
              break;
            } catch (StaleVersionException e) {
              // another thread won; read again
            }
          }
        }
        return perThread;
      });
    }

    assertThat(Race.run(tasks)).allSatisfy(o -> assertThat(o.error()).isNull());
    ExecutionRecord stored = store.get(created.id()).orElseThrow();
    assertThat(((Number) stored.data().get("count")).longValue()).isEqualTo(threads * perThread);
    assertThat(stored.version()).isEqualTo(1 + threads * perThread);
  }

  @Test
  void concurrentCreatesAllLandWithDistinctIds() throws Exception {
    List<Callable<List<String>>> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      tasks.add(() -> {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
          ids.add(store.create(ExecutionRecord.newExecution("wf", "W", "manual")).id());
        }
        return ids;
      });
    }
    Set<String> all = new HashSet<>();
    for (Race.Outcome<List<String>> o : Race.run(tasks)) {
      assertThat(o.error()).isNull();
      all.addAll(o.value());
    }
    assertThat(all).hasSize(100);
    assertThat(store.list(ExecutionQuery.all().page(0, 1)).total()).isEqualTo(100);
  }
}
