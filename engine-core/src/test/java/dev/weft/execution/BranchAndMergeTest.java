package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BranchAndMergeTest extends EngineTestSupport {

  private static final String DIAMOND = """
      {"name": "diamond", "nodes": [
        {"name": "Start", "type": "test.trigger"},
        {"name": "Split", "type": "test.branch"},
        {"name": "Yes", "type": "test.tag", "parameters": {"value": "yes"}, "position": [0, 0]},
        {"name": "No", "type": "test.tag", "parameters": {"value": "no"}, "position": [0, 100]},
        {"name": "Join", "type": "test.append"}],
       "connections": [{"from": "Start", "to": "Split"},
         {"from": "Split", "output": 0, "to": "Yes"}, {"from": "Split", "output": 1, "to": "No"},
         {"from": "Yes", "to": "Join", "input": 0}, {"from": "No", "to": "Join", "input": 1}]}
      """;

  @Test
  void eachOutputFeedsItsBranch() {
    ExecutionResult r = run(DIAMOND, List.of(Item.of("ok", true), Item.of("ok", false), Item.of("ok", true)));
    assertThat(json(r.items("Yes"))).containsExactly(Map.of("ok", true, "tag", "yes"), Map.of("ok", true, "tag", "yes"));
    assertThat(json(r.items("No"))).containsExactly(Map.of("ok", false, "tag", "no"));
  }

  @Test
  void aMultiInputNodeWaitsForAllItsInputs() {
    ExecutionResult r = run(DIAMOND, List.of(Item.of("ok", true), Item.of("ok", false)));
    assertThat(r.runs("Join")).hasSize(1);
    assertThat(r.runs("Join").get(0).inputCounts()).containsExactly(1, 1);
    assertThat(json(r.output())).containsExactly(Map.of("ok", true, "tag", "yes"), Map.of("ok", false, "tag", "no"));
  }

  @Test
  void anOutputWithoutItemsDoesNotRunItsBranchAndTheMergeRunsWithWhatItHas() {
    ExecutionResult r = run(DIAMOND, List.of(Item.of("ok", true)));
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(r.runs("No")).isEmpty();
    assertThat(r.runs("Join").get(0).inputCounts()).containsExactly(1, 0);
    assertThat(json(r.output())).containsExactly(Map.of("ok", true, "tag", "yes"));
  }

  @Test
  void legacyOrderDeliversAnEmptyOutputToASecondInputSoTheMergeRuns() {
    String wf = """
        {"name": "v0 empty", "settings": {"executionOrder": "%s"}, "nodes": [
          {"name": "Start", "type": "test.trigger"},
          {"name": "Some", "type": "test.emit", "parameters": {"items": [{"a": 1}]}},
          {"name": "None", "type": "test.emit", "parameters": {"items": []}},
          {"name": "Join", "type": "test.append", "position": [400, 0]}],
         "connections": [{"from": "Start", "to": "Some"}, {"from": "Start", "to": "None"},
           {"from": "Some", "to": "Join", "input": 0}, {"from": "None", "to": "Join", "input": 1}]}
        """;
    ExecutionResult v0 = run(wf.formatted("v0"));
    assertThat(v0.runs("Join")).hasSize(1);
    assertThat(v0.runs("Join").get(0).inputCounts()).containsExactly(1, 0);
    ExecutionResult v1 = run(wf.formatted("v1"));
    assertThat(v1.runs("Join")).hasSize(1);
    assertThat(v1.runs("Join").get(0).inputCounts()).containsExactly(1, 0);
  }
}
