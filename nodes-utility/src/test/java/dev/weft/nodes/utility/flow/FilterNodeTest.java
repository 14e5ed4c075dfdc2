package dev.weft.nodes.utility.flow;

import static dev.weft.nodes.utility.common.FlowDataHarness.fail;
import static dev.weft.nodes.utility.common.FlowDataHarness.json;
import static dev.weft.nodes.utility.common.FlowDataHarness.parse;
import static dev.weft.nodes.utility.common.FlowDataHarness.single;
import static dev.weft.nodes.utility.common.FlowDataHarness.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionError;
import dev.weft.ExecutionResult;
import dev.weft.spi.PairedItem;
import org.junit.jupiter.api.Test;

class FilterNodeTest {
  private static final String ORDERS = """
      [ {"id": 1, "total": 120.5, "status": "paid"},
        {"id": 2, "total": 80, "status": "open"},
        {"id": 3, "total": 300, "status": "paid"},
        {"id": 4, "status": "paid"} ]
      """;

  @Test
  void keepsOnlyItemsMeetingEveryCondition() {
    ExecutionResult r = succeed(single("Filter", "weft.filter", """
        {"conditions": [
          {"left": "{{ $json.status }}", "type": "string", "operator": "equals", "right": "paid"},
          {"left": "{{ $json.total }}", "type": "number", "operator": "gt", "right": 100}]}
        """), ORDERS);
    assertThat(json(r.items("Filter"))).isEqualTo(parse("""
        [ {"id": 1, "total": 120.5, "status": "paid"}, {"id": 3, "total": 300, "status": "paid"} ]
        """));
    assertThat(r.items("Filter").get(1).pairedItems()).containsExactly(PairedItem.of(2));
  }

  @Test
  void aMissingNumberFailsNoComparison() {
    ExecutionResult r = succeed(single("Filter", "weft.filter", """
        {"conditions": [{"left": "{{ $json.total }}", "type": "number", "operator": "lt", "right": 100}]}
        """), ORDERS);
    assertThat(json(r.items("Filter"))).isEqualTo(parse("[{\"id\": 2, \"total\": 80, \"status\": \"open\"}]"));
  }

  @Test
  void keepsEverythingWithoutConditionsAndNothingWhenNoneMatch() {
    assertThat(succeed(single("Filter", "weft.filter", "{}"), ORDERS).items("Filter")).hasSize(4);
    ExecutionResult none = succeed(single("Filter", "weft.filter", """
        {"conditions": [{"left": "{{ $json.status }}", "type": "string", "operator": "equals", "right": "void"}]}
        """), ORDERS);
    assertThat(none.items("Filter")).isEmpty();
  }

  @Test
  void reportsAWrongTypeNamingConditionAndItem() {
    ExecutionError e = fail(single("Filter", "weft.filter", """
        {"conditions": [{"left": "{{ $json.status }}", "type": "number", "operator": "gt", "right": 1}]}
        """), ORDERS);
    assertThat(e.message()).contains("conditions[0]").contains("item 0").contains("'paid'");
    assertThat(e.itemIndex()).isEqualTo(0);
  }

  @Test
  void unknownTypeIsRejectedWhenTheWorkflowIsRead() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> succeed(single("Filter", "weft.filter", """
        {"conditions": [{"left": "x", "type": "decimal", "operator": "equals", "right": "x"}]}
        """), ORDERS)).hasMessageContaining("decimal");
  }
}
