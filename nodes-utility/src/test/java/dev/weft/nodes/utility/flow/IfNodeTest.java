package dev.weft.nodes.utility.flow;

import static dev.weft.nodes.utility.common.FlowDataHarness.fail;
import static dev.weft.nodes.utility.common.FlowDataHarness.json;
import static dev.weft.nodes.utility.common.FlowDataHarness.parse;
import static dev.weft.nodes.utility.common.FlowDataHarness.single;
import static dev.weft.nodes.utility.common.FlowDataHarness.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionError;
import dev.weft.ExecutionResult;
import org.junit.jupiter.api.Test;

class IfNodeTest {
  private static final String PEOPLE = """
      [ {"name": "Ada", "age": 36, "email": "ada@example.com", "tags": ["math", "code"], "since": "2020-03-01T10:00:00Z"},
        {"name": "bob", "age": 17, "email": "", "tags": [], "since": "2024-01-15"},
        {"name": "Cy", "age": "42", "tags": ["code"]} ]
      """;

  private static ExecutionResult run(String params, String input) {
    return succeed(single("If", "weft.if", params), input);
  }

  private static Object names(java.util.List<dev.weft.spi.Item> items) {
    return items.stream().map(i -> i.json().get("name")).toList();
  }

  private static java.util.List<dev.weft.spi.Item> falseBranch(ExecutionResult r) {
    return r.runs("If").get(0).output(1);
  }

  @Test
  void routesByANumberComparisonToTrueAndFalse() {
    ExecutionResult r = run("""
        {"conditions": [{"left": "{{ $json.age }}", "type": "number", "operator": "gte", "right": 18}],
         "looseTypeValidation": true}
        """, PEOPLE);
    assertThat(names(r.items("If"))).isEqualTo(java.util.List.of("Ada", "Cy"));
    assertThat(names(falseBranch(r))).isEqualTo(java.util.List.of("bob"));
    assertThat(json(r.items("If"))).isEqualTo(parse("""
        [ {"name": "Ada", "age": 36, "email": "ada@example.com", "tags": ["math", "code"], "since": "2020-03-01T10:00:00Z"},
          {"name": "Cy", "age": "42", "tags": ["code"]} ]
        """));
  }

  @Test
  void strictTypeValidationRejectsANumberGivenAsText() {
    ExecutionError e = fail(single("If", "weft.if", """
        {"conditions": [{"left": "{{ $json.age }}", "type": "number", "operator": "gte", "right": 18}]}
        """), PEOPLE);
    assertThat(e.message()).contains("conditions[0]").contains("item 2").contains("'42'").contains("a number");
    assertThat(e.nodeName()).isEqualTo("If");
  }

  @Test
  void comparesTextIgnoringCaseWhenAsked() {
    String cond = """
        {"conditions": [{"left": "{{ $json.name }}", "type": "string", "operator": "startsWith", "right": "B"}]%s}
        """;
    assertThat(names(run(cond.formatted(""), PEOPLE).items("If"))).isEqualTo(java.util.List.of());
    assertThat(names(run(cond.formatted(", \"ignoreCase\": true"), PEOPLE).items("If")))
        .isEqualTo(java.util.List.of("bob"));
  }

  @Test
  void combinesConditionsWithOr() {
    ExecutionResult r = run("""
        {"combinator": "or", "conditions": [
          {"left": "{{ $json.name }}", "type": "string", "operator": "equals", "right": "Cy"},
          {"left": "{{ $json.tags }}", "type": "array", "operator": "contains", "right": "math"}]}
        """, PEOPLE);
    assertThat(names(r.items("If"))).isEqualTo(java.util.List.of("Ada", "Cy"));
  }

  @Test
  void combinesConditionsWithAnd() {
    ExecutionResult r = run("""
        {"conditions": [
          {"left": "{{ $json.tags }}", "type": "array", "operator": "contains", "right": "code"},
          {"left": "{{ $json.tags }}", "type": "array", "operator": "lengthGt", "right": 1}]}
        """, PEOPLE);
    assertThat(names(r.items("If"))).isEqualTo(java.util.List.of("Ada"));
  }

