package dev.weft.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowReaderTest {

  @Test
  void readsEveryDocumentedField() {
    Workflow wf = Workflow.fromJson("""
        {"id": "w1", "name": "Orders",
         "settings": {"executionOrder": "v0", "timezone": "Europe/Berlin", "errorWorkflow": "err",
                      "timeoutMs": 5000, "saveData": "errors", "maxStoredItems": 10},
         "nodes": [
           {"name": "Start", "type": "weft.manualTrigger", "position": [10, 20]},
           {"name": "Set", "type": "weft.set", "version": 2, "parameters": {"a": "{{ $json.x }}"},
            "credentials": {"weft.httpBasicAuth": "c1"}, "disabled": true,
            "retry": {"maxTries": 3, "waitMs": 100, "backoff": 2.0}, "onError": "errorOutput",
            "timeoutMs": 250, "executeOnce": true, "alwaysOutputData": true, "notes": "n"}
         ],
         "connections": [{"from": "Start", "to": "Set"}, {"from": "Set", "output": 1, "to": "Start", "input": 0}],
         "pinData": {"Start": [{"x": 1}]}}
        """);
    assertThat(wf.id()).isEqualTo("w1");
    assertThat(wf.settings()).isEqualTo(new WorkflowSettings(ExecutionOrder.V0, "Europe/Berlin", "err", 5000,
        SaveData.ERRORS, 10));
    WorkflowNode set = wf.node("Set");
    assertThat(set.version()).isEqualTo(2);
    assertThat(set.parameters()).isEqualTo(Map.of("a", "{{ $json.x }}"));
    assertThat(set.credentials()).isEqualTo(Map.of("weft.httpBasicAuth", "c1"));
    assertThat(set.disabled()).isTrue();
    assertThat(set.retry()).isEqualTo(new RetryPolicy(3, 100, 2.0));
    assertThat(set.onError()).isEqualTo(OnError.ERROR_OUTPUT);
    assertThat(set.timeoutMs()).isEqualTo(250);
    assertThat(set.executeOnce()).isTrue();
    assertThat(set.alwaysOutputData()).isTrue();
    assertThat(wf.node("Start").x()).isEqualTo(10);
    assertThat(wf.connections()).containsExactly(new Connection("Start", 0, "Set", 0), new Connection("Set", 1, "Start", 0));
    assertThat(wf.pinData().get("Start").get(0).json()).isEqualTo(Map.of("x", 1L));
  }

  @Test
  void writesWhatItReads() {
    String json = """
        {"name": "Round trip", "settings": {"executionOrder": "parallel"},
         "nodes": [{"name": "A", "type": "weft.noOp", "parameters": {"k": [1, {"b": true}]}, "onError": "continue"},
                   {"name": "B", "type": "weft.noOp", "retry": {"maxTries": 2, "waitMs": 5, "backoff": 1.5}}],
         "connections": [{"from": "A", "to": "B"}]}
        """;
    Workflow first = Workflow.fromJson(json);
    Workflow second = Workflow.fromJson(first.toJson());
    assertThat(second.toMap()).isEqualTo(first.toMap());
    assertThat(second.node("B").retry().backoff()).isEqualTo(1.5);
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> Workflow.fromJson("{\"name\": \"x\",\n \"nodes\": [}"))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("malformed JSON at line 2");
  }

  @Test
  void collectsEveryStructuralProblem() {
    WorkflowException e = org.junit.jupiter.api.Assertions.assertThrows(WorkflowException.class, () -> Workflow.fromJson("""
        {"name": "Broken", "colour": "red",
         "settings": {"executionOrder": "random", "saveData": "some"},
         "nodes": [
           {"name": "A", "type": "weft.noOp", "retry": {"maxTries": 50}},
           {"name": "A", "type": "weft.noOp", "onError": "ignore"},
           {"name": "C"},
           {"name": "D", "type": "weft.noOp", "position": "left", "disabled": "yes", "extra": 1}
         ],
         "connections": [{"from": "A", "to": "Nowhere"}, {"from": "Ghost", "to": "A"}, {"from": "A", "output": -1, "to": "D"}],
         "pinData": {"Missing": []}}
        """));
    assertThat(e.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
        "unknown top-level key 'colour'",
        "settings.executionOrder must be one of v1, v0, parallel; was 'random'",
        "settings.saveData must be one of all, errors, none; was 'some'",
        "node 'A': retry.maxTries must be between 1 and 10, was 50",
        "node 'A': 'onError' must be one of stop, continue, errorOutput; was 'ignore'",
        "node 'C': 'type' is required",
        "node 'D': unknown key 'extra'",
        "node 'D': 'position' must be [x, y], was left",
        "node 'D': 'disabled' must be true or false, was yes",
        "connections[2].output must be a whole number of at least 0, was -1",
        "node 'A': another node has the same name; node names must be unique",
        "a connection from 'A' leads to node 'Nowhere', which does not exist",
        "a connection starts at node 'Ghost', which does not exist",
        "pinData names node 'Missing', which does not exist");
    assertThat(e.getMessage()).startsWith("workflow 'Broken' is invalid (14 problems):");
  }

  @Test
  void builderChecksStructureToo() {
    assertThatThrownBy(() -> Workflow.builder("b").node("A", "weft.noOp").connect("A", "B").build())
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("a connection from 'A' leads to node 'B', which does not exist");
    Workflow wf = Workflow.builder("b").node("A", "weft.noOp").node("B", "weft.noOp").chain("A", "B").build();
    assertThat(wf.connections()).containsExactly(new Connection("A", 0, "B", 0));
    assertThat(wf.nodes()).extracting(WorkflowNode::name).isEqualTo(List.of("A", "B"));
  }
}
