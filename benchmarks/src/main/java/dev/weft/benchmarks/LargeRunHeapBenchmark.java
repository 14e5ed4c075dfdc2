package dev.weft.benchmarks;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.spi.Item;
import dev.weft.workflow.SaveData;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowSettings;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * 100,000 items through 5 expression nodes in a JVM limited to a 512 MB heap. The run must succeed; the auxiliary
 * counter {@code heapAfterRunMb} is the heap in use after the run (after a GC) while the result is still held.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
public class LargeRunHeapBenchmark {
  @Param({"none", "all"})
  public String saveData;

  private Weft weft;
  private Workflow workflow;
  private List<Item> input;

  /** Heap figures reported beside the time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Heap {
    public double heapAfterRunMb;
  }

  @Setup(Level.Trial)
  public void setUp() {
    weft = Weft.builder().discoverNodePacks(false).nodePack(new BenchNodes()).build();
    Workflow.Builder b = Workflow.builder("large").settings(WorkflowSettings.DEFAULTS.withSaveData(
        saveData.equals("all") ? SaveData.ALL : SaveData.NONE));
    b.node("trigger", "bench.pass");
    for (int i = 1; i <= 5; i++) {
      b.node("e" + i, "bench.setField", Map.of("field", "f" + i, "value", "{{ $json.a + " + i + " }}"));
    }
    workflow = b.chain("trigger", "e1", "e2", "e3", "e4", "e5").build();
  }

  @Setup(Level.Invocation)
  public void makeInput() {
    input = new ArrayList<>(100_000);
    for (int i = 0; i < 100_000; i++) {
      input.add(Item.of(Map.of("a", i, "name", "item " + i)));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    weft.close();
  }

  @Benchmark
  public ExecutionResult hundredThousandItems(Heap heap) {
    ExecutionResult result = weft.run(workflow, input);
    if (result.status() != ExecutionStatus.SUCCESS || result.output().size() != 100_000) {
      throw new IllegalStateException("the run did not succeed: " + result.status() + " " + result.error());
    }
    input = null;
    System.gc();
    heap.heapAfterRunMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    return result;
  }
}