  @Test
  void testsEmptinessAndExistence() {
    ExecutionResult empty = run("""
        {"conditions": [{"left": "{{ $json.email }}", "type": "string", "operator": "empty"}]}
        """, PEOPLE);
    assertThat(names(empty.items("If"))).isEqualTo(java.util.List.of("bob", "Cy"));
    ExecutionResult exists = run("""
        {"conditions": [{"left": "{{ $json.email }}", "type": "string", "operator": "exists"}]}
        """, PEOPLE);
    assertThat(names(exists.items("If"))).isEqualTo(java.util.List.of("Ada", "bob"));
  }

  @Test
  void comparesDatesWithAndWithoutTimes() {
    ExecutionResult r = run("""
        {"conditions": [{"left": "{{ $json.since }}", "type": "dateTime", "operator": "after", "right": "2021-01-01T00:00:00Z"}]}
        """, "[{\"name\": \"Ada\", \"since\": \"2020-03-01T10:00:00Z\"}, {\"name\": \"bob\", \"since\": \"2024-01-15\"}]");
    assertThat(names(r.items("If"))).isEqualTo(java.util.List.of("bob"));
    assertThat(names(falseBranch(r))).isEqualTo(java.util.List.of("Ada"));
  }

  @Test
  void matchesRegularExpressionsWithJavaScriptLiteralFlags() {
    ExecutionResult r = run("""
        {"conditions": [{"left": "{{ $json.name }}", "type": "string", "operator": "regex", "right": "/^[a-c]/i"}]}
        """, PEOPLE);
    assertThat(names(r.items("If"))).isEqualTo(java.util.List.of("Ada", "bob", "Cy"));
    ExecutionError e = fail(single("If", "weft.if", """
        {"conditions": [{"left": "{{ $json.name }}", "type": "string", "operator": "regex", "right": "(unclosed"}]}
        """), PEOPLE);
    assertThat(e.message()).contains("'(unclosed' is not a valid regular expression");
  }

  @Test
  void rejectsAnOperatorThatDoesNotFitTheType() {
    ExecutionError e = fail(single("If", "weft.if", """
        {"conditions": [{"left": "{{ $json.age }}", "type": "number", "operator": "startsWith", "right": 1}]}
        """), PEOPLE);
    assertThat(e.message()).contains("operator 'startsWith' does not apply to type number");
  }

  @Test
  void booleanOperatorsConvertTextOnlyWhenLoose() {
    String input = "[{\"name\": \"a\", \"ok\": true}, {\"name\": \"b\", \"ok\": \"false\"}]";
    ExecutionResult r = run("""
        {"conditions": [{"left": "{{ $json.ok }}", "type": "boolean", "operator": "isFalse"}], "looseTypeValidation": true}
        """, input);
    assertThat(names(r.items("If"))).isEqualTo(java.util.List.of("b"));
    ExecutionError e = fail(single("If", "weft.if", """
        {"conditions": [{"left": "{{ $json.ok }}", "type": "boolean", "operator": "isFalse"}]}
        """), input);
    assertThat(e.message()).contains("item 1").contains("'false'").contains("a boolean");
  }

  @Test
  void aFailingItemGoesToTheErrorOutputWhenTheNodeSaysSo() {
    String wf = """
        { "name": "if errors",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "If", "type": "weft.if", "onError": "errorOutput",
              "parameters": {"conditions": [{"left": "{{ $json.age }}", "type": "number", "operator": "gt", "right": 20}]} } ],
          "connections": [ { "from": "Start", "to": "If" } ] }
        """;
    ExecutionResult r = succeed(wf, PEOPLE);
    assertThat(names(r.items("If"))).isEqualTo(java.util.List.of("Ada"));
    assertThat(names(falseBranch(r))).isEqualTo(java.util.List.of("bob"));
    assertThat(r.runs("If").get(0).output(2)).hasSize(1);
  }
}
