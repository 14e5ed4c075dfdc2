package dev.weft.n8n.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each n8n node family's mapping to its Weft node, one small n8n node at a time. */
class MappersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ImportIssue> issues = new ArrayList<>();

  /** Maps one n8n node given as single-quoted JSON parameters. */
  @SuppressWarnings("unchecked")
  private MappedNode map(String type, double version, String parameters) throws Exception {
    Map<String, Object> params = JSON.readValue(parameters.replace('\'', '"'), Map.class);
    N8nNode node = new N8nNode("N", "n8n-nodes-base." + type, version, params);
    MappingContext ctx = new MappingContext(node, issues, null);
    MappedNode mapped = NodeMappers.table().get(node.type()).map(node, ctx);
    return ctx.failed() ? null : mapped;
  }

  private static int[] outputs(MappedNode m, int n8nOutput) {
    return m.outputs().apply(n8nOutput);
  }

  @Test
  void ifVersion1KeepsTypedConditionsWithN8nDefaults() throws Exception {
    MappedNode m = map("if", 1, """
        {'conditions': {'number': [{'value1': '={{ $json.n }}', 'value2': 3}],
                        'string': [{'value1': '={{ $json.s }}', 'operation': 'regex', 'value2': '^a'},
                                   {'value1': '={{ $json.s }}', 'operation': 'isEmpty'}],
                        'boolean': [{'value1': '={{ $json.b }}'}]},
         'combineOperation': 'any'}
        """);
    assertThat(m.type()).isEqualTo("weft.if");
    assertThat(m.parameters().get("conditions")).isEqualTo(List.of(
        Map.of("left", "{{ $json.b }}", "type", "boolean", "operator", "equals", "right", "{{ false }}"),
        Map.of("left", "{{ $json.n }}", "type", "number", "operator", "lt", "right", "{{ 3 }}"),
        Map.of("left", "{{ $json.s }}", "type", "string", "operator", "regex", "right", "^a"),
        Map.of("left", "{{ $json.s }}", "type", "string", "operator", "empty")));
    assertThat(m.parameters()).containsEntry("combinator", "or").containsEntry("looseTypeValidation", true);
  }

  @Test
  void ifVersion1AnyWithoutConditionsFailsEveryItem() throws Exception {
    assertThat(map("if", 1, "{'combineOperation': 'any'}").parameters().get("conditions"))
        .isEqualTo(List.of(Map.of("left", "{{ false }}", "type", "boolean", "operator", "isTrue")));
    assertThat(map("if", 1, "{}").parameters().get("conditions")).isEqualTo(List.of());
  }

  @Test
  void filterVersion1UsesCombineConditions() throws Exception {
    MappedNode m = map("filter", 1, "{'conditions': {'dateTime': [{'value1': '={{ $json.d }}', 'value2': "
        + "'2020-01-01'}]}, 'combineConditions': 'OR'}");
    assertThat(m.type()).isEqualTo("weft.filter");
    assertThat(m.parameters()).containsEntry("combinator", "or");
    assertThat(m.parameters().get("conditions")).isEqualTo(List.of(
        Map.of("left", "{{ $json.d }}", "type", "dateTime", "operator", "after", "right", "2020-01-01")));
  }

  @Test
  void ifVersion2ReadsTheFilterAndItsOptions() throws Exception {
    MappedNode m = map("if", 2.2, """
        {'conditions': {'options': {'caseSensitive': false, 'typeValidation': 'loose'},
          'conditions': [{'leftValue': '={{ $json.ok }}', 'rightValue': '', 'operator': {'type': 'boolean',
            'operation': 'true', 'singleValue': true}},
           {'leftValue': '={{ $json.tags }}', 'rightValue': 'x', 'operator': {'type': 'array', 'operation':
            'contains', 'rightType': 'any'}}],
          'combinator': 'or'}}
        """);
    assertThat(m.parameters().get("conditions")).isEqualTo(List.of(
        Map.of("left", "{{ $json.ok }}", "type", "boolean", "operator", "isTrue"),
        Map.of("left", "{{ $json.tags }}", "type", "array", "operator", "contains", "right", "x")));
    assertThat(m.parameters()).containsEntry("ignoreCase", true).containsEntry("looseTypeValidation", true)
        .containsEntry("combinator", "or");
  }

  @Test
  void switchVersion1RulesShareOutputsAndFallBack() throws Exception {
    MappedNode m = map("switch", 1, """
        {'value1': '={{ $json.n }}', 'rules': {'rules': [{'operation': 'equal'}, {'value2': 1, 'output': 1},
          {'value2': 2, 'output': 1}]}, 'fallbackOutput': 3}
        """);
    assertThat(m.parameters()).containsEntry("mode", "rules").containsEntry("fallback", "extra");
    assertThat((List<?>) m.parameters().get("rules")).hasSize(3);
    assertThat(outputs(m, 0)).containsExactly(0);
    assertThat(outputs(m, 1)).containsExactly(1, 2);
    assertThat(outputs(m, 2)).isEmpty();
    assertThat(outputs(m, 3)).containsExactly(3);
  }

  @Test
  void switchVersion2RulesSendRuleIToOutputI() throws Exception {
    MappedNode m = map("switch", 2, """
        {'dataType': 'string', 'value1': '={{ $json.s }}', 'rules': {'rules': [{'operation': 'startsWith', 'value2':
          'a', 'output': 3}, {'value2': 'b'}]}, 'fallbackOutput': 1}
        """);
    assertThat(m.parameters()).containsEntry("fallback", "output").containsEntry("fallbackOutput", 1L);
    assertThat(((Map<?, ?>) ((List<?>) m.parameters().get("rules")).get(0)).get("conditions")).isEqualTo(List.of(
        Map.of("left", "{{ $json.s }}", "type", "string", "operator", "startsWith", "right", "a")));
    assertThat(outputs(m, 1)).containsExactly(1);
  }

  @Test
  void switchExpressionModeKeepsTheOutputCountPerVersion() throws Exception {
    assertThat(map("switch", 1, "{'mode': 'expression', 'output': '={{ $json.i }}'}").parameters())
        .containsEntry("numberOutputs", 4L).containsEntry("output", "{{ $json.i }}");
    assertThat(map("switch", 2, "{'mode': 'expression', 'output': 1, 'outputsAmount': 3}").parameters())
        .containsEntry("numberOutputs", 3L).containsEntry("output", "{{ 1 }}");
    assertThat(map("switch", 3, "{'mode': 'expression', 'numberOutputs': 2, 'output': '={{ 0 }}'}").parameters())
        .containsEntry("numberOutputs", 2L);
  }

  @Test
  void switchVersion3RulesWithFallbackOutput() throws Exception {
    MappedNode m = map("switch", 3, """
        {'rules': {'values': [{'conditions': {'conditions': [{'leftValue': '={{ $json.o }}', 'rightValue': 'a',
          'operator': {'type': 'string', 'operation': 'equals'}}], 'combinator': 'and'}, 'renameOutput': true,
          'outputKey': 'A'}]}, 'options': {'fallbackOutput': 0, 'allMatchingOutputs': true}}
        """);
    assertThat(m.parameters()).containsEntry("fallback", "output").containsEntry("fallbackOutput", 0L)
        .containsEntry("allMatchingOutputs", true);
    assertThat(((Map<?, ?>) ((List<?>) m.parameters().get("rules")).get(0)).get("name")).isEqualTo("A");
  }

  @Test
  void setVersion1AppliesBooleansNumbersThenStrings() throws Exception {
    MappedNode m = map("set", 1, """
        {'keepOnlySet': true, 'values': {'string': [{'name': 's', 'value': '={{ $json.a }}'}, {'name': 't',
          'value': 'fixed'}], 'number': [{'value': 21}], 'boolean': [{'name': 'b', 'value': true}]},
          'options': {'dotNotation': false}}
        """);
    assertThat(m.parameters().get("fields")).isEqualTo(List.of(
        Map.of("name", "b", "type", "boolean", "value", "true"),
        Map.of("name", "propertyName", "type", "number", "value", "21"),
        Map.of("name", "s", "type", "any", "value", "{{ $json.a }}"),
        Map.of("name", "t", "type", "string", "value", "fixed")));
    assertThat(m.parameters()).containsEntry("include", "none").containsEntry("dotNotation", false);
  }

  @Test
  void setVersion3ReadsTypedFieldsAndIncludeOptions() throws Exception {
    MappedNode m = map("set", 3, """
        {'fields': {'values': [{'name': 'n', 'type': 'numberValue', 'numberValue': '2'}, {'name': 't',
          'stringValue': 'x'}]}, 'include': 'except', 'excludeFields': 'a,b', 'options': {'ignoreConversionErrors': true}}
        """);
    assertThat(m.parameters().get("fields")).isEqualTo(List.of(
        Map.of("name", "n", "type", "number", "value", "2"), Map.of("name", "t", "type", "string", "value", "x")));
    assertThat(m.parameters()).containsEntry("include", "except").containsEntry("includeFields", "a,b")
        .containsEntry("ignoreConversionErrors", true);
  }

  @Test
  void setVersion34KeepsOtherFieldsOnlyWhenAsked() throws Exception {
    String assignments = "'assignments': {'assignments': [{'name': 'id', 'value': '1', 'type': 'string'}]}";
    assertThat(map("set", 3.4, "{" + assignments + "}").parameters()).containsEntry("include", "none");
    assertThat(map("set", 3.4, "{" + assignments + ", 'includeOtherFields': true}").parameters())
        .containsEntry("include", "all");
    assertThat(map("set", 3.4, "{'mode': 'raw', 'jsonOutput': '={{ {a: 1} }}'}").parameters())
        .containsEntry("mode", "json").containsEntry("json", "{{ { \"a\": 1 } }}");
  }

  @Test
  void codeWithLiteralDataBecomesJsonItems() throws Exception {
    MappedNode all = map("code", 2, "{'jsCode': 'return [{json: {a: 1}}, {json: {a: 2}}];'}");
    assertThat(all.type()).isEqualTo("weft.code");
    assertThat(all.parameters()).containsEntry("mode", "json")
        .containsEntry("items", List.of(Map.of("a", 1L), Map.of("a", 2L)));
    MappedNode plain = map("function", 1, "{'functionCode': 'const data = [{id: 1}];\\nreturn data;'}");
    assertThat(plain.parameters()).containsEntry("items", List.of(Map.of("id", 1L)));
    MappedNode one = map("code", 1, "{'jsCode': 'return {id: 1}'}");
    assertThat(one.parameters()).containsEntry("items", List.of(Map.of("id", 1L)));
  }

  @Test
  void codeTextHoldingBracesStaysText() throws Exception {
    MappedNode m = map("code", 2, "{'jsCode': 'return [{t: \\'a {{ b }}\\'}]'}");
    assertThat(m.parameters()).containsEntry("items", List.of(Map.of("t", "{{ \"a {{ b }\\u007d\" }}")));
  }

  @Test
  void codeRunOncePerItemRepeatsTheLiteralForEachItem() throws Exception {
    MappedNode m = map("code", 2, "{'mode': 'runOnceForEachItem', 'jsCode': 'return {json: {a: [1, 2]}}'}");
    assertThat(m.parameters()).containsEntry("mode", "jsonata").containsEntry("runOnce", "eachItem");
    Object parsed = JSON.readValue((String) m.parameters().get("expression"), Object.class);
    assertThat(parsed).isEqualTo(Map.of("a", List.of(1, 2)));
  }

  @Test
  void codeDataN8nRejectsFailsAsN8nDoes() throws Exception {
    MappedNode m = map("code", 2, "{'jsCode': 'return {json: \\\"test\\\"}'}");
    assertThat(m.type()).isEqualTo("weft.stopAndError");
    assertThat(m.parameters()).containsEntry("message", "A 'json' property isn't an object [item 0]");
    assertThat(outputs(m, 1)).containsExactly(0);
    assertThat(outputs(m, 0)).containsExactly(MappedNode.NEVER_USED);
    assertThat(map("code", 2, "{'jsCode': 'return [{json: {a: 1}}, {b: 2}]'}").parameters())
        .containsEntry("message", "Inconsistent item format");
  }

  @Test
  void codeReturningExpressionsBecomesAJsonataTransform() throws Exception {
    MappedNode m = map("code", 2, "{'jsCode': 'return [{key: \\'a_\\' + $runIndex}]'}");
    assertThat(m.parameters()).containsEntry("mode", "jsonata").containsEntry("runOnce", "allItems")
        .containsEntry("expression", "[{ \"key\": $plus(\"a_\", $runIndex) }]");
  }

  @Test
  void codeWithLogicOrPythonIsReported() throws Exception {
    assertThat(map("code", 2, "{'jsCode': 'return $input.all().filter(i => i.json.ok)'}")).isNull();
    assertThat(map("code", 2, "{'language': 'python', 'pythonCode': 'return []'}")).isNull();
    assertThat(issues).extracting(ImportIssue::kind).containsExactly(ImportIssue.Kind.UNSUPPORTED_CODE,
        ImportIssue.Kind.UNSUPPORTED_NODE);
    assertThat(issues.get(0).javaScript()).isEqualTo("return $input.all().filter(i => i.json.ok)");
  }

  @Test
  void mergeVersion2Modes() throws Exception {
    assertThat(map("merge", 2, "{}").parameters()).containsEntry("mode", "append");
    assertThat(map("merge", 2, "{'mode': 'chooseBranch', 'output': 'empty'}").parameters())
        .containsEntry("mode", "chooseBranch").containsEntry("chooseOutput", "empty");
    Map<String, Object> byFields = map("merge", 2, """
        {'mode': 'combine', 'mergeByFields': {'values': [{'field1': 'id', 'field2': 'key'}]},
         'joinMode': 'keepNonMatches', 'outputDataFrom': 'input1', 'options': {'fuzzyCompare': true}}
        """).parameters();
    assertThat(byFields).containsEntry("mode", "combineByFields")
        .containsEntry("fields", List.of(Map.of("input1Field", "id", "input2Field", "key")))
        .containsEntry("joinMode", "keepNonMatches").containsEntry("outputDataFrom", "input1")
        .containsEntry("fuzzyCompare", true).containsEntry("clashHandling", "preferInput2");
    assertThat(map("merge", 2, "{'mode': 'combine', 'combinationMode': 'mergeByPosition', 'options': "
        + "{'clashHandling': {'values': {'resolveClash': 'addSuffix'}}, 'includeUnpaired': true}}").parameters())
        .containsEntry("mode", "combineByPosition").containsEntry("clashHandling", "addSuffix")
        .containsEntry("includeUnpaired", true);
    assertThat(map("merge", 2, "{'mode': 'combine', 'mergeByFields': {'values': [{'field1': 'a', 'field2': 'a'}]},"
        + " 'joinMode': 'enrichInput2'}").parameters()).containsEntry("clashHandling", "preferInput1");
    assertThat(map("merge", 2, "{'mode': 'combine', 'combinationMode': 'multiplex'}").parameters())
        .containsEntry("mode", "allCombinations");
  }

  @Test
  void compareDatasetsReadsFuzzyPerVersion() throws Exception {
    Map<String, Object> v1 = map("compareDatasets", 1, "{'mergeByFields': {'values': [{'field1': 'id', 'field2': "
        + "'id'}]}, 'resolve': 'mix', 'exceptWhenMix': 'data', 'options': {'fuzzyCompare': true}}").parameters();
    assertThat(v1).containsEntry("fields", List.of(Map.of("fieldA", "id", "fieldB", "id")))
        .containsEntry("whenDifferent", "mix").containsEntry("mixBase", "inputA").containsEntry("mixExcept", "data")
        .containsEntry("fuzzyCompare", true);
    Map<String, Object> v2 = map("compareDatasets", 2, "{'fuzzyCompare': true, 'options': {}}").parameters();
    assertThat(v2).containsEntry("fuzzyCompare", true).containsEntry("whenDifferent", "preferB")
        .containsEntry("emptyEqualsMissing", false);
    Map<String, Object> v21 = map("compareDatasets", 2.1, "{'fuzzyCompare': true, 'options': {}}").parameters();
    assertThat(v21).containsEntry("whenDifferent", "includeBoth").containsEntry("labelA", "inputA")
        .containsEntry("labelB", "inputB").containsEntry("emptyEqualsMissing", true);
    assertThat(map("compareDatasets", 1, "{'resolve': 'includeBoth', 'options': {}}").parameters())
        .containsEntry("labelA", "input1").containsEntry("labelB", "input2").doesNotContainKey("emptyEqualsMissing");
  }

  @Test
  void itemListsDispatchesToTheStandaloneMappings() throws Exception {
    MappedNode split = map("itemLists", 1, "{'fieldToSplitOut': 'data', 'include': 'selectedOtherFields', "
        + "'fieldsToInclude': {'fields': [{'fieldName': 'a'}, {'fieldName': 'b'}]}}");
    assertThat(split.type()).isEqualTo("weft.splitOut");
    assertThat(split.parameters()).containsEntry("include", "selected").containsEntry("includeFields", "a,b")
        .containsEntry("continueIfFieldNotFound", false);
    assertThat(map("itemLists", 2.1, "{'fieldToSplitOut': 'data'}").parameters())
        .containsEntry("continueIfFieldNotFound", true);
    assertThat(map("splitOut", 1, "{'fieldToSplitOut': 'data'}").parameters())
        .containsEntry("continueIfFieldNotFound", true);
    MappedNode agg = map("itemLists", 2, "{'operation': 'aggregateItems', 'fieldsToAggregate': {'fieldToAggregate': "
        + "[{'fieldToAggregate': 'id', 'renameField': true, 'outputFieldName': 'ids'}]}}");
    assertThat(agg.type()).isEqualTo("weft.aggregate");
    assertThat(agg.parameters().get("fields")).isEqualTo(List.of(Map.of("field", "id", "outputField", "ids")));
    assertThat(agg.parameters()).containsEntry("continueIfFieldNotFound", false);
    assertThat(map("itemLists", 2.1, "{'operation': 'aggregateItems', 'fieldsToAggregate': {'fieldToAggregate': "
        + "[{'fieldToAggregate': 'id'}]}}").parameters()).containsEntry("continueIfFieldNotFound", true);
    assertThat(map("itemLists", 1, "{'operation': 'limit', 'keep': 'lastItems'}").parameters())
        .containsEntry("maxItems", 1).containsEntry("keep", "last");
    assertThat(map("itemLists", 1, "{'operation': 'sort', 'sortFieldsUi': {'sortField': [{'fieldName': 'id'}]}}")
        .parameters().get("fields")).isEqualTo(List.of(Map.of("field", "id", "order", "ascending")));
    assertThat(map("itemLists", 2.1, "{'operation': 'summarize', 'fieldsToSummarize': {'values': [{'field': 'x'}]}}")
        .parameters()).containsEntry("continueIfFieldNotFound", true);
    assertThat(map("itemLists", 1, "{'operation': 'removeDuplicates', 'compare': 'selectedFields', "
        + "'fieldsToCompare': {'fields': [{'fieldName': 'c'}]}}").parameters())
        .containsEntry("compare", "selectedFields").containsEntry("fields", "c");
  }

  @Test
  void standaloneItemNodes() throws Exception {
    assertThat(map("aggregate", 1, "{'aggregate': 'aggregateAllItemData', 'include': 'specifiedFields', "
        + "'fieldsToInclude': ['id', 'name']}").parameters()).containsEntry("aggregate", "allItemData")
        .containsEntry("include", "selected").containsEntry("includeFields", "id,name")
        .containsEntry("destination", "data");
    assertThat(map("summarize", 1, "{'fieldsToSummarize': {'values': [{'aggregation': 'concatenate', 'field': 'c', "
        + "'separateBy': 'other', 'customSeparator': '|'}]}, 'fieldsToSplitBy': 'a, b', 'options': "
        + "{'outputFormat': 'singleItem', 'disableDotNotation': true}}").parameters())
        .containsEntry("fieldsToSummarize", List.of(Map.of("aggregation", "concatenate", "field", "c",
            "separator", "|")))
        .containsEntry("splitBy", "a, b").containsEntry("outputFormat", "singleItem")
        .containsEntry("dotNotation", false);
    assertThat(map("summarize", 1.1, "{'fieldsToSummarize': {'values': [{'field': 'x'}]}}").parameters())
        .containsEntry("continueIfFieldNotFound", true);
    assertThat(map("summarize", 1, "{'fieldsToSummarize': {'values': [{'field': 'x'}]}}").parameters())
        .containsEntry("continueIfFieldNotFound", false).doesNotContainKey("splitValuesAsText");
    assertThat(map("summarize", 1, "{'fieldsToSummarize': {'values': [{'field': 'x'}]}, 'fieldsToSplitBy': 'g'}")
        .parameters()).containsEntry("splitValuesAsText", true);
    assertThat(map("summarize", 1.1, "{'fieldsToSummarize': {'values': [{'field': 'x'}]}, 'fieldsToSplitBy': 'g'}")
        .parameters()).doesNotContainKey("splitValuesAsText");
    assertThat(map("removeDuplicates", 1, "{'compare': 'allFieldsExcept', 'fieldsToExclude': 'age'}").parameters())
        .containsEntry("compare", "allFieldsExcept").containsEntry("fields", "age")
        .doesNotContainKey("removeOtherFields");
    assertThat(map("removeDuplicates", 1, "{'compare': 'selectedFields', 'fieldsToCompare': 'name', "
        + "'options': {'removeOtherFields': true}}").parameters()).containsEntry("removeOtherFields", true);
    assertThat(map("removeDuplicates", 2, "{'operation': 'removeItemsRepeatedInPreviousExecutions'}")).isNull();
    assertThat(map("sort", 1, "{'type': 'random'}").parameters()).containsEntry("mode", "random");
    assertThat(map("sort", 1, "{'type': 'code', 'code': 'return a.json.x - b.json.x'}")).isNull();
    assertThat(map("sort", 1, "{'type': 'code', 'code': \"if (a.json.n < b.json.n) return 1; "
        + "if (a.json.n > b.json.n) return -1; return 0;\"}").parameters())
        .containsEntry("mode", "fields").containsEntry("dotNotation", false)
        .containsEntry("fields", List.of(Map.of("field", "n", "order", "descending")));
  }

  @Test
  void renameKeysSkipsEmptyNamesAsN8nDoes() throws Exception {
    MappedNode m = map("renameKeys", 1, """
        {'keys': {'key': [{'currentKey': 'a', 'newKey': 'b'}, {'currentKey': 'c'}]},
         'additionalOptions': {'regexReplacement': {'replacements': [{'searchRegex': 'x', 'replaceRegex': 'y',
           'options': {'caseInsensitive': true, 'depth': 0}}]}}}
        """);
    assertThat(m.parameters().get("keys")).isEqualTo(List.of(Map.of("from", "a", "to", "b")));
    assertThat(m.parameters().get("regexRules")).isEqualTo(List.of(Map.of("pattern", "x", "replacement", "y",
        "ignoreCase", true, "depth", 0L)));
  }

  @Test
  void dateTimeVersion1TranslatesMomentFormats() throws Exception {
    MappedNode m = map("dateTime", 1, "{'value': '={{ $json.d }}', 'toFormat': 'YYYY/MM/DD [at] HH:mm', "
        + "'dataPropertyName': 'out', 'options': {'fromFormat': 'x', 'toTimezone': 'UTC'}}");
    assertThat(m.parameters()).containsEntry("operation", "formatDate").containsEntry("date", "{{ $json.d }}")
        .containsEntry("format", "custom").containsEntry("customFormat", "yyyy/MM/dd 'at' HH:mm")
        .containsEntry("outputField", "out").containsEntry("fromFormat", "x").containsEntry("timeZone", "UTC")
        .containsEntry("includeInputFields", true);
    assertThat(map("dateTime", 1, "{'value': '1'}").parameters()).containsEntry("customFormat", "MM/dd/yyyy")
        .containsEntry("outputField", "data");
    assertThat(map("dateTime", 1, "{'action': 'calculate', 'value': '2020-01-01', 'operation': 'subtract', "
        + "'duration': 2, 'timeUnit': 'months'}").parameters()).containsEntry("operation", "subtractFromDate")
        .containsEntry("timeUnit", "months").containsEntry("duration", 2);
    assertThat(map("dateTime", 1, "{'value': 'x', 'options': {'fromTimezone': 'Europe/Paris', 'toTimezone': "
        + "'UTC'}}").parameters()).containsEntry("timeZone", "Europe/Paris").containsEntry("outputTimeZone", "UTC");
  }

  @Test
  void dateTimeVersion2MapsEachOperation() throws Exception {
    assertThat(map("dateTime", 2, "{'operation': 'addToDate', 'magnitude': '={{ $json.d }}', 'duration': 2}")
        .parameters()).containsEntry("operation", "addToDate").containsEntry("date", "{{ $json.d }}")
        .containsEntry("timeUnit", "days").containsEntry("outputField", "newDate");
    assertThat(map("dateTime", 2, "{'operation': 'getTimeBetweenDates', 'startDate': 'a', 'endDate': 'b', "
        + "'units': ['day']}").parameters()).containsEntry("units", List.of("day"))
        .containsEntry("outputField", "timeDifference");
    assertThat(map("dateTime", 2, "{'operation': 'extractDate', 'date': 'a', 'part': 'hour', 'outputFieldName': "
        + "'h'}").parameters()).containsEntry("part", "hour").containsEntry("outputField", "h");
    assertThat(map("dateTime", 2, "{'operation': 'formatDate', 'date': 'a', 'format': 'custom', 'customFormat': "
        + "'yyyy', 'options': {'includeInputFields': true}}").parameters()).containsEntry("customFormat", "yyyy")
        .containsEntry("includeInputFields", true);
  }

  @Test
  void loopWaitAndExecutionData() throws Exception {
    MappedNode v1 = map("splitInBatches", 1, "{'batchSize': 2}");
    assertThat(v1.parameters()).containsEntry("batchSize", 2).containsEntry("reset", false);
    assertThat(outputs(v1, 0)).containsExactly(1);
    assertThat(outputs(map("splitInBatches", 3, "{}"), 1)).containsExactly(1);
    assertThat(map("wait", 1, "{'amount': 42, 'unit': 'seconds'}").parameters())
        .isEqualTo(Map.of("resume", "timeInterval", "amount", 42, "unit", "seconds"));
    assertThat(map("wait", 1.1, "{'resume': 'webhook'}").parameters()).containsEntry("resume", "call");
    assertThat(map("executionData", 1, "{'dataToSave': {'values': [{'key': 'id', 'value': '={{ $json.id }}'}]}}")
        .parameters()).isEqualTo(Map.of("values", List.of(Map.of("key", "id", "value", "{{ $json.id }}"))));
  }

  @Test
  void formatsAndFiles() throws Exception {
    assertThat(map("xml", 1, "{}").parameters()).containsEntry("mode", "xmlToJson").containsEntry("field", "data")
        .containsEntry("mergeAttributes", true);
    assertThat(map("xml", 1, "{'mode': 'jsonToxml', 'options': {'headless': true}}").parameters())
        .containsEntry("mode", "jsonToXml").containsEntry("headless", true);
    assertThat(map("htmlExtract", 1, "{'dataPropertyName': 'body.html', 'extractionValues': {'values': [{'key': "
        + "'t', 'cssSelector': 'h1'}]}}").parameters()).containsEntry("field", "body.html")
        .containsEntry("cleanUpText", false).containsEntry("extractionValues", List.of(Map.of("key", "t",
            "cssSelector", "h1", "returnValue", "text", "returnArray", false)));
    assertThat(map("convertToFile", 1.1, "{'operation': 'toBinary', 'sourceProperty': 'b64'}").parameters())
        .containsEntry("operation", "fromBase64").containsEntry("sourceField", "b64")
        .containsEntry("binaryProperty", "data");
    assertThat(map("convertToFile", 1, "{'options': {'delimiter': '|'}}").parameters())
        .containsEntry("operation", "csv").containsEntry("delimiter", "|").containsEntry("includeBom", true);
    assertThat(map("extractFromFile", 1, "{'operation': 'fromJson'}").parameters())
        .containsEntry("operation", "json").containsEntry("outputField", "data");
    assertThat(map("extractFromFile", 1, "{}").parameters()).containsEntry("stripBom", false);
    assertThat(map("convertToFile", 1, "{'operation': 'ods'}")).isNull();
    assertThat(map("convertToFile", 1, "{'operation': 'xls', 'options': {'sheetName': 'S'}}").parameters())
        .containsEntry("operation", "xls").containsEntry("sheetName", "S");
    assertThat(map("extractFromFile", 1, "{'operation': 'xls'}").parameters()).containsEntry("operation", "xls");
    assertThat(map("markdown", 1, "{'mode': 'markdownToHtml', 'markdown': '={{ $json.md }}', 'destinationKey': "
        + "'html'}").parameters()).containsEntry("input", "{{ $json.md }}").containsEntry("outputField", "html");
  }

  @Test
  void theTableMapsEveryFixtureNodeType() {
    assertThat(NodeMappers.table().keySet()).contains("n8n-nodes-base.manualTrigger", "n8n-nodes-base.code",
        "n8n-nodes-base.function", "n8n-nodes-base.noOp", "n8n-nodes-base.set", "n8n-nodes-base.if",
        "n8n-nodes-base.switch", "n8n-nodes-base.merge", "n8n-nodes-base.filter", "n8n-nodes-base.itemLists",
        "n8n-nodes-base.aggregate", "n8n-nodes-base.limit", "n8n-nodes-base.removeDuplicates", "n8n-nodes-base.sort",
        "n8n-nodes-base.splitOut", "n8n-nodes-base.summarize", "n8n-nodes-base.dateTime", "n8n-nodes-base.renameKeys",
        "n8n-nodes-base.markdown", "n8n-nodes-base.htmlExtract", "n8n-nodes-base.xml", "n8n-nodes-base.splitInBatches",
        "n8n-nodes-base.compareDatasets", "n8n-nodes-base.wait", "n8n-nodes-base.executionData",
        "n8n-nodes-base.convertToFile", "n8n-nodes-base.extractFromFile", "n8n-nodes-base.webhook");
  }
}
