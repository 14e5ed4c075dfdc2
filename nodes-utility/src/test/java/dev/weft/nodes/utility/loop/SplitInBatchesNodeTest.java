package dev.weft.nodes.utility.loop;

import static dev.weft.nodes.utility.io.Runs.failure;
import static dev.weft.nodes.utility.io.Runs.json;
import static dev.weft.nodes.utility.io.Runs.ok;
import static dev.weft.nodes.utility.io.Runs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.NodeRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitInBatchesNodeTest {

  /** Start → Loop; Loop's loop output (1) → Hash → back into Loop; Loop's done output (0) → Done. */
  private static String loopWorkflow(String batchSize) {
    return """
        { "name": "loop",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Loop", "type": "weft.splitInBatches", "parameters": { "batchSize": %s } },
            { "name": "Hash", "type": "weft.crypto",
              "parameters": { "action": "hash", "value": "{{ $json.i }}", "algorithm": "MD5", "outputField": "md5" } },
            { "name": "Done", "type": "weft.noOp" } ],
          "connections": [
            { "from": "Start", "to": "Loop" },
            { "from": "Loop", "output": 1, "to": "Hash" },
            { "from": "Hash", "to": "Loop" },
            { "from": "Loop", "output": 0, "to": "Done" } ] }
        """.formatted(batchSize);
  }

  private static String tenItems() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 10; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append('}');
    }
    return sb.append(']').toString();
  }

  @Test
  void handsOutBatchesAndOutputsEveryProcessedItemWhenDone() {
    ExecutionResult r = ok(loopWorkflow("3"), tenItems());

    List<NodeRun> loopRuns = r.runs("Loop");
    assertThat(loopRuns).hasSize(5);
    assertThat(loopRuns.stream().map(run -> run.outputs().get(1).size()).toList()).containsExactly(3, 3, 3, 1, 0);
    assertThat(loopRuns.stream().map(run -> run.outputs().get(0).size()).toList()).containsExactly(0, 0, 0, 0, 10);
    assertThat(r.runs("Hash")).hasSize(4);
    assertThat(json(loopRuns.get(1).outputs().get(1))).isEqualTo(parse("[{\"i\":3},{\"i\":4},{\"i\":5}]"));

    List<Map<String, Object>> done = json(r.items("Done"));
    assertThat(r.runs("Done")).hasSize(1);
    assertThat(done).hasSize(10);
    assertThat(done.get(0)).isEqualTo(parse("{\"i\":0,\"md5\":\"cfcd208495d565ef66e7dff9f98764da\"}"));
    assertThat(done.get(9)).isEqualTo(parse("{\"i\":9,\"md5\":\"45c48cce2e2d7fbdea1afc51c7c6ad26\"}"));
    assertThat(done.stream().map(m -> m.get("i")).toList())
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
  }

  @Test
  void aBatchLargerThanTheInputRunsTheLoopOnce() {
    ExecutionResult r = ok(loopWorkflow("50"), "[{\"i\":1},{\"i\":2}]");

    assertThat(r.runs("Hash")).hasSize(1);
    assertThat(r.runs("Loop")).hasSize(2);
    assertThat(json(r.items("Done"))).isEqualTo(parse(
        "[{\"i\":1,\"md5\":\"c4ca4238a0b923820dcc509a6f75849b\"},{\"i\":2,\"md5\":\"c81e728d9d4c2f636f067f89cc14862c\"}]"));
  }

  /**
   * Nested loops: the outer loop hands out one group at a time, its items are split out and looped over by the inner
   * loop, which must start afresh for each group: reset is true for items that have not been round the inner loop.
   */
  private static String nestedWorkflow(String reset) {
    return """
        { "name": "nested",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Outer", "type": "weft.splitInBatches", "parameters": { "batchSize": 1 } },
            { "name": "Split", "type": "weft.splitOut", "parameters": { "field": "xs", "include": "all" } },
            { "name": "Inner", "type": "weft.splitInBatches", "parameters": { "batchSize": 2, "reset": %s } },
            { "name": "Mark", "type": "weft.crypto",
              "parameters": { "action": "hash", "value": "{{ $json.xs }}", "algorithm": "MD5", "outputField": "seen" } },
            { "name": "Collect", "type": "weft.noOp" },
            { "name": "Final", "type": "weft.noOp" } ],
          "connections": [
            { "from": "Start", "to": "Outer" },
            { "from": "Outer", "output": 1, "to": "Split" },
            { "from": "Split", "to": "Inner" },
            { "from": "Inner", "output": 1, "to": "Mark" },
            { "from": "Mark", "to": "Inner" },
            { "from": "Inner", "output": 0, "to": "Collect" },
            { "from": "Collect", "to": "Outer" },
            { "from": "Outer", "output": 0, "to": "Final" } ] }
        """.formatted(reset);
  }

  private static final String GROUPS = "[{\"g\": \"a\", \"xs\": [1, 2, 3]}, {\"g\": \"b\", \"xs\": [4, 5]}]";

  @Test
  void resetStartsAfreshWithEachNewSetOfItems() {
    ExecutionResult r = ok(nestedWorkflow("\"{{ $not($exists($json.seen)) }}\""), GROUPS);

    List<NodeRun> collected = r.runs("Collect");
    assertThat(collected).hasSize(2);
    assertThat(collected.get(0).outputs().get(0).stream().map(item -> item.json().get("xs")).toList())
        .containsExactly(1L, 2L, 3L);
    assertThat(collected.get(1).outputs().get(0).stream().map(item -> item.json().get("xs")).toList())
        .containsExactly(4L, 5L);
    assertThat(r.items("Final").stream().map(item -> item.json().get("xs")).toList())
        .containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void withoutResetTheSecondSetIsTakenAsComingBackFromTheLoop() {
    ExecutionResult r = ok(nestedWorkflow("false"), GROUPS);

    List<NodeRun> collected = r.runs("Collect");
    assertThat(collected).hasSize(2);
    // Group b's fresh items count as processed, unmarked, after all of group a's.
    assertThat(collected.get(1).outputs().get(0).stream().map(item -> item.json().get("xs")).toList())
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(collected.get(1).outputs().get(0).get(4).json()).doesNotContainKey("seen");
  }

  @Test
  void refusesABatchSizeBelowOne() {
    var error = failure(loopWorkflow("0"), tenItems());

    assertThat(error.nodeName()).isEqualTo("Loop");
    assertThat(error.message()).contains("batch size").contains("at least 1");
  }

  @Test
  void refusesAFractionalBatchSize() {
    var error = failure(loopWorkflow("2.5"), tenItems());

    assertThat(error.nodeName()).isEqualTo("Loop");
    assertThat(error.message()).contains("whole number").contains("2.5");
  }
}
