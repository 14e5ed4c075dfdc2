package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopAndExpressionTest extends EngineTestSupport {

  @Test
  void aLoopNodeGovernsACycle() {
    ExecutionResult r = run("""
        {"name": "loop", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Loop", "type": "test.loop", "parameters": {"times": 3}},
          {"name": "Body", "type": "test.tag", "parameters": {"key": "run", "value": "{{ $runIndex }}"}},
          {"name": "Done", "type": "test.tag", "parameters": {"key": "done", "value": true}}],
         "connections": [{"from": "Start", "to": "Loop"}, {"from": "Loop", "output": 1, "to": "Body"},
           {"from": "Body", "to": "Loop"}, {"from": "Loop", "output": 0, "to": "Done"}]}
        """, List.of(Item.of("x", 1)));
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(r.runs("Loop")).hasSize(3);
    assertThat(r.runs("Body")).hasSize(2);
    assertThat(json(r.output())).containsExactly(Map.of("x", 1, "run", 1L, "done", true));
  }

  @Test
  void expressionsReadTheStateANodeKeepsBetweenRunsAsItsContext() {
    ExecutionResult r = run("""
        {"name": "context", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Loop", "type": "test.loop", "parameters": {"times": 3}},
          {"name": "Body", "type": "test.tag", "parameters": {"key": "seen", "value": "{{ $node('Loop').context.runs }}"}},
          {"name": "Done", "type": "test.tag", "parameters": {"key": "start", "value": "{{ $node('Start').context }}"}}],
         "connections": [{"from": "Start", "to": "Loop"}, {"from": "Loop", "output": 1, "to": "Body"},
           {"from": "Body", "to": "Loop"}, {"from": "Loop", "output": 0, "to": "Done"}]}
        """, List.of(Item.of("x", 1)));
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(r.runs("Body")).extracting(run -> run.outputs().get(0).get(0).json().get("seen"))
        .containsExactly(1L, 2L);
    assertThat(json(r.output())).containsExactly(Map.of("x", 1, "seen", 2L, "start", Map.of()));

    ExecutionResult unknown = run("""
        {"name": "no such node", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Tag", "type": "test.tag", "parameters": {"key": "k", "value": "{{ $node('Nope').context }}"}}],
         "connections": [{"from": "Start", "to": "Tag"}]}
        """, List.of(Item.of("x", 1)));
    assertThat(unknown.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(unknown.error().message()).contains("there is no node named 'Nope'");
  }

  @Test
  void expressionsReadTheItemAndReachUpstreamItemsThroughLineage() {
    ExecutionResult r = run("""
        {"name": "lineage", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Orders", "type": "test.emit", "parameters": {"items": [{"id": 1, "qty": 2}, {"id": 2, "qty": 5}]}},
          {"name": "Split", "type": "test.branch", "parameters": {"field": "big"}},
          {"name": "Flag", "type": "test.tag", "parameters": {"key": "big", "value": "{{ $json.qty > 3 }}"}},
          {"name": "Report", "type": "test.tag", "parameters": {"key": "line",
             "value": "order {{ $node(\\"Orders\\").json.id }} has {{ $json.qty }} items"}}],
         "connections": [{"from": "Start", "to": "Orders"}, {"from": "Orders", "to": "Flag"},
           {"from": "Flag", "to": "Split"}, {"from": "Split", "output": 0, "to": "Report"}]}
        """);
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(json(r.output())).containsExactly(
        Map.of("id", 2L, "qty", 5L, "big", true, "line", "order 2 has 5 items"));
  }

  @Test
  void aParameterThatIsOneExpressionKeepsItsType() {
    ExecutionResult r = run("""
        {"name": "types", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Tag", "type": "test.tag", "parameters": {"key": "{{ 'copy' }}", "value": "{{ $json.list }}"}}],
         "connections": [{"from": "Start", "to": "Tag"}]}
        """, List.of(Item.of("list", List.of(1, 2))));
    assertThat(dev.weft.spi.Json.equal(r.output().get(0).json().get("copy"), List.of(1, 2))).isTrue();
  }

  @Test
  void lineageIsFollowedThroughEveryInputOfAMergedItem() {
    ExecutionResult r = run("""
        {"name": "merge lineage", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Left", "type": "test.emit", "parameters": {"items": [{"side": "left"}]}, "position": [0, 0]},
          {"name": "Right", "type": "test.emit", "parameters": {"items": [{"side": "right"}]}, "position": [0, 100]},
          {"name": "Join", "type": "test.append"},
          {"name": "Back", "type": "test.tag", "parameters": {"key": "fromRight", "value": "{{ $node(\\"Right\\").json.side }}"}}],
         "connections": [{"from": "Start", "to": "Left"}, {"from": "Start", "to": "Right"},
           {"from": "Left", "to": "Join", "input": 0}, {"from": "Right", "to": "Join", "input": 1},
           {"from": "Join", "to": "Back"}]}
        """);
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().message()).contains("'Right' is not on the path");
    assertThat(r.error().itemIndex()).isZero();
  }
}
