package dev.weft.nodes.utility.trigger;

import static dev.weft.nodes.utility.common.FlowDataHarness.json;
import static dev.weft.nodes.utility.common.FlowDataHarness.parse;
import static dev.weft.nodes.utility.common.FlowDataHarness.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ExecutionResult;
import dev.weft.nodes.utility.common.FlowDataHarness;
import dev.weft.workflow.WorkflowException;
import org.junit.jupiter.api.Test;

class ManualTriggerNodeTest {
  private static final String WORKFLOW = """
      { "name": "manual",
        "nodes": [
          { "name": "Start", "type": "weft.manualTrigger" },
          { "name": "Next", "type": "weft.noOp" } ],
        "connections": [ { "from": "Start", "to": "Next" } ] }
      """;

  @Test
  void passesTheRunsInputItemsOn() {
    ExecutionResult r = succeed(WORKFLOW, "[{\"id\": 1}, {\"id\": 2, \"tags\": [\"a\"]}]");
    assertThat(json(r.items("Start"))).isEqualTo(parse("[{\"id\": 1}, {\"id\": 2, \"tags\": [\"a\"]}]"));
    assertThat(json(r.items("Next"))).isEqualTo(parse("[{\"id\": 1}, {\"id\": 2, \"tags\": [\"a\"]}]"));
  }

  @Test
  void startsWithOneEmptyItemByDefault() {
    ExecutionResult r = FlowDataHarness.run(WORKFLOW);
    assertThat(json(r.items("Start"))).isEqualTo(parse("[{}]"));
  }

  @Test
  void hasNoInputsSoNothingCanConnectIntoIt() {
    String wf = """
        { "name": "bad",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Other", "type": "weft.manualTrigger" } ],
          "connections": [ { "from": "Start", "to": "Other" } ] }
        """;
    assertThatThrownBy(() -> FlowDataHarness.run(wf)).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("Other");
  }
}
