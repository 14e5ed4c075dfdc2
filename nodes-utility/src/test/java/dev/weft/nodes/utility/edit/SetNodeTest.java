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

class SetNodeTest {
  private static final String INPUT = """
      [ {"id": 1, "name": "Ada", "address": {"city": "London", "zip": "N1"}, "age": "36"},
        {"id": 2, "name": "Bob", "address": {"city": "Paris"}, "age": "x"} ]
      """;

  private static Object setOn(String params, String input) {
    ExecutionResult r = succeed(single("Set", "weft.set", params), input);
    return json(r.items("Set"));
  }

  @Test
  void setsTypedFieldsOnTopOfAllInputFields() {
    Object out = setOn("""
        {"fields": [
          {"name": "greeting", "value": "Hello {{ $json.name }}"},
          {"name": "score", "type": "number", "value": "{{ $json.id * 10 }}"},
          {"name": "vip", "type": "boolean", "value": "true"},
          {"name": "address.country", "value": "UK"},
          {"name": "tags", "type": "array", "value": "[\\"a\\", \\"b\\"]"},
          {"name": "meta", "type": "object", "value": "{\\"source\\": \\"crm\\"}"}]}
        """, "[{\"id\": 1, \"name\": \"Ada\", \"address\": {\"city\": \"London\"}}]");
    assertThat(out).isEqualTo(parse("""
        [ {"id": 1, "name": "Ada", "address": {"city": "London", "country": "UK"}, "greeting": "Hello Ada",
           "score": 10, "vip": true, "tags": ["a", "b"], "meta": {"source": "crm"}} ]
        """));
  }

  @Test
  void anyTypeKeepsTheValueAsItIs() {
    Object out = setOn("""
        {"fields": [
          {"name": "n", "type": "any", "value": "{{ $json.id * 10 }}"},
          {"name": "where", "type": "any", "value": "{{ $json.address }}"},
          {"name": "text", "type": "any", "value": "id {{ $json.id }}"},
          {"name": "asString", "type": "string", "value": "{{ $json.id * 10 }}"}]}
        """, "[{\"id\": 1, \"address\": {\"city\": \"London\"}}]");
    assertThat(out).isEqualTo(parse("""
        [ {"id": 1, "address": {"city": "London"}, "n": 10, "where": {"city": "London"}, "text": "id 1",
           "asString": "10"} ]
        """));
  }

  @Test
  void convertsNumbersGivenAsTextAndFailsPreciselyWhenTheyDoNot() {
    ExecutionError e = fail(single("Set", "weft.set", """
        {"fields": [{"name": "age", "type": "number", "value": "{{ $json.age }}"}]}
        """), INPUT);
    assertThat(e.message()).endsWith("field 'age': the value 'x' cannot be converted to a number");
    assertThat(e.parameter()).isEqualTo("fields[0].value");
    assertThat(e.itemIndex()).isEqualTo(1);
  }

  @Test
  void convertsBooleansOnlyFromTrueFalseOneAndZero() {
    assertThat(setOn("""
        {"include": "none", "ignoreConversionErrors": true, "fields": [
          {"name": "a", "type": "boolean", "value": "{{ 1 }}"}, {"name": "b", "type": "boolean", "value": "0"},
          {"name": "c", "type": "boolean", "value": "False"}, {"name": "d", "type": "boolean", "value": "{{ 52472 }}"},
          {"name": "e", "type": "boolean", "value": "yes"}, {"name": "f", "type": "number", "value": "{{ true }}"},
          {"name": "g", "type": "number", "value": " "}, {"name": "h", "type": "number", "value": "3.14"}]}
        """, "[{}]")).isEqualTo(parse("""
        [ {"a": true, "b": false, "c": false, "d": 52472, "e": "yes", "f": 1, "g": 0, "h": 3.14} ]
        """));
    ExecutionError e = fail(single("Set", "weft.set", """
        {"fields": [{"name": "flag", "type": "boolean", "value": "{{ 2 }}"}]}
        """), "[{}]");
    assertThat(e.message()).endsWith("field 'flag': the value 2 cannot be converted to a boolean");
  }

  @Test
  void keepsUnconvertibleValuesWhenConversionErrorsAreIgnored() {
    Object out = setOn("""
        {"include": "none", "ignoreConversionErrors": true,
         "fields": [{"name": "age", "type": "number", "value": "{{ $json.age }}"}]}
        """, INPUT);
    assertThat(out).isEqualTo(parse("[{\"age\": 36}, {\"age\": \"x\"}]"));
  }

  @Test
  void keepsOnlySelectedFieldsOrAllButSome() {
    assertThat(setOn("""
        {"include": "selected", "includeFields": "name, address.city", "fields": []}
        """, INPUT)).isEqualTo(parse("""
        [ {"name": "Ada", "address": {"city": "London"}}, {"name": "Bob", "address": {"city": "Paris"}} ]
        """));
    assertThat(setOn("""
        {"include": "except", "includeFields": "age, address.zip", "fields": [{"name": "ok", "type": "boolean", "value": "TRUE"}]}
        """, INPUT)).isEqualTo(parse("""
        [ {"id": 1, "name": "Ada", "address": {"city": "London"}, "ok": true},
          {"id": 2, "name": "Bob", "address": {"city": "Paris"}, "ok": true} ]
        """));
  }

  @Test
  void dotNotationOffWritesALiteralKey() {
    assertThat(setOn("""
        {"include": "none", "dotNotation": false, "fields": [{"name": "a.b", "value": "v"}]}
        """, "[{}]")).isEqualTo(parse("[{\"a.b\": \"v\"}]"));
  }

  @Test
  void setsFieldsFromAJsonObjectTemplate() {
    ExecutionResult r = succeed(single("Set", "weft.set", """
        {"mode": "json", "include": "none", "json": "{{ {'who': $json.name, 'city': $json.address.city, 'n': $json.id + 1} }}"}
        """), INPUT);
    assertThat(json(r.items("Set"))).isEqualTo(parse("""
        [ {"who": "Ada", "city": "London", "n": 2}, {"who": "Bob", "city": "Paris", "n": 3} ]
        """));
    assertThat(r.items("Set").get(1).pairedItems()).containsExactly(PairedItem.of(1));
  }

  @Test
  void jsonModeRejectsSomethingOtherThanAnObject() {
    ExecutionError e = fail(single("Set", "weft.set", """
        {"mode": "json", "json": "[1, 2]"}
        """), "[{}]");
    assertThat(e.message()).contains("'json' must be an object, got array");
  }

  @Test
  void continuesWithAnErrorItemWhenTheNodeSaysSo() {
    String wf = """
        { "name": "set continue",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Set", "type": "weft.set", "onError": "continue",
              "parameters": {"include": "none", "fields": [{"name": "age", "type": "number", "value": "{{ $json.age }}"}]} } ],
          "connections": [ { "from": "Start", "to": "Set" } ] }
        """;
    ExecutionResult r = succeed(wf, INPUT);
    assertThat(r.items("Set")).hasSize(2);
    assertThat(r.items("Set").get(0).json()).isEqualTo(java.util.Map.of("age", 36L));
    assertThat(r.items("Set").get(1).json()).containsKey("error");
  }
}
