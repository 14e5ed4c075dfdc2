package dev.weft.nodes.utility.flow;

import static dev.weft.nodes.utility.common.FlowDataHarness.fail;
import static dev.weft.nodes.utility.common.FlowDataHarness.single;
import static dev.weft.nodes.utility.common.FlowDataHarness.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ExecutionError;
import dev.weft.ExecutionResult;
import dev.weft.spi.Item;
import dev.weft.spi.Port;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwitchNodeTest {
  private static final String TICKETS = """
      [ {"id": 1, "priority": "high"}, {"id": 2, "priority": "low"}, {"id": 3, "priority": "urgent"},
        {"id": 4, "priority": "high"} ]
      """;
  private static final String RULES = """
      [ {"name": "High", "conditions": [{"left": "{{ $json.priority }}", "operator": "equals", "right": "high"}]},
        {"name": "Low", "conditions": [{"left": "{{ $json.priority }}", "operator": "equals", "right": "low"}]},
        {"conditions": [{"left": "{{ $json.priority }}", "operator": "contains", "right": "h"}]} ]
      """;

  private static List<List<Object>> ids(ExecutionResult r) {
    return r.runs("Switch").get(0).outputs().stream()
        .map(out -> out.stream().map((Item i) -> i.json().get("id")).toList()).toList();
  }

  @Test
  void sendsEachItemToTheFirstRuleItMeets() {
    ExecutionResult r = succeed(single("Switch", "weft.switch", "{\"rules\": " + RULES + "}"), TICKETS);
    assertThat(ids(r)).isEqualTo(List.of(List.of(1L, 4L), List.of(2L), List.of()));
  }

  @Test
  void sendsToAllMatchingRulesAndToTheFallbackOutput() {
    ExecutionResult r = succeed(single("Switch", "weft.switch",
        "{\"rules\": " + RULES + ", \"allMatchingOutputs\": true, \"fallback\": \"extra\"}"), TICKETS);
    assertThat(ids(r)).isEqualTo(List.of(List.of(1L, 4L), List.of(2L), List.of(1L, 4L), List.of(3L)));
  }

  @Test
  void routesUnmatchedItemsToARuleOutputWhenAsked() {
    ExecutionResult r = succeed(single("Switch", "weft.switch",
        "{\"rules\": " + RULES + ", \"fallback\": \"output\", \"fallbackOutput\": 1}"), TICKETS);
    assertThat(ids(r)).isEqualTo(List.of(List.of(1L, 4L), List.of(2L, 3L), List.of()));
  }

  @Test
  void namesOneOutputPerRulePlusFallback() {
    List<Port> ports = new SwitchNode().outputs(Map.of("rules", List.of(Map.of("name", "High"), Map.of()),
        "fallback", "extra"));
    assertThat(ports).extracting(Port::displayName).containsExactly("High", "Output 1", "Fallback");
    assertThat(new SwitchNode().outputs(Map.of("mode", "expression", "numberOutputs", 3))).hasSize(3);
  }

  @Test
  void routesByAnExpressionGivingTheOutputIndex() {
    ExecutionResult r = succeed(single("Switch", "weft.switch", """
        {"mode": "expression", "numberOutputs": 3, "output": "{{ $json.id % 3 }}"}
        """), TICKETS);
    assertThat(ids(r)).isEqualTo(List.of(List.of(3L), List.of(1L, 4L), List.of(2L)));
  }

  @Test
  void anOutputIndexOutOfRangeIsAnErrorNamingItemAndRange() {
    ExecutionError e = fail(single("Switch", "weft.switch", """
        {"mode": "expression", "numberOutputs": 2, "output": "{{ $json.id }}"}
        """), TICKETS);
    assertThat(e.message()).contains("item 1").contains("output index 2 is out of range").contains("0 to 1");
  }

  @Test
  void aConnectionFromAMissingOutputIsAWorkflowProblem() {
    String wf = """
        { "name": "switch",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Switch", "type": "weft.switch", "parameters": {"mode": "expression", "numberOutputs": 2, "output": 0} },
            { "name": "Next", "type": "weft.noOp" } ],
          "connections": [ { "from": "Start", "to": "Switch" }, { "from": "Switch", "output": 2, "to": "Next" } ] }
        """;
    assertThatThrownBy(() -> succeed(wf, "[{}]")).hasMessageContaining("output 2");
  }
}
