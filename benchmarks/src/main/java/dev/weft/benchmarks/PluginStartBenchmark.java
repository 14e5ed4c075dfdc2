package dev.weft.benchmarks;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.plugin.PluginInfo;
import dev.weft.plugin.PluginStatus;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
 * Engine start with the utility pack on the classpath versus as a PF4J plugin, in a fresh JVM each time (one shot per
 * fork: what a service restart costs). {@code start} is {@code Weft.build()}; {@code startAndRun} adds the first run
 * of a two-node workflow (Manual Trigger, Set), so that the pack's classes are actually used.
 *
 * <ul>
 *   <li>{@code classpath}: the pack found by {@code ServiceLoader} on the classpath;</li>
 *   <li>{@code plugin}: the pack's zip in the plugins folder, already unpacked (every start after the first; the
 *   setup unpacks it with plain {@code java.util.zip}, so no engine code is warm when the measured start begins);</li>
 *   <li>{@code pluginFirstStart}: a fresh folder holding only the zip, so the start unpacks it (the first start after
 *   a deployment).</li>
 * </ul>
 *
 * Needs {@code nodes-utility} on the benchmark classpath and its plugin zip: {@code -Dweft.utilityPlugin=PATH}, or found
 * in {@code nodes-utility/target} (or {@code ../nodes-utility/target}) when run from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class PluginStartBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Param({"classpath", "plugin", "pluginFirstStart"})
  public String pack;

  private Path folder;
  private Path unpacked;
  private FileTime unpackedAt;
  private Weft weft;
  private final Workflow workflow = Workflow.builder("start")
      .node("Start", "weft.manualTrigger")
      .node("Set", "weft.set", Map.of("mode", "manual",
          "fields", List.of(Map.of("name", "greeting", "value", "Hello {{ $json.name }}"))))
      .chain("Start", "Set")
      .build();

  @Setup(Level.Invocation)
  public void prepareFolder() throws IOException {
    if (pack.equals("classpath")) {
      return;
    }
    Path zip = utilityPluginZip();
    folder = Files.createTempDirectory("weft-plugin-start");
    Path copy = Files.copy(zip, folder.resolve(zip.getFileName()));
    if (pack.equals("plugin")) {
      // unpacked as an earlier start would have left it, without running any engine code in this JVM
      unpacked = unpackLikeAnEarlierStart(copy);
      unpackedAt = Files.getLastModifiedTime(unpacked.resolve(".complete"));
    }
  }

  /** NodePlugins' layout: .unpacked/NAME-SIZE-MODIFIED/ with a .complete marker. {@link #stop} checks it was reused. */
  private static Path unpackLikeAnEarlierStart(Path zip) throws IOException {
    String name = zip.getFileName().toString();
    Path target = zip.resolveSibling(".unpacked").resolve(name.substring(0, name.length() - 4) + "-" + Files.size(zip)
        + "-" + Files.getLastModifiedTime(zip).toMillis());
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path out = target.resolve(e.getName()).normalize();
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(in, out);
        }
      }
    }
    return Files.createFile(target.resolve(".complete")).getParent();
  }

  @TearDown(Level.Invocation)
  public void stop() throws IOException {
    if (weft != null) {
      checkStarted(weft);
      weft.close();
      weft = null;
    }
    if (unpacked != null) {
      if (!Files.getLastModifiedTime(unpacked.resolve(".complete")).equals(unpackedAt)) {
        throw new IllegalStateException("the engine unpacked the zip again: NodePlugins' unpacked layout changed, "
            + "update unpackLikeAnEarlierStart");
      }
      unpacked = null;
    }
    if (folder != null) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      folder = null;
    }
  }

  /**
   * CPU time of the measured thread, beside the wall time: on a loaded machine the wall time mostly measures the wait
   * for a core, the CPU time what the start itself costs.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Cpu {
    public double cpuMs;
  }

  @Benchmark
  public Weft start(Cpu cpu) {
    long before = THREADS.getCurrentThreadCpuTime();
    weft = engine();
    cpu.cpuMs = (THREADS.getCurrentThreadCpuTime() - before) / 1e6;
    return weft;
  }

  @Benchmark
  public ExecutionResult startAndRun(Cpu cpu) {
    long before = THREADS.getCurrentThreadCpuTime();
    weft = engine();
    ExecutionResult result = weft.run(workflow, List.of(Item.of("name", "Ada")));
    cpu.cpuMs = (THREADS.getCurrentThreadCpuTime() - before) / 1e6;
    if (result.status() != ExecutionStatus.SUCCESS) {
      throw new IllegalStateException("the first run failed: " + result.error());
    }
    return result;
  }

  private Weft engine() {
    return pack.equals("classpath") ? Weft.builder().build() : pluginEngine();
  }

  private Weft pluginEngine() {
    return Weft.builder().discoverNodePacks(false).pluginsDirectory(folder).build();
  }

  private void checkStarted(Weft engine) {
    boolean hasSet = engine.nodeTypes().stream().anyMatch(d -> d.type().equals("weft.set"));
    if (!hasSet) {
      throw new IllegalStateException(pack.equals("classpath")
          ? "nodes-utility is not on the benchmark classpath: add it to benchmarks/pom.xml"
          : "the utility plugin did not start: " + engine.plugins().list());
    }
    if (!pack.equals("classpath")) {
      for (PluginInfo p : engine.plugins().list()) {
        if (p.status() != PluginStatus.STARTED) {
          throw new IllegalStateException(p.error());
        }
      }
    }
  }

  private static Path utilityPluginZip() throws IOException {
    String configured = System.getProperty("weft.utilityPlugin");
    if (configured != null) {
      return Path.of(configured);
    }
    for (String dir : List.of("nodes-utility/target", "../nodes-utility/target")) {
      Path target = Path.of(dir);
      if (Files.isDirectory(target)) {
        try (Stream<Path> files = Files.list(target)) {
          Path zip = files.filter(p -> p.getFileName().toString().endsWith("-plugin.zip")).findFirst().orElse(null);
          if (zip != null) {
            return zip;
          }
        }
      }
    }
    throw new UncheckedIOException(new IOException("no utility plugin zip: build nodes-utility (mvn package) or pass "
        + "-Dweft.utilityPlugin=PATH"));
  }
}
