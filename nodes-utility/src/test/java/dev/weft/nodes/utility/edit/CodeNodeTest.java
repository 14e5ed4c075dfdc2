package dev.weft.nodes.utility.edit;

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

class CodeNodeTest {
  @Test
  void turnsALiteralListIntoOneItemEach() {
    ExecutionResult r = succeed(single("Code", "weft.code", """
        {"mode": "json", "items": [{"id": 1, "char": "a"}, {"json": {"id": 2, "char": "b"}}, {"id": 3, "json": "kept"}]}
        """), "[{}]");
    assertThat(json(r.items("Code"))).isEqualTo(parse("""
        [{"id": 1, "char": "a"}, {"id": 2, "char": "b"}, {"id": 3, "json": "kept"}]
        """));
  }

  @Test
  void acceptsTheListAsJsonText() {
    ExecutionResult r = succeed(single("Code", "weft.code", """
        {"mode": "json", "items": "[{\\"a\\": true}]"}
        """), "[{}]");
    assertThat(json(r.items("Code"))).isEqualTo(parse("[{\"a\": true}]"));
  }

  @Test
  void rejectsEntriesThatAreNotObjects() {
    ExecutionError e = fail(single("Code", "weft.code", """
        {"mode": "json", "items": [{"a": 1}, 2]}
        """), "[{}]");
    assertThat(e.message()).endsWith("entry 1 of 'items' is number; every entry must be an object");
  }

  @Test
  void transformsEachItemWithJsonata() {
    ExecutionResult r = succeed(single("Code", "weft.code", """
        {"mode": "jsonata", "expression": "{ 'name': $uppercase($json.name), 'total': $sum($json.lines.price) }"}
        """), "[{\"name\": \"ada\", \"lines\": [{\"price\": 2}, {\"price\": 3}]}, {\"name\": \"bob\", \"lines\": [{\"price\": 1}]}]");
    assertThat(json(r.items("Code"))).isEqualTo(parse("[{\"name\": \"ADA\", \"total\": 5}, {\"name\": \"BOB\", \"total\": 1}]"));
    assertThat(r.items("Code").get(1).pairedItems()).containsExactly(PairedItem.of(1));
  }

  @Test
  void transformsAllItemsAtOnceWithInputItems() {
    ExecutionResult r = succeed(single("Code", "weft.code", """
        {"mode": "jsonata", "runOnce": "allItems",
         "expression": "[{ 'count': $count($inputItems()), 'sum': $sum($inputItems().n) }]"}
        """), "[{\"n\": 1}, {\"n\": 2}, {\"n\": 4}]");
    assertThat(json(r.items("Code"))).isEqualTo(parse("[{\"count\": 3, \"sum\": 7}]"));
    assertThat(r.items("Code").get(0).pairedItems())
        .containsExactly(PairedItem.of(0), PairedItem.of(1), PairedItem.of(2));
  }

  @Test
  void aTransformResultThatIsNotAnObjectIsAnErrorNamingTheItem() {
    ExecutionError e = fail(single("Code", "weft.code", """
        {"mode": "jsonata", "expression": "$json.n"}
        """), "[{\"n\": 1}]");
    assertThat(e.message()).endsWith("result 0 of the transform for item 0 is number; every entry must be an object");
  }
}
