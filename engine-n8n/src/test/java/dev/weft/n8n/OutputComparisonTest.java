package dev.weft.n8n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputComparisonTest {

  private static String diff(List<Object> expected, List<Map<String, Object>> actualRun) {
    return OutputComparison.firstDifference("N", expected, List.of(actualRun));
  }

  @Test
  void equalWhenKeyOrderAndNumberFormsDiffer() {
    assertThat(diff(List.of(Map.of("a", 1, "b", List.of(1.0, "x"))),
        List.of(Map.of("b", List.of(1L, "x"), "a", 1L)))).isNull();
  }

  @Test
  void namesNodeRunItemAndPath() {
    assertThat(diff(List.of(Map.of("a", Map.of("b", List.of(1, 2)))), List.of(Map.of("a", Map.of("b", List.of(1, 3))))))
        .isEqualTo("node 'N', run 0, item 0, $.a.b[1]: expected 2, actual 3");
    assertThat(diff(List.of(Map.of("a", 1)), List.of(Map.of("a", "1"))))
        .isEqualTo("node 'N', run 0, item 0, $.a: expected 1, actual \"1\"");
    assertThat(diff(List.of(Map.of("a", 1)), List.of(Map.of())))
        .isEqualTo("node 'N', run 0, item 0, $.a: expected 1, actual missing");
    assertThat(diff(List.of(Map.of()), List.of(Map.of(), Map.of("x", 1))))
        .isEqualTo("node 'N', run 0: expected 1 item, actual 2; first extra item: {x=1}");
  }

  @Test
  void countsRuns() {
    assertThat(OutputComparison.firstDifference("N", List.of(Map.of()), List.of()))
        .isEqualTo("node 'N' ran 0 times, expected once with 1 item");
    assertThat(OutputComparison.firstDifference("N", List.of(), List.of(List.of(), List.of())))
        .isEqualTo("node 'N' ran 2 times, expected once with 0 items");
  }

  @Test
  void comparesErrorObjectsByMessageNameDescriptionAndContext() {
    Map<String, Object> expected = Map.of("error", Map.of("message", "boom", "name", "NodeOperationError",
        "stack", "at x"));
    Map<String, Object> same = Map.of("error", Map.of("message", "boom", "name", "NodeOperationError",
        "timestamp", 5));
    Map<String, Object> other = Map.of("error", Map.of("message", "bang", "name", "NodeOperationError"));
    assertThat(diff(List.of(expected), List.of(same))).isNull();
    assertThat(diff(List.of(expected), List.of(other))).isEqualTo(
        "node 'N', run 0, item 0, $.error.message: expected \"boom\", actual \"bang\"");
    assertThat(diff(List.of(Map.of("error", "text")), List.of(Map.of("error", "text")))).isNull();
  }

  @Test
  void unwrapsPinnedItems() {
    assertThat(OutputComparison.pinnedJson(List.of(Map.of("json", Map.of("a", 1)), Map.of("b", 2))))
        .isEqualTo(List.of(Map.of("a", 1), Map.of("b", 2)));
  }
}
