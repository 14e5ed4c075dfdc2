package dev.weft.nodes.utility.combine;

import static dev.weft.nodes.utility.common.FlowDataHarness.fail;
import static dev.weft.nodes.utility.common.FlowDataHarness.json;
import static dev.weft.nodes.utility.common.FlowDataHarness.parse;
import static dev.weft.nodes.utility.common.FlowDataHarness.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionError;
import dev.weft.ExecutionResult;
import dev.weft.spi.PairedItem;
import org.junit.jupiter.api.Test;

class MergeNodeTest {
  private static final String INPUT_1 = """
      [ {"id": 1, "name": "Ada", "team": {"lead": "x"}}, {"id": 2, "name": "Bob"}, {"id": 4, "name": "Di"} ]
      """;
  private static final String INPUT_2 = """
      [ {"id": 1, "city": "London", "team": {"size": 3}}, {"id": "2", "city": "Paris"}, {"id": 3, "city": "Rome"},
        {"id": 1, "city": "Leeds"} ]
      """;

  /** Start feeds two Code nodes holding the inputs; both lead into Merge. */
  private static String workflow(String mergeParams) {
    return """
        { "name": "merge",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "One", "type": "weft.code", "position": [200, 0], "parameters": {"mode": "json", "items": %s} },
            { "name": "Two", "type": "weft.code", "position": [200, 200], "parameters": {"mode": "json", "items": %s} },
            { "name": "Merge", "type": "weft.merge", "position": [400, 100], "parameters": %s } ],
          "connections": [ { "from": "Start", "to": "One" }, { "from": "Start", "to": "Two" },
            { "from": "One", "to": "Merge", "input": 0 }, { "from": "Two", "to": "Merge", "input": 1 } ] }
        """.formatted(INPUT_1, INPUT_2, mergeParams);
  }

  private static Object merge(String params) {
    return json(succeed(workflow(params), "[{}]").items("Merge"));
  }

  @Test
  void appendsInputsInOrderWithLineageToTheirInput() {
    ExecutionResult r = succeed(workflow("{}"), "[{}]");
    assertThat(r.runs("Merge")).hasSize(1);
    assertThat(r.items("Merge")).hasSize(7);
    assertThat(r.items("Merge").get(3).json()).isEqualTo(java.util.Map.of("id", 1L, "city", "London",
        "team", java.util.Map.of("size", 3L)));
    assertThat(r.items("Merge").get(3).pairedItems()).containsExactly(new PairedItem(0, 1));
  }

  @Test
  void innerJoinOnAFieldMergesEveryMatchPreferringInput2() {
    assertThat(merge("{\"mode\": \"combineByFields\", \"fields\": [{\"input1Field\": \"id\", \"input2Field\": \"id\"}]}"))
        .isEqualTo(parse("""
            [ {"id": 1, "name": "Ada", "team": {"lead": "x", "size": 3}, "city": "London"},
              {"id": 1, "name": "Ada", "team": {"lead": "x"}, "city": "Leeds"} ]
            """));
  }

  @Test
  void fuzzyCompareMatchesNumbersToTheirTextAndFirstMatchOnlyKeepsOne() {
    assertThat(merge("""
        {"mode": "combineByFields", "fields": [{"input1Field": "id", "input2Field": "id"}], "fuzzyCompare": true,
         "multipleMatches": "first", "clashHandling": "preferInput1", "mergeMode": "shallow"}
        """)).isEqualTo(parse("""
            [ {"id": 1, "name": "Ada", "team": {"lead": "x"}, "city": "London"},
              {"id": 2, "name": "Bob", "city": "Paris"} ]
            """));
  }

  @Test
  void keepsNonMatchesMarkingTheirSource() {
    assertThat(merge("""
        {"mode": "combineByFields", "joinMode": "keepNonMatches", "fields": [{"input1Field": "id", "input2Field": "id"}]}
        """)).isEqualTo(parse("""
            [ {"id": 2, "name": "Bob", "_source": "input1"}, {"id": 4, "name": "Di", "_source": "input1"},
              {"id": "2", "city": "Paris", "_source": "input2"}, {"id": 3, "city": "Rome", "_source": "input2"} ]
            """));
  }

  @Test
  void outerAndLeftJoins() {
    String fields = "\"fields\": [{\"input1Field\": \"id\", \"input2Field\": \"id\"}], \"multipleMatches\": \"first\"";
    assertThat(merge("{\"mode\": \"combineByFields\", \"joinMode\": \"keepEverything\", " + fields + "}"))
        .isEqualTo(parse("""
            [ {"id": 1, "name": "Ada", "team": {"lead": "x", "size": 3}, "city": "London"},
              {"id": 2, "name": "Bob"}, {"id": 4, "name": "Di"}, {"id": "2", "city": "Paris"}, {"id": 3, "city": "Rome"} ]
            """));
    assertThat(merge("{\"mode\": \"combineByFields\", \"joinMode\": \"enrichInput1\", " + fields + "}"))
        .isEqualTo(parse("""
            [ {"id": 1, "name": "Ada", "team": {"lead": "x", "size": 3}, "city": "London"},
              {"id": 2, "name": "Bob"}, {"id": 4, "name": "Di"} ]
            """));
  }

  @Test
  void combinesByPositionWithSuffixesAndUnpairedItems() {
    ExecutionResult r = succeed(workflow("{\"mode\": \"combineByPosition\", \"clashHandling\": \"addSuffix\", \"includeUnpaired\": true}"), "[{}]");
    assertThat(r.items("Merge")).hasSize(4);
    assertThat(json(r.items("Merge").subList(1, 2))).isEqualTo(parse("""
        [ {"id_1": 2, "name_1": "Bob", "id_2": "2", "city_2": "Paris"} ]
        """));
    assertThat(r.items("Merge").get(1).pairedItems()).containsExactly(new PairedItem(1, 0), new PairedItem(1, 1));
    assertThat(json(r.items("Merge").subList(3, 4))).isEqualTo(parse("[ {\"id_2\": 1, \"city_2\": \"Leeds\"} ]"));
    assertThat(succeed(workflow("{\"mode\": \"combineByPosition\"}"), "[{}]").items("Merge")).hasSize(3);
  }

