package dev.weft.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BoundsTest {
  private final ExpressionEngine engine = new ExpressionEngine(ExpressionLimits.defaults());

  private Object eval(ExpressionEngine e, String template) throws ExpressionException {
    return e.compile(template).evaluate(new TestScope());
  }

  @Test
  @Timeout(60)
  void infiniteRecursionStopsAtTheDepthLimit() {
    assertThatThrownBy(() -> eval(engine, "{{ ($f := function($n) { 1 + $f($n + 1) }; $f(0)) }}"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("nests deeper than the limit of 100");
  }

  @Test
  @Timeout(60)
  void infiniteTailRecursionStopsAtTheTimeLimit() {
    // dashjoin turns tail calls into a loop, so the stack never grows: only the clock stops it.
    ExpressionEngine quick = new ExpressionEngine(new ExpressionLimits(Duration.ofMillis(200), 100, 10_000_000));
    long start = System.nanoTime();
    assertThatThrownBy(() -> eval(quick, "{{ ($f := function($n) { $f($n + 1) }; $f(0)) }}"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("ran longer than the limit of 200 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  @Timeout(60)
  void slowExpressionHitsTheTimeout() {
    ExpressionEngine quick = new ExpressionEngine(new ExpressionLimits(Duration.ofMillis(100), 100, 10_000_000));
    assertThatThrownBy(() -> eval(quick, "{{ $sum([1..10000000].($ * 2)) }}"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("ran longer than the limit of 100 ms");
  }

  @Test
  @Timeout(60)
  void hugeStringIsStoppedWhileItGrows() {
    ExpressionEngine small = new ExpressionEngine(new ExpressionLimits(Duration.ofSeconds(5), 100, 1_000_000));
    assertThatThrownBy(() -> eval(small, "{{ $reduce([1..40], function($acc, $v) { $acc & $acc }, 'x') }}"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("larger than the limit of 1000000 characters");
  }

  @Test
  @Timeout(60)
  void hugeListIsStopped() {
    ExpressionEngine small = new ExpressionEngine(new ExpressionLimits(Duration.ofSeconds(5), 100, 1000));
    assertThatThrownBy(() -> eval(small, "{{ [1..5000] }}"))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("limit of 1000 characters");
  }

  @Test
  @Timeout(60)
  void evalIsWatchedToo() {
    ExpressionEngine quick = new ExpressionEngine(new ExpressionLimits(Duration.ofMillis(200), 100, 10_000_000));
    assertThatThrownBy(() -> eval(quick, "{{ $eval('($f := function($n) { $f($n + 1) }; $f(0))') }}"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("ran longer than the limit of 200 ms");
  }

  @Test
  void resultSizeIsCheckedWithoutTheStepWatchToo() {
    ExpressionEngine small = new ExpressionEngine(new ExpressionLimits(Duration.ofSeconds(5), 100, 1000));
    assertThatThrownBy(() -> eval(small, "{{ $pad('', 2000, 'ab') }}"))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("larger than the limit of 1000 characters");
    TestScope scope = TestScope.of("s", "y".repeat(600));
    assertThatThrownBy(() -> small.compile("{{ {'a': $json.s, 'b': $json.s} }}").evaluate(scope))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("larger than the limit of 1000 characters");
  }

  @Test
  void hugeInterpolatedTextIsStopped() throws Exception {
    ExpressionEngine small = new ExpressionEngine(new ExpressionLimits(Duration.ofSeconds(5), 100, 100));
    String text = "x".repeat(80);
    TestScope scope = TestScope.of("s", text);
    assertThat(small.compile("{{ $json.s }}").evaluate(scope)).isEqualTo(text);
    assertThatThrownBy(() -> small.compile("{{ $json.s }}{{ $json.s }}").evaluate(scope))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("longer than the limit of 100 characters");
  }

  @Test
  void depthIsCountedPerEvaluation() throws Exception {
    // Each run nests about 65 levels deep: fine once, far over the limit of 100 if levels leaked between runs.
    Template recursion = engine.compile("{{ ($f := function($n) { $n <= 0 ? 0 : 1 + $f($n - 1) }; $f(20)) }}");
    for (int i = 0; i < 20; i++) {
      assertThat(recursion.evaluate(new TestScope())).isEqualTo(20L);
    }
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> new ExpressionLimits(Duration.ZERO, 100, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> new ExpressionLimits(Duration.ofSeconds(1), 0, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDepth");
    assertThatThrownBy(() -> new ExpressionLimits(Duration.ofSeconds(1), 10, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxResultChars");
    assertThat(ExpressionLimits.defaults()).isEqualTo(new ExpressionLimits(Duration.ofSeconds(1), 100, 10_000_000));
  }
}
