package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.spi.Item;
import dev.weft.spi.PairedItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemFlowTest extends EngineTestSupport {

  @Test
  void itemsFlowThroughAChain() {
    ExecutionResult r = run("""
        {"name": "chain", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Emit", "type": "test.emit", "parameters": {"items": [{"n": 1}, {"n": 2}]}},
          {"name": "Tag", "type": "test.tag", "parameters": {"key": "seen", "value": true}}],
         "connections": [{"from": "Start", "to": "Emit"}, {"from": "Emit", "to": "Tag"}]}
        """);
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(json(r.output())).containsExactly(Map.of("n", 1L, "seen", true), Map.of("n", 2L, "seen", true));
    assertThat(r.lastNode()).isEqualTo("Tag");
    assertThat(r.runs().keySet()).containsExactly("Start", "Emit", "Tag");
    assertThat(r.runs("Tag").get(0).inputCounts()).containsExactly(2);
    assertThat(r.runs("Tag").get(0).outputCounts()).containsExactly(2);
  }

  @Test
  void runInputReachesTheTrigger() {
    ExecutionResult r = run("""
        {"name": "in", "nodes": [{"name": "Start", "type": "test.trigger"}]}
        """, List.of(Item.of("a", 1), Item.of("a", 2)));
    assertThat(json(r.output())).containsExactly(Map.of("a", 1), Map.of("a", 2));
  }

  @Test
  void outputItemsArePairedWithTheirInputs() {
    ExecutionResult r = run("""
        {"name": "pairs", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Tag", "type": "test.tag", "parameters": {"value": 1}}],
         "connections": [{"from": "Start", "to": "Tag"}]}
        """, List.of(Item.of("a", 1), Item.of("a", 2)));
    assertThat(r.output()).extracting(i -> i.pairedItems()).containsExactly(List.of(PairedItem.of(0)),
        List.of(PairedItem.of(1)));
  }

  @Test
  void aNodeWithNoOutputItemsEndsItsBranch() {
    ExecutionResult r = run("""
        {"name": "empty", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Emit", "type": "test.emit", "parameters": {"items": []}},
          {"name": "After", "type": "test.tag"}],
         "connections": [{"from": "Start", "to": "Emit"}, {"from": "Emit", "to": "After"}]}
        """);
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(r.runs("After")).isEmpty();
    assertThat(r.lastNode()).isEqualTo("Emit");
  }

  @Test
  void alwaysOutputDataGivesOneEmptyItem() {
    ExecutionResult r = run("""
        {"name": "always", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Emit", "type": "test.emit", "parameters": {"items": []}, "alwaysOutputData": true},
          {"name": "After", "type": "test.tag", "parameters": {"value": "ran"}}],
         "connections": [{"from": "Start", "to": "Emit"}, {"from": "Emit", "to": "After"}]}
        """);
    assertThat(json(r.items("Emit"))).containsExactly(Map.of());
    assertThat(json(r.output())).containsExactly(Map.of("tag", "ran"));
  }

  @Test
  void disabledNodePassesItsInputThrough() {
    ExecutionResult r = run("""
        {"name": "disabled", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Off", "type": "test.tag", "parameters": {"value": 1}, "disabled": true},
          {"name": "On", "type": "test.tag", "parameters": {"key": "on", "value": 2}}],
         "connections": [{"from": "Start", "to": "Off"}, {"from": "Off", "to": "On"}]}
        """, List.of(Item.of("a", 0)));
    assertThat(json(r.output())).containsExactly(Map.of("a", 0, "on", 2L));
    assertThat(r.runs("Off").get(0).disabled()).isTrue();
    assertThat(TestNodes.calls("Off")).isZero();
  }

  @Test
  void executeOnceUsesTheFirstItemOnly() {
    ExecutionResult r = run("""
        {"name": "once", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Tag", "type": "test.tag", "parameters": {"value": 1}, "executeOnce": true}],
         "connections": [{"from": "Start", "to": "Tag"}]}
        """, List.of(Item.of("a", 1), Item.of("a", 2), Item.of("a", 3)));
    assertThat(json(r.output())).containsExactly(Map.of("a", 1, "tag", 1L));
  }

  @Test
  void pinnedDataReplacesTheNodeRun() {
    ExecutionResult r = run("""
        {"name": "pinned", "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Fetch", "type": "test.fail", "parameters": {"always": true}},
          {"name": "Tag", "type": "test.tag", "parameters": {"value": "x"}}],
         "connections": [{"from": "Start", "to": "Fetch"}, {"from": "Fetch", "to": "Tag"}],
         "pinData": {"Fetch": [{"id": 7}, {"id": 8}]}}
        """);
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(TestNodes.calls("Fetch")).isZero();
    assertThat(r.runs("Fetch").get(0).pinned()).isTrue();
    assertThat(json(r.output())).containsExactly(Map.of("id", 7L, "tag", "x"), Map.of("id", 8L, "tag", "x"));
  }
}
