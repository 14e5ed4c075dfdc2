package dev.weft.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.store.DuplicateIdException;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.ExecutionStore;
import dev.weft.store.RecordNotFoundException;
import dev.weft.store.StaleVersionException;
import dev.weft.store.StoreException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Group commit of execution writes: writes queued together share one transaction, each caller gets its own outcome,
 * and a batch that fails as a whole fails only the offending caller. The writer is held inside a transaction while
 * the writes queue up, so that they certainly form one batch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GroupCommitContract {
  private JdbcStores stores;
  private ExecutionStore executions;

  /** The stores under test, on a database of their own. */
  abstract JdbcStores open();

  @BeforeAll
  void openDatabase() {
    stores = open();
    executions = stores.executions();
  }

  @AfterAll
  void dropDatabase() throws Exception {
    TestDatabases.dropAndClose(stores);
  }

  @BeforeEach
  void empty() throws Exception {
    TestDatabases.truncate(stores);
  }

  /** Keeps the writer busy in a transaction of its own until released. */
  private static final class Gate extends GroupCommit.Write<Void> {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    Gate() {
      super("holding the writer");
    }

    @Override
    GroupCommit.Kind<Gate> kind() {
      return Gate::hold;
    }

    static void hold(Connection c, List<Gate> gates) {
      for (Gate g : gates) {
        g.entered.countDown();
        try {
          assertThat(g.release.await(60, TimeUnit.SECONDS)).as("the test released the writer").isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        g.succeed(null);
      }
    }
  }

  /** What the tasks returned or threw, and how many transactions the writer began for them. */
  private record Held<T>(List<Outcome<T>> outcomes, long transactions) {}

  private record Outcome<T>(T value, Throwable error) {}

  /** Runs the tasks while the writer is held, so that all their writes queue up, then lets the writer go. */
  private <T> Held<T> whileWriterHeld(List<Callable<T>> tasks) throws Exception {
    GroupCommit writer = stores.database().writes;
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size() + 1);
    try {
      Gate gate = new Gate();
      Future<Void> held = pool.submit(() -> writer.submit(gate));
      assertThat(gate.entered.await(60, TimeUnit.SECONDS)).as("the writer took the gate").isTrue();
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(task));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (writer.queued() < tasks.size()) {
        assertThat(System.nanoTime()).as("every write queued within 60 s").isLessThan(deadline);
        Thread.onSpinWait();
        Thread.yield();
      }
      long before = writer.transactions();
      gate.release.countDown();
      held.get(60, TimeUnit.SECONDS);
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          outcomes.add(new Outcome<>(f.get(60, TimeUnit.SECONDS), null));
        } catch (ExecutionException e) {
          outcomes.add(new Outcome<>(null, e.getCause()));
        }
      }
      return new Held<>(outcomes, writer.transactions() - before);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentWritersWithConflictingVersionsEachGetTheirOwnOutcomeInOneTransaction() throws Exception {
    int executionCount = 8;
    int racers = 4;
    for (int i = 0; i < executionCount; i++) {
      executions.create(ExecutionRecord.newExecution("wf", "start", "manual").withId("e" + i));
    }
    List<Callable<ExecutionRecord>> tasks = new ArrayList<>();
    for (int i = 0; i < executionCount; i++) {
      for (int r = 0; r < racers; r++) {
        String id = "e" + i;
        String name = "racer " + i + "/" + r;
        tasks.add(() -> executions.update(ExecutionRecord.newExecution("wf", name, "manual").withId(id)
            .withData(Map.of("writer", name)).withCustomData(Map.of("writer", name)), 1));
      }
      String id = "e" + i;
      tasks.add(() -> executions.update(ExecutionRecord.newExecution("wf", "long stale", "manual").withId(id), 7));
    }
    tasks.add(() -> executions.update(ExecutionRecord.newExecution("wf", "nobody", "manual").withId("missing"), 1));

    Held<ExecutionRecord> held = whileWriterHeld(tasks);

    assertThat(held.transactions()).as("every write shared one transaction").isEqualTo(1);
    int t = 0;
    for (int i = 0; i < executionCount; i++) {
      List<ExecutionRecord> winners = new ArrayList<>();
      for (int r = 0; r < racers; r++) {
        Outcome<ExecutionRecord> o = held.outcomes().get(t++);
        if (o.error() == null) {
          winners.add(o.value());
        } else {
          assertThat(o.error()).isInstanceOfSatisfying(StaleVersionException.class, e -> {
            assertThat(e.expectedVersion()).isEqualTo(1);
            assertThat(e.actualVersion()).isEqualTo(2);
          });
        }
      }
      assertThat(winners).as("exactly one racer of execution e%d wins", i).hasSize(1);
      ExecutionRecord winner = winners.get(0);
      assertThat(winner.version()).isEqualTo(2);
      ExecutionRecord stored = executions.get("e" + i).orElseThrow();
      assertThat(stored.workflowName()).isEqualTo(winner.workflowName());
      assertThat(stored.data()).as("only the winner's run data is written").isEqualTo(winner.data());
      assertThat(stored.customData()).isEqualTo(Map.of("writer", winner.workflowName()));
      assertThat(stored.version()).isEqualTo(2);
      Outcome<ExecutionRecord> stale = held.outcomes().get(t++);
      assertThat(stale.error()).isInstanceOfSatisfying(StaleVersionException.class,
          e -> assertThat(e.expectedVersion()).isEqualTo(7));
    }
    assertThat(held.outcomes().get(t).error()).isInstanceOf(RecordNotFoundException.class);
  }

  @Test
  void aRowViolatingAConstraintFailsOnlyItsOwnCaller() throws Exception {
    executions.create(ExecutionRecord.newExecution("wf", "the original", "manual").withId("taken")
        .withData(Map.of("first", true)));
    List<Callable<ExecutionRecord>> tasks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = "fresh-" + i;
      tasks.add(() -> executions.create(ExecutionRecord.newExecution("wf", "fresh", "manual").withId(id)
          .withCustomData(Map.of("n", id))));
    }
    tasks.add(() -> executions.create(ExecutionRecord.newExecution("wf", "the copy", "manual").withId("taken")));
    tasks.add(() -> executions.create(ExecutionRecord.newExecution("wf", "x".repeat(5000), "manual")
        .withId("name-too-long")));

    Held<ExecutionRecord> held = whileWriterHeld(tasks);

    assertThat(held.transactions()).as("the failed batch, then each write alone").isEqualTo(1 + tasks.size());
    for (int i = 0; i < 6; i++) {
      Outcome<ExecutionRecord> o = held.outcomes().get(i);
      assertThat(o.error()).isNull();
      assertThat(o.value().version()).isEqualTo(1);
      assertThat(executions.get("fresh-" + i).orElseThrow().customData()).isEqualTo(Map.of("n", "fresh-" + i));
    }
    assertThat(held.outcomes().get(6).error()).isInstanceOfSatisfying(DuplicateIdException.class,
        e -> assertThat(e.id()).isEqualTo("taken"));
    ExecutionRecord original = executions.get("taken").orElseThrow();
    assertThat(original.workflowName()).isEqualTo("the original");
    assertThat(original.data()).isEqualTo(Map.of("first", true));
    assertThat(held.outcomes().get(7).error()).isInstanceOf(StoreException.class)
        .hasMessageContaining("creating execution 'name-too-long'");
    assertThat(executions.get("name-too-long")).isEmpty();
  }

  @Test
  void createsAndUpdatesOfManyThreadsAllLandWithTheirVersions() throws Exception {
    int threads = 32;
    int rounds = 20;
    List<Callable<Long>> tasks = new ArrayList<>();
    for (int th = 0; th < threads; th++) {
      String id = "t" + th;
      tasks.add(() -> {
        long version = executions.create(ExecutionRecord.newExecution("wf", id, "manual").withId(id)).version();
        for (int r = 0; r < rounds; r++) {
          version = executions.update(ExecutionRecord.newExecution("wf", id + " round " + r, "manual").withId(id)
              .withData(Map.of("round", (long) r)), version).version();
        }
        return version;
      });
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> futures = pool.invokeAll(tasks);
      for (int th = 0; th < threads; th++) {
        assertThat(futures.get(th).get(60, TimeUnit.SECONDS)).isEqualTo(rounds + 1L);
        ExecutionRecord stored = executions.get("t" + th).orElseThrow();
        assertThat(stored.version()).isEqualTo(rounds + 1L);
        assertThat(stored.data()).isEqualTo(Map.of("round", rounds - 1L));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