  @Test
  void allCombinationsAndChooseBranch() {
    assertThat(succeed(workflow("{\"mode\": \"allCombinations\"}"), "[{}]").items("Merge")).hasSize(12);
    assertThat(merge("{\"mode\": \"chooseBranch\", \"chooseOutput\": \"input2\"}")).isEqualTo(parse(INPUT_2));
    assertThat(merge("{\"mode\": \"chooseBranch\", \"chooseOutput\": \"empty\"}")).isEqualTo(parse("[{}]"));
  }

  @Test
  void chooseBranchsEmptyItemIsPairedWithEveryItemOfBothInputs() {
    String wf = """
        { "name": "merge empty",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "One", "type": "weft.code", "position": [200, 0], "parameters": {"mode": "json", "items": %s} },
            { "name": "Two", "type": "weft.code", "position": [200, 200], "parameters": {"mode": "json", "items": %s} },
            { "name": "Merge", "type": "weft.merge", "position": [400, 100],
              "parameters": {"mode": "chooseBranch", "chooseOutput": "empty"} },
            { "name": "Set", "type": "weft.set", "position": [600, 100], "parameters": {"fields": [
              {"name": "one", "value": "{{ $node('One').json.name }}"},
              {"name": "two", "value": "{{ $node('Two').json.city }}"}]} } ],
          "connections": [ { "from": "Start", "to": "One" }, { "from": "Start", "to": "Two" },
            { "from": "One", "to": "Merge", "input": 0 }, { "from": "Two", "to": "Merge", "input": 1 },
            { "from": "Merge", "to": "Set" } ] }
        """.formatted(INPUT_1, INPUT_2);
    ExecutionResult r = succeed(wf, "[{}]");
    assertThat(r.items("Merge").get(0).pairedItems()).containsExactly(new PairedItem(0, 0), new PairedItem(1, 0),
        new PairedItem(2, 0), new PairedItem(0, 1), new PairedItem(1, 1), new PairedItem(2, 1), new PairedItem(3, 1));
    assertThat(json(r.items("Set"))).isEqualTo(parse("[{\"one\": \"Ada\", \"two\": \"London\"}]"));
  }

  /** Start → If; its true branch feeds input 1, its false branch (which gets no items) feeds input 2. */
  private static String oneSidedWorkflow(String mergeParams) {
    return """
        { "name": "merge one side",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "If", "type": "weft.if", "position": [200, 0],
              "parameters": {"conditions": [{"left": "{{ $json.id }}", "type": "number", "operator": "gt", "right": 0}]} },
            { "name": "Merge", "type": "weft.merge", "position": [400, 0], "parameters": %s } ],
          "connections": [ { "from": "Start", "to": "If" },
            { "from": "If", "output": 0, "to": "Merge", "input": 0 }, { "from": "If", "output": 1, "to": "Merge", "input": 1 } ] }
        """.formatted(mergeParams);
  }

  @Test
  void runsWithTheInputItHasWhenTheOtherBranchBringsNothing() {
    ExecutionResult append = succeed(oneSidedWorkflow("{}"), "[{\"id\": 1}, {\"id\": 2}]");
    assertThat(append.runs("Merge")).hasSize(1);
    assertThat(json(append.items("Merge"))).isEqualTo(parse("[{\"id\": 1}, {\"id\": 2}]"));
    ExecutionResult choose = succeed(oneSidedWorkflow("{\"mode\": \"chooseBranch\"}"), "[{\"id\": 1}]");
    assertThat(choose.items("Merge")).isEmpty();
    ExecutionResult left = succeed(oneSidedWorkflow("""
        {"mode": "combineByFields", "joinMode": "enrichInput1", "fields": [{"input1Field": "id", "input2Field": "id"}]}
        """), "[{\"id\": 1}]");
    assertThat(json(left.items("Merge"))).isEqualTo(parse("[{\"id\": 1}]"));
  }

  @Test
  void itemsOnAnInputBeyondTheConfiguredNumberAreAnError() {
    String wf = """
        { "name": "three inputs",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Merge", "type": "weft.merge", "parameters": {} } ],
          "connections": [ { "from": "Start", "to": "Merge", "input": 0 }, { "from": "Start", "to": "Merge", "input": 2 } ] }
        """;
    ExecutionError e = fail(wf, "[{}]");
    assertThat(e.message()).endsWith("input 3 received items, but mode 'append' uses 2 inputs; raise 'numberInputs'");
    ExecutionResult three = succeed(wf.replace("\"parameters\": {}", "\"parameters\": {\"numberInputs\": 3}"), "[{\"a\": 1}]");
    assertThat(json(three.items("Merge"))).isEqualTo(parse("[{\"a\": 1}, {\"a\": 1}]"));
    assertThat(three.items("Merge").get(1).pairedItems()).containsExactly(new PairedItem(0, 2));
  }

  @Test
  void aMatchFieldInNoItemIsAnErrorNamingTheInput() {
    ExecutionError e = fail(workflow("""
        {"mode": "combineByFields", "fields": [{"input1Field": "id", "input2Field": "ident"}]}
        """), "[{}]");
    assertThat(e.message()).endsWith("field 'ident' is not in any item of input 2");
    assertThat(e.parameter()).isEqualTo("fields[0].input2Field");
  }
}
