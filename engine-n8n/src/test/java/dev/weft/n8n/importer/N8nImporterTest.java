package dev.weft.n8n.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class N8nImporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An n8n workflow from single-quoted JSON, to keep the tests readable. */
  static ImportResult importN8n(String singleQuoted) throws Exception {
    return N8nImporter.create().importJson(singleQuoted.replace('\'', '"'));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> node(ImportResult r, String name) {
    for (Object n : (List<Object>) r.document().get("nodes")) {
      Map<String, Object> m = (Map<String, Object>) n;
      if (m.get("name").equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no node " + name + " in " + r.document());
  }

  @Test
  void mapsConnectionsSettingsAndPinData() throws Exception {
    ImportResult r = importN8n("""
        {'name': 'Demo', 'settings': {'executionOrder': 'v1', 'timezone': 'Europe/Berlin', 'executionTimeout': 30},
         'nodes': [
           {'name': 'Start', 'type': 'n8n-nodes-base.manualTrigger', 'typeVersion': 1, 'position': [0, 10]},
           {'name': 'Check', 'type': 'n8n-nodes-base.if', 'typeVersion': 2, 'position': [200, 10],
            'parameters': {'conditions': {'conditions': [{'leftValue': '={{ $json.a }}', 'rightValue': '5',
              'operator': {'type': 'number', 'operation': 'gt'}}], 'combinator': 'and'}}},
           {'name': 'Yes', 'type': 'n8n-nodes-base.noOp', 'typeVersion': 1},
           {'name': 'No', 'type': 'n8n-nodes-base.noOp', 'typeVersion': 1},
           {'name': 'Note', 'type': 'n8n-nodes-base.stickyNote', 'typeVersion': 1, 'parameters': {'content': 'hi'}}
         ],
         'connections': {
           'Start': {'main': [[{'node': 'Check', 'type': 'main', 'index': 0}]]},
           'Check': {'main': [[{'node': 'Yes', 'type': 'main', 'index': 0}], [{'node': 'No', 'type': 'main', 'index': 0}]]}
         },
         'pinData': {'Yes': [{'json': {'a': 6}}, {'b': 1}]}}
        """);
    assertThat(r.issues()).isEmpty();
    Map<String, Object> doc = r.workflow();
    assertThat(doc.get("name")).isEqualTo("Demo");
    assertThat(doc.get("settings")).isEqualTo(Map.of("executionOrder", "v1", "timezone", "Europe/Berlin",
        "timeoutMs", 30000L));
    assertThat((List<?>) doc.get("nodes")).hasSize(4);
    assertThat(doc.get("connections")).isEqualTo(List.of(
        Map.of("from", "Start", "output", 0, "to", "Check", "input", 0),
        Map.of("from", "Check", "output", 0, "to", "Yes", "input", 0),
        Map.of("from", "Check", "output", 1, "to", "No", "input", 0)));
    assertThat(doc.get("pinData")).isEqualTo(Map.of("Yes", List.of(Map.of("a", 6), Map.of("b", 1))));
    assertThat(node(r, "Check").get("position")).isEqualTo(List.of(200, 10));
    assertThat(node(r, "Check").get("parameters")).isEqualTo(Map.of(
        "conditions", List.of(Map.of("left", "{{ $json.a }}", "type", "number", "operator", "gt", "right", "{{ 5 }}")),
        "combinator", "and", "ignoreCase", false, "looseTypeValidation", false));
    Workflow wf = r.toWorkflow();
    assertThat(wf.nodes()).hasSize(4);
    assertThat(wf.connections()).hasSize(3);
  }

  @Test
  void missingExecutionOrderMeansLegacyV0() throws Exception {
    ImportResult r = importN8n("""
        {'nodes': [{'name': 'Start', 'type': 'n8n-nodes-base.manualTrigger', 'typeVersion': 1}], 'connections': {}}
        """);
    assertThat(r.document().get("settings")).isEqualTo(Map.of("executionOrder", "v0"));
    assertThat(r.document().get("name")).isEqualTo("Imported n8n workflow");
  }

  @Test
  void mapsNodeSettings() throws Exception {
    ImportResult r = importN8n("""
        {'nodes': [
          {'name': 'A', 'type': 'n8n-nodes-base.noOp', 'typeVersion': 1, 'retryOnFail': true, 'maxTries': 9,
           'waitBetweenTries': 9000, 'onError': 'continueErrorOutput', 'alwaysOutputData': true, 'executeOnce': true,
           'disabled': true, 'notes': 'n'},
          {'name': 'B', 'type': 'n8n-nodes-base.noOp', 'typeVersion': 1, 'retryOnFail': true, 'maxTries': 1,
           'continueOnFail': true},
          {'name': 'C', 'type': 'n8n-nodes-base.noOp', 'typeVersion': 1, 'retryOnFail': true,
           'onError': 'continueRegularOutput'},
          {'name': 'D', 'type': 'n8n-nodes-base.noOp', 'typeVersion': 1, 'onError': 'stopWorkflow'}
        ], 'connections': {}}
        """);
    Map<String, Object> a = node(r, "A");
    assertThat(a.get("retry")).isEqualTo(Map.of("maxTries", 5L, "waitMs", 5000L));
    assertThat(a.get("onError")).isEqualTo("errorOutput");
    assertThat(a).containsEntry("alwaysOutputData", true).containsEntry("executeOnce", true)
        .containsEntry("disabled", true).containsEntry("notes", "n");
    assertThat(node(r, "B").get("retry")).isEqualTo(Map.of("maxTries", 2L, "waitMs", 1000L));
    assertThat(node(r, "B").get("onError")).isEqualTo("continue");
    assertThat(node(r, "C").get("retry")).isEqualTo(Map.of("maxTries", 3L, "waitMs", 1000L));
    assertThat(node(r, "C").get("onError")).isEqualTo("continue");
    assertThat(node(r, "D")).doesNotContainKey("onError").doesNotContainKey("retry");
  }

  @Test
  void reportsUnsupportedNodesAndExpressionsPrecisely() throws Exception {
    ImportResult r = importN8n("""
        {'name': 'W', 'nodes': [
          {'name': 'Start', 'type': 'n8n-nodes-base.manualTrigger', 'typeVersion': 1},
          {'name': 'Call', 'type': 'n8n-nodes-base.httpRequest', 'typeVersion': 4.2},
          {'name': 'Edit', 'type': 'n8n-nodes-base.set', 'typeVersion': 3.4, 'parameters': {'assignments':
            {'assignments': [{'name': 'x', 'type': 'string', 'value': '={{ $node[\\'L\\'].runIndex }}'}]}}},
          {'name': 'Code', 'type': 'n8n-nodes-base.code', 'typeVersion': 2, 'parameters': {'jsCode':
            'return items.map(i => i)'}}
        ], 'connections': {'Start': {'main': [[{'node': 'Call', 'type': 'main', 'index': 0}]]}}}
        """);
    assertThat(r.complete()).isFalse();
    assertThat(r.issues()).extracting(ImportIssue::kind).containsExactly(ImportIssue.Kind.UNSUPPORTED_NODE,
        ImportIssue.Kind.UNTRANSLATABLE_EXPRESSION, ImportIssue.Kind.UNSUPPORTED_CODE);
    ImportIssue expr = r.issues().get(1);
    assertThat(expr.node()).isEqualTo("Edit");
    assertThat(expr.nodeType()).isEqualTo("n8n-nodes-base.set@3.4");
    assertThat(expr.parameter()).isEqualTo("assignments.assignments[0].value");
    assertThat(expr.javaScript()).isEqualTo("$node[\"L\"].runIndex");
    assertThat(r.issues().get(0).toString())
        .isEqualTo("node 'Call' (n8n-nodes-base.httpRequest@4.2): the n8n node type 'n8n-nodes-base.httpRequest' "
            + "has no Weft equivalent");
    assertThat(r.issues().get(2).toString()).contains("node 'Code'", "parameter 'jsCode'",
        "`return items.map(i => i)`", "a function call is computed, not literal data");
    assertThatThrownBy(r::workflow).isInstanceOf(N8nImportException.class)
        .hasMessageContaining("n8n workflow 'W' cannot be imported (3 problems)");
  }

  @Test
  void rejectsWhatIsNotAnN8nWorkflow() {
    assertThatThrownBy(() -> N8nImporter.create().importJson("{\"nodes\": 3}"))
        .isInstanceOf(N8nImportException.class).hasMessageContaining("'nodes' must be a list");
    assertThatThrownBy(() -> N8nImporter.create().importJson("[1]"))
        .hasMessageContaining("an n8n workflow is a JSON object, found array");
    assertThatThrownBy(() -> N8nImporter.create().importJson("{\"nodes\": ["))
        .hasMessageContaining("malformed JSON at line 1");
  }

  @Test
  void reportsBrokenConnections() throws Exception {
    ImportResult r = importN8n("""
        {'nodes': [{'name': 'A', 'type': 'n8n-nodes-base.noOp', 'typeVersion': 1}],
         'connections': {'A': {'main': [[{'node': 'Nowhere', 'type': 'main', 'index': 0}]],
                               'ai_tool': [[{'node': 'A', 'type': 'ai_tool', 'index': 0}]]},
                         'Ghost': {'main': [[]]}}}
        """);
    assertThat(r.issues()).extracting(ImportIssue::message).containsExactly(
        "a connection of 'A' leads to 'Nowhere', which does not exist",
        "'ai_tool' connections (to 'A') have no Weft equivalent; only 'main' connections are imported",
        "connections name the source node 'Ghost', which does not exist");
  }

  @Test
  void webhookFallsBackToAManualTriggerWithoutWeftWebhook() throws Exception {
    String n8n = """
        {'nodes': [{'name': 'Hook', 'type': 'n8n-nodes-base.webhook', 'typeVersion': 1,
          'parameters': {'httpMethod': 'POST', 'path': 'in'}}], 'connections': {}}
        """.replace('\'', '"');
    ImportResult without = N8nImporter.forNodeTypes(Set.of("weft.manualTrigger")).importJson(n8n);
    assertThat(node(without, "Hook").get("type")).isEqualTo("weft.manualTrigger");
    ImportResult with = N8nImporter.forNodeTypes(Set.of("weft.webhook")).importJson(n8n);
    assertThat(node(with, "Hook").get("type")).isEqualTo("weft.webhook");
    assertThat(node(with, "Hook").get("parameters")).isEqualTo(Map.of("httpMethod", "POST", "path", "in"));
  }

  @Test
  void reportsMappedTypesTheEngineLacks() throws Exception {
    ImportResult r = N8nImporter.forNodeTypes(Set.of("weft.manualTrigger")).importJson("""
        {"nodes": [{"name": "X", "type": "n8n-nodes-base.xml", "typeVersion": 1}], "connections": {}}
        """);
    assertThat(r.issues()).singleElement().extracting(ImportIssue::message)
        .isEqualTo("it maps to the Weft node type 'weft.xml', which this engine does not have");
  }

  @Test
  void writesJsonTheWorkflowReaderAccepts() throws Exception {
    ImportResult r = importN8n("""
        {'name': 'Round trip', 'nodes': [
          {'name': 'Start', 'type': 'n8n-nodes-base.manualTrigger', 'typeVersion': 1},
          {'name': 'Data', 'type': 'n8n-nodes-base.code', 'typeVersion': 2, 'retryOnFail': true,
           'parameters': {'jsCode': 'return [{a: 1}, {a: 2}]'}}],
         'connections': {'Start': {'main': [[{'node': 'Data', 'type': 'main', 'index': 0}]]}}}
        """);
    String text = JSON.writeValueAsString(r.workflow());
    Workflow wf = Workflow.fromJson(text);
    assertThat(wf.node("Data").type()).isEqualTo("weft.code");
  }
}
