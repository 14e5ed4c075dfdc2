package dev.weft.nodes.utility.combine;

import static dev.weft.nodes.utility.common.FlowDataHarness.fail;
import static dev.weft.nodes.utility.common.FlowDataHarness.json;
import static dev.weft.nodes.utility.common.FlowDataHarness.parse;
import static dev.weft.nodes.utility.common.FlowDataHarness.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionError;
import dev.weft.ExecutionResult;
import dev.weft.spi.Item;
import dev.weft.spi.PairedItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareDatasetsNodeTest {
  private static final String A = """
      [ {"id": 1, "name": "Ada", "stock": 5, "updated": "mon"}, {"id": 2, "name": "Bob", "stock": 1, "updated": "mon"},
        {"id": 3, "name": "Cy", "stock": 0}, {"id": 4, "name": "Di", "stock": "7"} ]
      """;
  private static final String B = """
      [ {"id": 1, "name": "Ada", "stock": 5, "updated": "tue"}, {"id": 2, "name": "Bob", "stock": 2, "updated": "mon"},
        {"id": 4, "name": "Di", "stock": 7}, {"id": 9, "name": "Zed", "stock": 1} ]
      """;

  private static String workflow(String params) {
    return """
        { "name": "compare",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "A", "type": "weft.code", "position": [200, 0], "parameters": {"mode": "json", "items": %s} },
            { "name": "B", "type": "weft.code", "position": [200, 200], "parameters": {"mode": "json", "items": %s} },
            { "name": "Compare", "type": "weft.compareDatasets", "position": [400, 100], "parameters": %s } ],
          "connections": [ { "from": "Start", "to": "A" }, { "from": "Start", "to": "B" },
            { "from": "A", "to": "Compare", "input": 0 }, { "from": "B", "to": "Compare", "input": 1 } ] }
        """.formatted(A, B, params);
  }

  private static List<Object> output(ExecutionResult r, int output) {
    return List.of(json(r.runs("Compare").get(0).output(output)));
  }

  private static List<Object> ids(ExecutionResult r, int output) {
    return r.runs("Compare").get(0).output(output).stream().map((Item i) -> i.json().get("id")).toList();
  }

  @Test
  void sortsItemsIntoAOnlySameDifferentAndBOnly() {
    ExecutionResult r = succeed(workflow("""
        {"fields": [{"fieldA": "id", "fieldB": "id"}], "whenDifferent": "preferA"}
        """), "[{}]");
    assertThat(ids(r, 0)).isEqualTo(List.of(3L));
    assertThat(ids(r, 1)).isEqualTo(List.of());
    assertThat(ids(r, 2)).isEqualTo(List.of(1L, 2L, 4L));
    assertThat(ids(r, 3)).isEqualTo(List.of(9L));
    assertThat(json(r.runs("Compare").get(0).output(2).subList(0, 1)))
        .isEqualTo(parse("[{\"id\": 1, \"name\": \"Ada\", \"stock\": 5, \"updated\": \"mon\"}]"));
    assertThat(r.runs("Compare").get(0).output(2).get(0).pairedItems())
        .containsExactly(new PairedItem(0, 0), new PairedItem(0, 1));
  }

  @Test
  void skippedFieldsAndFuzzyCompareMakeItemsTheSame() {
    ExecutionResult r = succeed(workflow("""
        {"fields": [{"fieldA": "id", "fieldB": "id"}], "skipFields": "updated", "fuzzyCompare": true, "whenDifferent": "preferA"}
        """), "[{}]");
    assertThat(ids(r, 1)).isEqualTo(List.of(1L, 4L));
    assertThat(ids(r, 2)).isEqualTo(List.of(2L));
  }

  @Test
  void includesBothVersionsOfDifferingItemsByDefault() {
    ExecutionResult r = succeed(workflow("""
        {"fields": [{"fieldA": "id", "fieldB": "id"}], "skipFields": "updated"}
        """), "[{}]");
    assertThat(output(r, 2)).isEqualTo(List.of(parse("""
        [ {"keys": {"id": 2}, "same": {"id": 2, "name": "Bob"}, "different": {"stock": {"inputA": 1, "inputB": 2}},
           "skipped": {"updated": {"inputA": "mon", "inputB": "mon"}}},
          {"keys": {"id": 4}, "same": {"id": 4, "name": "Di"}, "different": {"stock": {"inputA": "7", "inputB": 7}},
           "skipped": {}} ]
        """)));
  }

  @Test
  void mixesVersionsTakingSomeFieldsFromTheOther() {
    ExecutionResult r = succeed(workflow("""
        {"fields": [{"fieldA": "id", "fieldB": "id"}], "whenDifferent": "mix", "mixBase": "inputB", "mixExcept": "updated"}
        """), "[{}]");
    assertThat(json(r.runs("Compare").get(0).output(2))).isEqualTo(parse("""
        [ {"id": 1, "name": "Ada", "stock": 5, "updated": "mon"}, {"id": 2, "name": "Bob", "stock": 2, "updated": "mon"},
          {"id": 4, "name": "Di", "stock": 7} ]
        """));
  }

  @Test
  void namesTheVersionsAsAsked() {
    ExecutionResult r = succeed(workflow("""
        {"fields": [{"fieldA": "id", "fieldB": "id"}], "labelA": "old", "labelB": "new", "skipFields": "updated, name"}
        """), "[{}]");
    assertThat(json(r.runs("Compare").get(0).output(2).subList(0, 1))).isEqualTo(parse("""
        [ {"keys": {"id": 2}, "same": {"id": 2}, "different": {"stock": {"old": 1, "new": 2}},
           "skipped": {"updated": {"old": "mon", "new": "mon"}, "name": {"old": "Bob", "new": "Bob"}}} ]
        """));
  }

  @Test
  void fuzzyCompareEquatesEmptyValuesBooleanSpellingsAndJsonText() {
    String wf = """
        { "name": "fuzzy",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "A", "type": "weft.code", "position": [200, 0], "parameters": {"mode": "json", "items": [
              {"id": "1", "v": null}, {"id": 2, "v": "TRUE"}, {"id": 3, "v": "[1,2]"}, {"id": 4, "v": 0}, {"id": 5, "v": 42},
              {"id": 6, "v": ""}]} },
            { "name": "B", "type": "weft.code", "position": [200, 200], "parameters": {"mode": "json", "items": [
              {"id": 1, "v": []}, {"id": 2, "v": true}, {"id": 3, "v": [1, 2]}, {"id": 4, "v": false}, {"id": 5, "v": "forty two"},
              {"id": 6}]} },
            { "name": "Compare", "type": "weft.compareDatasets", "position": [400, 100],
              "parameters": {"fields": [{"fieldA": "id", "fieldB": "id"}], "fuzzyCompare": true, "whenDifferent": "preferB"} } ],
          "connections": [ { "from": "Start", "to": "A" }, { "from": "Start", "to": "B" },
            { "from": "A", "to": "Compare", "input": 0 }, { "from": "B", "to": "Compare", "input": 1 } ] }
        """;
    ExecutionResult r = succeed(wf, "[{}]");
    assertThat(json(r.runs("Compare").get(0).output(1))).isEqualTo(parse("""
        [ {"id": 1, "v": []}, {"id": 2, "v": true}, {"id": 3, "v": [1, 2]}, {"id": 4, "v": false}, {"id": 6} ]
        """));
    assertThat(json(r.runs("Compare").get(0).output(2))).isEqualTo(parse("[ {\"id\": 5, \"v\": \"forty two\"} ]"));
  }

  private static String pair(String a, String b, String params) {
    return """
        { "name": "pair",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "A", "type": "weft.code", "position": [200, 0], "parameters": {"mode": "json", "items": [%s]} },
            { "name": "B", "type": "weft.code", "position": [200, 200], "parameters": {"mode": "json", "items": [%s]} },
            { "name": "Compare", "type": "weft.compareDatasets", "position": [400, 100], "parameters": %s } ],
          "connections": [ { "from": "Start", "to": "A" }, { "from": "Start", "to": "B" },
            { "from": "A", "to": "Compare", "input": 0 }, { "from": "B", "to": "Compare", "input": 1 } ] }
        """.formatted(a, b, params);
  }

  @Test
  void aFieldOnlyOneVersionHasIsReportedWithNullForTheOther() {
    ExecutionResult r = succeed(pair("{\"sku\": 7}", "{\"sku\": 7, \"colour\": \"red\"}",
        "{\"fields\": [{\"fieldA\": \"sku\", \"fieldB\": \"sku\"}]}"), "[{}]");
    assertThat(json(r.runs("Compare").get(0).output(2))).isEqualTo(parse("""
        [ {"keys": {"sku": 7}, "same": {"sku": 7}, "different": {"colour": {"inputA": null, "inputB": "red"}}} ]
        """));
  }

  @Test
  void fuzzyCompareCountsAMissingFieldAsEmptyUnlessToldOtherwise() {
    String a = "{\"sku\": 7, \"tags\": [], \"note\": null, \"colour\": \"red\"}";
    String b = "{\"sku\": 7, \"note\": \"\", \"size\": \"\"}";
    ExecutionResult lenient = succeed(pair(a, b,
        "{\"fields\": [{\"fieldA\": \"sku\", \"fieldB\": \"sku\"}], \"fuzzyCompare\": true}"), "[{}]");
    assertThat(json(lenient.runs("Compare").get(0).output(2))).isEqualTo(parse("""
        [ {"keys": {"sku": 7}, "same": {"sku": 7, "tags": [], "note": null},
           "different": {"colour": {"inputA": "red", "inputB": null}}} ]
        """));
    ExecutionResult strict = succeed(pair(a, b, "{\"fields\": [{\"fieldA\": \"sku\", \"fieldB\": \"sku\"}], "
        + "\"fuzzyCompare\": true, \"emptyEqualsMissing\": false}"), "[{}]");
    assertThat(json(strict.runs("Compare").get(0).output(2))).isEqualTo(parse("""
        [ {"keys": {"sku": 7}, "same": {"sku": 7, "note": null},
           "different": {"tags": {"inputA": [], "inputB": null}, "colour": {"inputA": "red", "inputB": null},
                         "size": {"inputA": null, "inputB": ""}}} ]
        """));
  }

  @Test
  void aMatchFieldInNoItemIsAnError() {
    ExecutionError e = fail(workflow("{\"fields\": [{\"fieldA\": \"sku\", \"fieldB\": \"id\"}]}"), "[{}]");
    assertThat(e.message()).endsWith("field 'sku' is not in any item of input A");
  }
}
