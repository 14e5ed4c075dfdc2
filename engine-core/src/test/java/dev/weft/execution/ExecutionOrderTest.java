package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class ExecutionOrderTest extends EngineTestSupport {

  private static String twoBranches(String order, String leafType) {
    return """
        {"name": "order", "settings": {"executionOrder": "%s"}, "nodes": [
          {"name": "Start", "type": "test.trigger", "position": [0, 0]},
          {"name": "Lower", "type": "test.tag", "position": [200, 300]},
          {"name": "Upper", "type": "test.tag", "position": [200, 0]},
          {"name": "Lower 2", "type": "%s", "position": [400, 300]},
          {"name": "Upper 2", "type": "%s", "position": [400, 0]}],
         "connections": [{"from": "Start", "to": "Lower"}, {"from": "Start", "to": "Upper"},
           {"from": "Lower", "to": "Lower 2"}, {"from": "Upper", "to": "Upper 2"}]}
        """.formatted(order, leafType, leafType);
  }

  @Test
  void v1RunsDepthFirstTopBranchFirst() {
    run(twoBranches("v1", "test.tag"));
    assertThat(TestNodes.ORDER).containsExactly("Start", "Upper", "Upper 2", "Lower", "Lower 2");
  }

  @Test
  void v0RunsBreadthFirstInConnectionOrder() {
    run(twoBranches("v0", "test.tag"));
    assertThat(TestNodes.ORDER).containsExactly("Start", "Lower", "Upper", "Lower 2", "Upper 2");
  }

  @Test
  void parallelOrderRunsIndependentBranchesAtTheSameTime() {
    // both leaves wait for each other at a barrier: only concurrent execution gets past it
    TestNodes.barrier = new CyclicBarrier(2);
    ExecutionResult r = run(twoBranches("parallel", "test.meet"));
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(TestNodes.calls("Upper 2") + TestNodes.calls("Lower 2")).isEqualTo(2);
  }

  @Test
  void sequentialOrderDoesNotRunBranchesAtTheSameTime() {
    TestNodes.barrier = new CyclicBarrier(2);
    ExecutionResult r = run(twoBranches("v1", "test.meet"));
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().nodeName()).isEqualTo("Upper 2");
  }
}
