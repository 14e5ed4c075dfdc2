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

class AggregateNodeTest {
  private static final String INPUT = """
      [ {"id": 1, "tags": ["a", "b"], "user": {"name": "Ada"}},
        {"id": 2, "tags": ["c"], "user": {"name": null}},
        {"id": 3, "user": {"name": "Cy"}} ]
      """;

  private static Object aggregate(String params) {
    return json(succeed(single("Aggregate", "weft.aggregate", params), INPUT).items("Aggregate"));
  }

  @Test
  void collectsFieldsIntoListsSkippingMissingValues() {
    ExecutionResult r = succeed(single("Aggregate", "weft.aggregate", """
        {"fields": [{"field": "id", "outputField": "ids"}, {"field": "user.name"}, {"field": "tags"}]}
        """), INPUT);
    assertThat(json(r.items("Aggregate"))).isEqualTo(parse("""
        [ {"ids": [1, 2, 3], "name": ["Ada", "Cy"], "tags": [["a", "b"], ["c"]]} ]
        """));
    assertThat(r.items("Aggregate").get(0).pairedItems())
        .containsExactly(PairedItem.of(0), PairedItem.of(1), PairedItem.of(2));
  }

  @Test
  void mergesListsAndKeepsMissingWhenAsked() {
    assertThat(aggregate("""
        {"fields": [{"field": "tags"}, {"field": "user.name", "outputField": "names"}], "mergeLists": true, "keepMissing": true}
        """)).isEqualTo(parse("[ {\"tags\": [\"a\", \"b\", \"c\", null], \"names\": [\"Ada\", null, \"Cy\"]} ]"));
  }

  @Test
  void collectsAllItemDataWithSelectedOrExcludedFields() {
    assertThat(aggregate("{\"aggregate\": \"allItemData\", \"include\": \"selected\", \"includeFields\": \"id\"}"))
        .isEqualTo(parse("[ {\"data\": [{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]} ]"));
    assertThat(aggregate("""
        {"aggregate": "allItemData", "destination": "rows", "include": "except", "includeFields": "tags, user"}
        """)).isEqualTo(parse("[ {\"rows\": [{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]} ]"));
  }

  @Test
  void aFieldInNoItemGivesAnEmptyListWhenToldToContinue() {
    assertThat(aggregate("{\"fields\": [{\"field\": \"idd\"}, {\"field\": \"id\"}], \"continueIfFieldNotFound\": true}"))
        .isEqualTo(parse("[ {\"idd\": [], \"id\": [1, 2, 3]} ]"));
  }

  @Test
  void aFieldInNoItemIsAnErrorAndOutputNamesMustDiffer() {
    ExecutionError missing = fail(single("Aggregate", "weft.aggregate", "{\"fields\": [{\"field\": \"idd\"}]}"), INPUT);
    assertThat(missing.message()).endsWith("field 'idd' is not in any input item");
    ExecutionError twice = fail(single("Aggregate", "weft.aggregate",
        "{\"fields\": [{\"field\": \"id\"}, {\"field\": \"tags\", \"outputField\": \"id\"}]}"), INPUT);
    assertThat(twice.message()).contains("output field 'id' is used by two aggregated fields");
  }
}
