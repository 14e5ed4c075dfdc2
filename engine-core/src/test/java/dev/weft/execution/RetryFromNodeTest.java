package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retrying from a failed node: expressions there still see the upstream nodes' outputs of the failed execution. */
class RetryFromNodeTest {
  private static final Workflow WORKFLOW = Workflow.fromJson("""
      {"name": "retry", "nodes": [{"name": "Start", "type": "test.trigger"},
        {"name": "First", "type": "test.tag", "parameters": {"key": "first", "value": "{{ $json.n * 10 }}"}},
        {"name": "Last", "type": "test.tag", "parameters": {"key": "last",
           "value": "{{ $node(\\"First\\").json.first + 1 }}"}}],
       "connections": [{"from": "Start", "to": "First"}, {"from": "First", "to": "Last"}]}
      """);

  @BeforeEach
  void reset() {
    TestNodes.reset();
  }

  @Test
  void upstreamOutputsOfTheEarlierExecutionAreSeenAndTheirNodesDoNotRunAgain() {
    try (Weft weft = Weft.builder().discoverNodePacks(false).nodePack(new TestNodes()).build()) {
      List<Item> firstOutput = List.of(Item.of("n", 4L, "first", 40L));
      ExecutionResult result = weft.run(WORKFLOW, firstOutput, new ExecutionOptions("retry", "Last", null, null)
          .withPriorOutputs(Map.of("First", List.of(firstOutput), "Start", List.of(List.of(Item.of("n", 4L))))));
      assertThat(result.status()).as("%s", result.error()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(result.output().get(0).json()).isEqualTo(Map.of("n", 4L, "first", 40L, "last", 41L));
      assertThat(TestNodes.calls("First")).isZero();
      assertThat(TestNodes.calls("Start")).isZero();
      assertThat(result.runs()).containsKeys("First", "Last");
    }
  }
}
