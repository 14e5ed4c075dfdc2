package dev.weft.nodes.utility.items;

import static dev.weft.nodes.utility.common.FlowDataHarness.fail;
import static dev.weft.nodes.utility.common.FlowDataHarness.json;
import static dev.weft.nodes.utility.common.FlowDataHarness.parse;
import static dev.weft.nodes.utility.common.FlowDataHarness.single;
import static dev.weft.nodes.utility.common.FlowDataHarness.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionError;
import dev.weft.ExecutionResult;
import dev.weft.spi.Item;
import dev.weft.spi.PairedItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortNodeTest {
  private static final String PEOPLE = """
      [ {"id": 3, "name": "Cy", "team": {"rank": 2}}, {"id": 1, "name": "Ada", "team": {"rank": 2}},
        {"id": 2, "name": "Bob", "team": {"rank": 1}}, {"id": 4, "name": "Di"} ]
      """;

  private static List<Object> ids(ExecutionResult r) {
    return r.items("Sort").stream().map((Item i) -> i.json().get("id")).toList();
  }

  @Test
  void sortsByNestedFieldThenByAnotherDescending() {
    ExecutionResult r = succeed(single("Sort", "weft.sort", """
        {"fields": [{"field": "team.rank"}, {"field": "name", "order": "descending"}]}
        """), PEOPLE);
    assertThat(ids(r)).isEqualTo(List.of(2L, 3L, 1L, 4L));
    assertThat(r.items("Sort").get(0).pairedItems()).containsExactly(PairedItem.of(2));
    assertThat(json(r.items("Sort"))).isEqualTo(parse("""
        [ {"id": 2, "name": "Bob", "team": {"rank": 1}}, {"id": 3, "name": "Cy", "team": {"rank": 2}},
          {"id": 1, "name": "Ada", "team": {"rank": 2}}, {"id": 4, "name": "Di"} ]
        """));
  }

  @Test
  void ordersMixedTypesNumbersThenTextThenBooleansThenMissing() {
    ExecutionResult r = succeed(single("Sort", "weft.sort", "{\"fields\": [{\"field\": \"v\"}]}"), """
        [ {"id": 1, "v": "b"}, {"id": 2, "v": 10}, {"id": 3}, {"id": 4, "v": true}, {"id": 5, "v": 9.5},
          {"id": 6, "v": "B"}, {"id": 7, "v": null} ]
        """);
    assertThat(ids(r)).isEqualTo(List.of(5L, 2L, 6L, 1L, 4L, 3L, 7L));
    ExecutionResult desc = succeed(single("Sort", "weft.sort",
        "{\"fields\": [{\"field\": \"v\", \"order\": \"descending\"}]}"), "[{\"id\": 1, \"v\": 1}, {\"id\": 2}, {\"id\": 3, \"v\": 2}]");
    assertThat(ids(desc)).isEqualTo(List.of(2L, 3L, 1L));
  }

  @Test
  void sortsByAnExpressionKey() {
    ExecutionResult r = succeed(single("Sort", "weft.sort", """
        {"mode": "expression", "key": "{{ $length($json.name) }}", "order": "descending"}
        """), "[{\"id\": 1, \"name\": \"Al\"}, {\"id\": 2, \"name\": \"Beatrix\"}, {\"id\": 3, \"name\": \"Cyd\"}]");
    assertThat(ids(r)).isEqualTo(List.of(2L, 3L, 1L));
  }

  @Test
  void randomOrderIsAPermutationAndRepeatableWithASeed() {
    String params = "{\"mode\": \"random\", \"seed\": 42}";
    String input = "[{\"id\": 1}, {\"id\": 2}, {\"id\": 3}, {\"id\": 4}, {\"id\": 5}, {\"id\": 6}]";
    List<Object> first = ids(succeed(single("Sort", "weft.sort", params), input));
    assertThat(first).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(ids(succeed(single("Sort", "weft.sort", params), input))).isEqualTo(first);
  }

  @Test
  void aFieldNoItemHasIsAnError() {
    ExecutionError e = fail(single("Sort", "weft.sort", "{\"fields\": [{\"field\": \"nmae\"}]}"), PEOPLE);
    assertThat(e.message()).endsWith("none of the sort fields [nmae] is present in any input item");
  }
}
