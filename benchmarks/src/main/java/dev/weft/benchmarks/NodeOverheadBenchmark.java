package dev.weft.benchmarks;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine overhead per node: one item through a 10-node linear workflow of pass-through nodes, run data kept or not.
 * Divide the score by 10 for the cost of one node. Goal: at most 2 µs a node.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NodeOverheadBenchmark {
  @Param({"all", "none"})
  public String saveData;

  private Weft weft;
  private Workflow workflow;
  private final List<Item> input = List.of(Item.of("id", 1));

  @Setup
  public void setUp() {
    weft = Weft.builder().discoverNodePacks(false).nodePack(new BenchNodes()).build();
    Workflow.Builder b = Workflow.builder("linear-10").settings(
        dev.weft.workflow.WorkflowSettings.DEFAULTS.withSaveData(
            saveData.equals("all") ? dev.weft.workflow.SaveData.ALL : dev.weft.workflow.SaveData.NONE));
    String[] names = new String[10];
    for (int i = 0; i < 10; i++) {
      names[i] = "n" + i;
      b.node(names[i], "bench.pass");
    }
    workflow = b.chain(names).build();
    weft.run(workflow, input); // plans and caches the workflow
  }

  @TearDown
  public void tearDown() {
    weft.close();
  }

  @Benchmark
  public ExecutionResult tenNodes() {
    return weft.run(workflow, input);
  }
}
