package dev.weft.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One compiled template evaluated from many threads at once must give every thread its own item's answer. This is
 * the guard for the way {@link JsonataExpr} shares dashjoin objects across threads (see its class comment).
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 2_000;

  @Test
  @Timeout(180)
  void manyThreadsOnOneJsonataTemplate() throws Exception {
    ExpressionEngine engine = new ExpressionEngine(ExpressionLimits.defaults());
    // Compiled on this thread, which also evaluates it below: the case dashjoin's per-thread evaluator gets wrong.
    Template template = engine.compile(
        "{{ ($double := function($v) { $v * 2 }; {'id': $json.id, 'twice': $double($json.id), "
            + "'label': $plus('item-', $json.id), 'idx': $itemIndex, 'sum': $sum($json.values)}) }}");
    template.evaluate(scopeFor(-1));
    runConcurrently(thread -> {
      for (int round = 0; round < ROUNDS; round++) {
        int id = thread * 1_000_000 + round;
        Object result = template.evaluate(scopeFor(id));
        assertThat(result).isEqualTo(java.util.Map.of("id", (long) id, "twice", 2L * id, "label", "item-" + id,
            "idx", (long) (id % 1000), "sum", 3L * id));
      }
    }, () -> {
      // The main thread keeps compiling and evaluating other expressions meanwhile.
      for (int round = 0; round < ROUNDS; round++) {
        Template other = engine.compile("{{ $json.id + " + (round % 50) + " }}");
        assertThat(other.evaluate(scopeFor(round))).isEqualTo((long) round + round % 50);
        assertThat(template.evaluate(scopeFor(round))).extracting("id").isEqualTo((long) round);
      }
    });
  }

  @Test
  @Timeout(180)
  void noVariableOfOneEvaluationIsVisibleToAnother() throws Exception {
    ExpressionEngine engine = new ExpressionEngine(ExpressionLimits.defaults());
    // If evaluations shared frames, $w bound by one would be seen by another's $exists($w) before it binds its own.
    Template template = engine.compile(
        "{{ ($seen := $exists($w); $w := $json.id; $pad('', 20) & $string($w) ~> $trim; [$seen, $w]) }}");
    template.evaluate(scopeFor(0));
    MainWork check = () -> {
      for (int round = 0; round < ROUNDS; round++) {
        assertThat(template.evaluate(scopeFor(round))).isEqualTo(List.of(false, (long) round));
      }
    };
    runConcurrently(thread -> check.run(), check);
  }

  @Test
  @Timeout(180)
  void manyThreadsOnOneFastPathAndInterpolatedTemplate() throws Exception {
    ExpressionEngine engine = new ExpressionEngine(ExpressionLimits.defaults());
    Template template = engine.compile("#{{ $json.id }}: {{ $json.nested.name }} at {{ $now }}");
    runConcurrently(thread -> {
      for (int round = 0; round < ROUNDS; round++) {
        int id = thread * 1_000_000 + round;
        assertThat(template.evaluate(scopeFor(id)))
            .isEqualTo("#" + id + ": n" + id + " at 2025-01-01T10:20:30.456Z");
      }
    }, () -> { });
  }

  private static TestScope scopeFor(int id) {
    TestScope scope = TestScope.of("id", (long) id, "values", List.of((long) id, (long) id, (long) id),
        "nested", java.util.Map.of("name", "n" + id));
    scope.itemIndex = Math.floorMod(id, 1000);
    return scope;
  }

  interface Work {
    void run(int thread) throws Exception;
  }

  interface MainWork {
    void run() throws Exception;
  }

  private static void runConcurrently(Work work, MainWork onMain) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          work.run(thread);
          return null;
        }));
      }
      start.countDown();
      onMain.run();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
