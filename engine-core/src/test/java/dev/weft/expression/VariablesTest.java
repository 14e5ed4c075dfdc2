package dev.weft.expression;

import static dev.weft.expression.Expressions.eval;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {
  @Test
  void jsonAndContext() throws Exception {
    TestScope scope = TestScope.of("name", "Ada", "tags", List.of("a", "b"));
    assertThat(eval("{{ $json.name }}", scope)).isEqualTo("Ada");
    assertThat(eval("{{ $.name }}", scope)).isEqualTo("Ada");
    assertThat(eval("{{ name }}", scope)).isEqualTo("Ada");
    assertThat(eval("{{ $json }}", scope)).isEqualTo(scope.json);
    assertThat(eval("{{ $count($json.tags) }}", scope)).isEqualTo(2L);
  }

  @Test
  void jsonIsAnEmptyObjectWithoutItem() throws Exception {
    TestScope scope = new TestScope();
    scope.json = null;
    assertThat(eval("{{ $json }}", scope)).isEqualTo(Map.of());
    assertThat(eval("{{ $json.a & 'x' }}", scope)).isEqualTo("x");
  }

  @Test
  void inputItemIndexAndRunIndex() throws Exception {
    TestScope scope = TestScope.of("v", 1L);
    scope.itemIndex = 3;
    scope.runIndex = 2;
    assertThat(eval("{{ $input.item.json.v }}", scope)).isEqualTo(1L);
    assertThat(eval("{{ $input.index }}", scope)).isEqualTo(3L);
    assertThat(eval("{{ $itemIndex }}", scope)).isEqualTo(3L);
    assertThat(eval("{{ $runIndex }}", scope)).isEqualTo(2L);
    assertThat(eval("item {{ $itemIndex }} of run {{ $runIndex }}", scope)).isEqualTo("item 3 of run 2");
  }

  @Test
  void varsExecutionWorkflow() throws Exception {
    TestScope scope = new TestScope();
    scope.vars = Map.of("region", "eu");
    assertThat(eval("{{ $vars.region }}", scope)).isEqualTo("eu");
    assertThat(eval("{{ $execution.id }}/{{ $execution.mode }}", scope)).isEqualTo("exec-1/manual");
    assertThat(eval("{{ $workflow.name }} ({{ $workflow.id }})", scope)).isEqualTo("Orders (wf-1)");
    scope.vars = null;
    assertThat(eval("{{ $vars }}", scope)).isEqualTo(Map.of());
  }

  @Test
  void nowAndTodayUseTheScopeClockAndZone() throws Exception {
    TestScope scope = new TestScope();
    assertThat(eval("{{ $now }}", scope)).isEqualTo("2025-01-01T10:20:30.456Z");
    assertThat(eval("{{ $today }}", scope)).isEqualTo("2025-01-01T00:00:00.000Z");
    scope.zone = ZoneId.of("America/New_York");
    assertThat(eval("{{ $now }}", scope)).isEqualTo("2025-01-01T05:20:30.456-05:00");
    scope.clock = Clock.fixed(Instant.parse("2025-01-01T03:00:00Z"), ZoneId.of("UTC"));
    assertThat(eval("{{ $today }}", scope)).isEqualTo("2024-12-31T00:00:00.000-05:00");
  }

  @Test
  void nowAndMillisAsFunctionsUseTheScopeClockToo() throws Exception {
    TestScope scope = new TestScope();
    assertThat(eval("{{ $now() }}", scope)).isEqualTo("2025-01-01T10:20:30.456Z");
    assertThat(eval("{{ $millis() }}", scope)).isEqualTo(Instant.parse("2025-01-01T10:20:30.456Z").toEpochMilli());
    assertThat(eval("{{ $now('[Y0001]-[M01]-[D01]') }}", scope)).isEqualTo("2025-01-01");
  }

  @Test
  void variablesBindOnlyWhenMentionedAndUserBindingsShadowThem() throws Exception {
    TestScope scope = TestScope.of("a", 1L);
    assertThat(eval("{{ ($json := {'a': 5}; $json.a) }}", scope)).isEqualTo(5L);
    assertThat(eval("{{ '$json.a' }}", scope)).isEqualTo("$json.a");
  }
}
