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

class SummarizeNodeTest {
  private static final String SALES = """
      [ {"region": "north", "rep": "ann", "amount": 10, "note": "a"},
        {"region": "south", "rep": "bo", "amount": 4.5, "note": ""},
        {"region": "north", "rep": "ann", "amount": 5, "note": "b"},
        {"region": "north", "rep": "cal", "amount": "n/a"},
        {"region": null, "rep": "dee", "amount": 1} ]
      """;

  private static ExecutionResult summarize(String params) {
    return succeed(single("Summarize", "weft.summarize", params), SALES);
  }

  @Test
  void summarizesAllItemsWithEveryAggregation() {
    ExecutionResult r = summarize("""
        {"fieldsToSummarize": [
          {"aggregation": "count", "field": "note"}, {"aggregation": "countUnique", "field": "rep"},
          {"aggregation": "sum", "field": "amount"}, {"aggregation": "average", "field": "amount"},
          {"aggregation": "min", "field": "amount"}, {"aggregation": "max", "field": "amount"},
          {"aggregation": "concatenate", "field": "rep", "separator": "|"},
          {"aggregation": "appendUnique", "field": "region"}]}
        """);
    assertThat(json(r.items("Summarize"))).isEqualTo(parse("""
        [ {"count_note": 2, "unique_count_rep": 4, "sum_amount": 20.5, "average_amount": 5.125, "min_amount": 1,
           "max_amount": 10, "concatenated_rep": "ann|bo|ann|cal|dee", "unique_appended_region": ["north", "south"]} ]
        """));
  }

  @Test
  void splitsByFieldsKeepingFirstAppearanceOrderAndTypes() {
    ExecutionResult r = summarize("""
        {"fieldsToSummarize": [{"aggregation": "sum", "field": "amount"}, {"aggregation": "append", "field": "rep"}],
         "splitBy": "region"}
        """);
    assertThat(json(r.items("Summarize"))).isEqualTo(parse("""
        [ {"region": "north", "sum_amount": 15, "appended_rep": ["ann", "ann", "cal"]},
          {"region": "south", "sum_amount": 4.5, "appended_rep": ["bo"]},
          {"region": null, "sum_amount": 1, "appended_rep": ["dee"]} ]
        """));
    assertThat(r.items("Summarize").get(0).pairedItems())
        .containsExactly(PairedItem.of(0), PairedItem.of(2), PairedItem.of(3));
  }

  @Test
  void groupsAndWritesSplitValuesAsTextWhenAsked() {
    ExecutionResult r = succeed(single("Summarize", "weft.summarize", """
        {"fieldsToSummarize": [{"aggregation": "count", "field": "n"}], "splitBy": "g", "splitValuesAsText": true}
        """), """
        [ {"g": 0, "n": 1}, {"g": "0", "n": 2}, {"g": null, "n": 3}, {"n": 4}, {"g": 2.50, "n": 5}, {"g": [1], "n": 6} ]
        """);
    assertThat(json(r.items("Summarize"))).isEqualTo(parse("""
        [ {"g": "0", "count_n": 2}, {"g": "null", "count_n": 2}, {"g": "2.5", "count_n": 1}, {"g": "[1]", "count_n": 1} ]
        """));
  }

  @Test
  void nestsGroupsInASingleItemAndSkipsEmptySplitValuesWhenAsked() {
    ExecutionResult r = summarize("""
        {"fieldsToSummarize": [{"aggregation": "count", "field": "amount"}], "splitBy": "region, rep",
         "outputFormat": "singleItem", "skipEmptySplitFields": true}
        """);
    assertThat(json(r.items("Summarize"))).isEqualTo(parse("""
        [ {"north": {"ann": {"count_amount": 2}, "cal": {"count_amount": 1}}, "south": {"bo": {"count_amount": 1}}} ]
        """));
  }

  @Test
  void ordersGroupsAsATreeOfFirstAppearances() {
    ExecutionResult r = succeed(single("Summarize", "weft.summarize", """
        {"fieldsToSummarize": [{"aggregation": "count", "field": "n"}], "splitBy": "a, b"}
        """), """
        [ {"a": "red", "b": "foo", "n": 1}, {"a": "blue", "b": "spam", "n": 1}, {"a": "red", "b": "bar", "n": 1},
          {"a": "red", "b": "foo", "n": 1}, {"a": "green", "b": "bar", "n": 1}, {"a": "blue", "b": "foo", "n": 1} ]
        """);
    assertThat(json(r.items("Summarize"))).isEqualTo(parse("""
        [ {"a": "red", "b": "foo", "count_n": 2}, {"a": "red", "b": "bar", "count_n": 1},
          {"a": "blue", "b": "spam", "count_n": 1}, {"a": "blue", "b": "foo", "count_n": 1},
          {"a": "green", "b": "bar", "count_n": 1} ]
        """));
  }

  @Test
  void includesEmptyValuesWhenAsked() {
    ExecutionResult r = summarize("""
        {"fieldsToSummarize": [{"aggregation": "append", "field": "note", "includeEmpty": true}]}
        """);
    assertThat(json(r.items("Summarize"))).isEqualTo(parse("[ {\"appended_note\": [\"a\", \"\", \"b\", null, null]} ]"));
  }

  @Test
  void aFieldInNoItemFailsUnlessToldToContinue() {
    ExecutionError e = fail(single("Summarize", "weft.summarize",
        "{\"fieldsToSummarize\": [{\"aggregation\": \"sum\", \"field\": \"amout\"}]}"), SALES);
    assertThat(e.message()).endsWith("field 'amout' is not in any input item");
    ExecutionResult r = summarize("""
        {"fieldsToSummarize": [{"aggregation": "sum", "field": "amout"}, {"aggregation": "max", "field": "amout"}],
         "continueIfFieldNotFound": true}
        """);
    assertThat(json(r.items("Summarize"))).isEqualTo(parse("[ {\"sum_amout\": 0, \"max_amout\": null} ]"));
  }
}
