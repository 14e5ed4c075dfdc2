package dev.weft.expression;

import static dev.weft.expression.Expressions.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * dashjoin's JSONata has no way to reach Java: no {@code $env}, no class or method access, no reflection, no file or
 * process function. These tests hold that in place: every usual attempt either fails or yields nothing, and never
 * yields a secret from the JVM.
 */
class SandboxTest {
  private static final String SECRET = "s3cr3t-" + System.nanoTime();

  static {
    System.setProperty("weft.sandbox.secret", SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{{ $env }}",
      "{{ $env('HOME') }}",
      "{{ $environment.PATH }}",
      "{{ $process.env.HOME }}",
      "{{ $system('weft.sandbox.secret') }}",
      "{{ $getProperty('weft.sandbox.secret') }}",
      "{{ $java('java.lang.System') }}",
      "{{ $class('java.lang.Runtime') }}",
      "{{ $readFile('/etc/passwd') }}",
      "{{ $exec('id') }}",
      "{{ $require('fs') }}",
      "{{ $json.getClass() }}",
      "{{ $json.class }}",
      "{{ $json.getClass }}",
      "{{ $string($json).getClass().forName('java.lang.Runtime') }}",
      "{{ $$.constructor }}",
      "{{ $eval('$env') }}",
      "{{ $eval(\"$system('x')\") }}",
      "{{ $lookup($json, 'class') }}",
      "{{ $keys($json) }}",
      "{{ $json.__proto__ }}",
      "{{ $sift($json, function($v, $k) { $k = 'class' }) }}",
      "{{ (java.lang.System).getenv() }}",
      "{{ `java.lang.System`.getProperty('weft.sandbox.secret') }}",
  })
  void attemptsToReachTheJvmGetNothing(String template) {
    TestScope scope = TestScope.of("a", 1L);
    Throwable failure = catchThrowable(() -> {
      Object value = eval(template, scope);
      assertNoJvmLeak(value);
    });
    if (failure != null) {
      assertThat(failure).isInstanceOf(ExpressionException.class);
      assertThat(failure.getMessage()).doesNotContain(SECRET);
    }
  }

  private static void assertNoJvmLeak(Object value) {
    if (value == null) {
      return;
    }
    String text = String.valueOf(value);
    assertThat(text).doesNotContain(SECRET).doesNotContain("java.lang").doesNotContain("/root")
        .doesNotContain("class ");
    assertThat(value).isInstanceOfAny(String.class, Long.class, Double.class, Boolean.class, Map.class,
        java.util.List.class);
  }

  @Test
  void theOnlyFunctionsBeyondJsonataAreWefts() {
    assertThat(Library.names()).allSatisfy(name -> assertThat(name)
        .doesNotContainIgnoringCase("env").doesNotContainIgnoringCase("file").doesNotContainIgnoringCase("exec")
        .doesNotContainIgnoringCase("system").doesNotContainIgnoringCase("class"));
  }

  @Test
  void resultsAreOnlyJsonValues() throws Exception {
    assertThat(eval("{{ $json }}", TestScope.of("x", 1L))).isInstanceOf(Map.class);
  }
}
