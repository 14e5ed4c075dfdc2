package dev.weft.benchmarks;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.spi.Item;
import dev.weft.workflow.SaveData;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 10,000 items through 5 expression-heavy nodes: 50,000 evaluations an operation, so the score is evaluations per
 * second (engine cost included). {@code simplePaths} reads fields ({@code $json.a}); {@code arithmetic} computes with
 * JSONata; {@code template} interpolates text. Goal: at least 1,000,000 simple evaluations a second a core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExpressionThroughputBenchmark {
  private static final int ITEMS = 10_000;
  private static final int EVALUATIONS = ITEMS * 5;

  private Weft weft;
  private Workflow simple;
  private Workflow arithmetic;
  private Workflow template;
  private List<Item> input;

  @Setup
  public void setUp() {
    weft = Weft.builder().discoverNodePacks(false).nodePack(new BenchNodes()).build();
    simple = fiveNodes("simple", "{{ $json.a }}");
    arithmetic = fiveNodes("arithmetic", "{{ $json.a * 2 + $json.b }}");
    template = fiveNodes("template", "item {{ $json.a }} of {{ $json.name }}");
    input = new ArrayList<>(ITEMS);
    for (int i = 0; i < ITEMS; i++) {
      input.add(Item.of(Map.of("a", i, "b", 3, "name", "n" + i)));
    }
  }

  private static Workflow fiveNodes(String name, String expression) {
    Workflow.Builder b = Workflow.builder(name).settings(WorkflowSettings.DEFAULTS.withSaveData(SaveData.NONE));
    String[] names = {"trigger", "e1", "e2", "e3", "e4", "e5"};
    b.node("trigger", "bench.pass");
    for (int i = 1; i <= 5; i++) {
      b.node("e" + i, "bench.setField", Map.of("field", "f" + i, "value", expression));
    }
    return b.chain(names).build();
  }

  @TearDown
  public void tearDown() {
    weft.close();
  }

  @Benchmark
  @OperationsPerInvocation(EVALUATIONS)
  public ExecutionResult simplePaths() {
    return weft.run(simple, input);
  }

  @Benchmark
  @OperationsPerInvocation(EVALUATIONS)
  public ExecutionResult arithmetic() {
    return weft.run(arithmetic, input);
  }

  @Benchmark
  @OperationsPerInvocation(EVALUATIONS)
  public ExecutionResult template() {
    return weft.run(template, input);
  }
}
