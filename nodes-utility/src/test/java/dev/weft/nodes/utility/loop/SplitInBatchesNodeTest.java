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
