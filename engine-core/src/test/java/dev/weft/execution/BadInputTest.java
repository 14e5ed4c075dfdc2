package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.workflow.Problem;
import dev.weft.workflow.WorkflowException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BadInputTest extends EngineTestSupport {

  @Test
  void everyProblemIsReportedWithNodeAndParameter() {
    List<Problem> problems = weft.validate(wf("""
        {"name": "broken", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Typo", "type": "test.tagg"},
          {"name": "Emit", "type": "test.emit", "parameters": {"itemz": []}},
          {"name": "Sleep", "type": "test.sleep", "parameters": {"ms": "soon", "stubborn": "maybe"}},
          {"name": "Tag", "type": "test.tag", "parameters": {"value": "{{ $json.a + }}"}, "version": 3},
          {"name": "Tag2", "type": "test.tag", "parameters": {"value": "{{ $json.a + }}"},
           "credentials": {"acme.key": "k1"}},
          {"name": "Split", "type": "test.branch"}],
         "connections": [{"from": "Start", "to": "Emit"}, {"from": "Split", "output": 2, "to": "Emit"},
           {"from": "Emit", "to": "Start"}]}
        """));
    assertThat(problems).extracting(Problem::toString).contains(
        "node 'Typo': unknown node type 'test.tagg'; did you mean test.tag?",
        "node 'Emit', parameter 'itemz': unknown parameter; known parameters: items",
        "node 'Emit', parameter 'items': a value is required",
        "node 'Tag': node type 'test.tag' has no version 3; registered versions: 1",
        "node 'Tag2', parameter 'credentials.acme.key': node type 'test.tag' does not use credentials of type 'acme.key'",
        "node 'Split': a connection leaves output 2 but the node has 2 outputs (0: yes, 1: no)",
        "node 'Start': a connection from 'Emit' leads into it, but it is a trigger and has no inputs");
    assertThat(problems).extracting(Problem::toString)
        .anySatisfy(p -> assertThat(p).startsWith("node 'Sleep', parameter 'ms': expected a number"))
        .anySatisfy(p -> assertThat(p).startsWith("node 'Sleep', parameter 'stubborn': expected true or false"))
        .anySatisfy(p -> assertThat(p).startsWith("node 'Tag2', parameter 'value': expression error:"));
  }

  @Test
  void runningAnInvalidWorkflowThrowsBeforeAnythingRuns() {
    assertThatThrownBy(() -> run("""
        {"name": "broken", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "X", "type": "nope.missing"}], "connections": [{"from": "Start", "to": "X"}]}
        """))
        .isInstanceOf(WorkflowException.class)
        .hasMessage("workflow 'broken' is invalid: node 'X': unknown node type 'nope.missing'; "
            + "is the node pack that provides it installed?");
    assertThat(TestNodes.calls("Start")).isZero();
  }

  @Test
  void aCycleWithoutALoopNodeIsRejected() {
    List<Problem> problems = weft.validate(wf("""
        {"name": "cycle", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "A", "type": "test.tag"}, {"name": "B", "type": "test.tag"}],
         "connections": [{"from": "Start", "to": "A"}, {"from": "A", "to": "B"}, {"from": "B", "to": "A"}]}
        """));
    assertThat(problems).extracting(Problem::toString).containsExactly(
        "the nodes 'A', 'B' form a cycle that no loop node governs; it would never end (use Loop Over Items / "
            + "Split In Batches to loop)");
  }

  @Test
  void aNodeThatThrowsFailsTheExecutionWithItsMessage() {
    ExecutionResult r = run("""
        {"name": "throws", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Boom", "type": "test.fail", "parameters": {"always": true, "message": "service said no"}}],
         "connections": [{"from": "Start", "to": "Boom"}]}
        """);
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().message()).isEqualTo("node 'Boom' (test.fail) failed, parameter 'always': service said no");
    assertThat(r.error().parameter()).isEqualTo("always");
    assertThat(r.runs("Boom").get(0).error()).isEqualTo(r.error());
  }

  @Test
  void aNodeReturningNullFailsClearly() {
    ExecutionResult r = run("""
        {"name": "null", "nodes": [{"name": "Start", "type": "test.trigger"}, {"name": "Broken", "type": "test.null"}],
         "connections": [{"from": "Start", "to": "Broken"}]}
        """);
    assertThat(r.error().message()).isEqualTo("node 'Broken' (test.null) failed: the node returned no output (null); "
        + "a node returns NodeOutput.none() when it has nothing to output");
  }

  @Test
  void aFailingExpressionNamesNodeParameterAndItem() {
    ExecutionResult r = run("""
        {"name": "expr", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Tag", "type": "test.tag", "parameters": {"value": "{{ $node(\\"Nowhere\\").json.x }}"}}],
         "connections": [{"from": "Start", "to": "Tag"}]}
        """);
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().parameter()).isEqualTo("value");
    assertThat(r.error().itemIndex()).isZero();
    assertThat(r.error().message()).startsWith("node 'Tag' (test.tag) failed, parameter 'value', item 0: expression failed:")
        .contains("Nowhere");
  }

  @Test
  void aWorkflowWithoutAStartNodeIsRejected() {
    assertThatThrownBy(() -> run("""
        {"name": "loop only", "nodes": [{"name": "A", "type": "test.tag"}, {"name": "L", "type": "test.loop"}],
         "connections": [{"from": "A", "to": "L"}, {"from": "L", "output": 1, "to": "A"}]}
        """)).isInstanceOf(WorkflowException.class).hasMessageContaining("has no node to start at");
  }
}
