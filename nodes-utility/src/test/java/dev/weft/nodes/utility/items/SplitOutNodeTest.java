package dev.weft.nodes.utility.items;

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

class SplitOutNodeTest {
  private static final String ORDER = """
      [ {"order": 7, "customer": "Ada", "lines": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}], "tags": ["x", "y"]},
        {"order": 8, "customer": "Bob", "lines": [{"sku": "C", "qty": 5}], "tags": null} ]
      """;

  private static Object split(String params) {
    return json(succeed(single("Split", "weft.splitOut", params), ORDER).items("Split"));
  }

  @Test
  void objectElementsBecomeTheItemsThemselves() {
    ExecutionResult r = succeed(single("Split", "weft.splitOut", "{\"field\": \"lines\"}"), ORDER);
    assertThat(json(r.items("Split"))).isEqualTo(parse("""
        [ {"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}, {"sku": "C", "qty": 5} ]
        """));
    assertThat(r.items("Split").get(2).pairedItems()).containsExactly(PairedItem.of(1));
  }

  @Test
  void includesOtherFieldsAllOrSelectedWithTheElementUnderItsDestination() {
    assertThat(split("{\"field\": \"lines\", \"include\": \"selected\", \"includeFields\": \"order\", \"destination\": \"line\"}"))
        .isEqualTo(parse("""
            [ {"order": 7, "line": {"sku": "A", "qty": 1}}, {"order": 7, "line": {"sku": "B", "qty": 2}},
              {"order": 8, "line": {"sku": "C", "qty": 5}} ]
            """));
    assertThat(split("{\"field\": \"tags\", \"include\": \"all\"}")).isEqualTo(parse("""
        [ {"order": 7, "customer": "Ada", "lines": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}], "tags": "x"},
          {"order": 7, "customer": "Ada", "lines": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}], "tags": "y"},
          {"order": 8, "customer": "Bob", "lines": [{"sku": "C", "qty": 5}], "tags": null} ]
        """));
  }

  @Test
  void splitsNestedListsAndObjectValues() {
    ExecutionResult r = succeed(single("Split", "weft.splitOut", "{\"field\": \"data.scores\"}"),
        "[{\"data\": {\"scores\": {\"math\": 1, \"art\": 2}}}]");
    assertThat(json(r.items("Split"))).isEqualTo(parse("[{\"data\": {\"scores\": 1}}, {\"data\": {\"scores\": 2}}]"));
  }

  @Test
  void splitsSeveralFieldsSideBySide() {
    ExecutionResult r = succeed(single("Split", "weft.splitOut", "{\"field\": \"a, b\", \"destination\": \"x, y\"}"),
        "[{\"a\": [1, 2], \"b\": [\"p\", \"q\", \"r\"]}]");
    assertThat(json(r.items("Split"))).isEqualTo(parse("[{\"x\": 1, \"y\": \"p\"}, {\"x\": 2, \"y\": \"q\"}, {\"y\": \"r\"}]"));
  }

  @Test
  void anItemWithoutTheFieldGivesNoItemsWhenToldToContinue() {
    ExecutionResult r = succeed(single("Split", "weft.splitOut", "{\"field\": \"tags\", \"continueIfFieldNotFound\": true}"),
        "[{\"id\": 1}, {\"id\": 2, \"tags\": [\"a\"]}]");
    assertThat(json(r.items("Split"))).isEqualTo(parse("[{\"tags\": \"a\"}]"));
    assertThat(r.items("Split").get(0).pairedItems()).containsExactly(PairedItem.of(1));
  }

  @Test
  void aFieldInNoItemFailsTheNodeAsAWhole() {
    ExecutionError e = fail(single("Split", "weft.splitOut", "{\"field\": \"line\"}"), ORDER);
    assertThat(e.message()).endsWith("field 'line' to split out is not in any input item");
    assertThat(e.parameter()).isEqualTo("field");
    assertThat(e.itemIndex()).isEqualTo(-1);
  }

  @Test
  void aFieldMissingFromOneItemFailsThatItem() {
    ExecutionError e = fail(single("Split", "weft.splitOut", "{\"field\": \"tags\"}"),
        "[{\"tags\": [\"a\"]}, {\"id\": 2}]");
    assertThat(e.message()).endsWith("field 'tags' to split out is not in the item");
    assertThat(e.itemIndex()).isEqualTo(1);
  }

  @Test
  void aNodeThatContinuesOnErrorPassesItsInputOnWhenNoItemHasTheField() {
    String wf = """
        { "name": "continue",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Split", "type": "weft.splitOut", "onError": "continue", "parameters": {"field": "line"} } ],
          "connections": [ { "from": "Start", "to": "Split" } ] }
        """;
    ExecutionResult r = succeed(wf, "[{\"id\": 1, \"lines\": [1]}]");
    assertThat(json(r.items("Split"))).isEqualTo(parse("[{\"id\": 1, \"lines\": [1]}]"));
  }
}
