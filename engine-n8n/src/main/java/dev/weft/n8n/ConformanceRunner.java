package dev.weft.n8n;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.NodeRun;
import dev.weft.Weft;
import dev.weft.n8n.importer.ImportIssue;
import dev.weft.n8n.importer.ImportResult;
import dev.weft.n8n.importer.N8nImportException;
import dev.weft.n8n.importer.N8nImporter;
import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodePack;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs n8n's own node test workflows on Weft and judges them as n8n's test suite does.
 *
 * <p>For each fixture: the pinned data is kept as the expectation and deleted from the workflow; the workflow is
 * imported; it runs in UTC from one empty item (or the fixture's {@code trigger.input}) on a virtual clock that starts
 * at 2025-01-01 and jumps ahead whenever the execution waits for a time; it must succeed, and every pinned node must
 * have run exactly once with output 0 equal to the pinned items (binary data and lineage left out, error objects
 * compared by message, name, description and context). A fixture using a node type, option or JavaScript Weft does
 * not support is skipped, naming it.
 *
 * <pre>{@code
 * ConformanceReport report = ConformanceRunner.create().check(Path.of("../shared/conformance/n8n"));
 * System.out.print(report.toText());   // ends with "N passed, M failed, K skipped"
 * }</pre>
 */
public final class ConformanceRunner {

  /** Where the virtual clock of every fixture run starts, as in n8n's test. */
  public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_RESUMES = 100;

  private final List<NodePack> packs;

  private ConformanceRunner(List<NodePack> packs) {
    this.packs = List.copyOf(packs);
  }

  /** A runner with the node packs found on the class path ({@code META-INF/services/dev.weft.spi.NodePack}). */
  public static ConformanceRunner create() {
    List<NodePack> found = new ArrayList<>();
    ServiceLoader.load(NodePack.class).forEach(found::add);
    return new ConformanceRunner(found);
  }

  /** A runner with exactly these node packs. */
  public static ConformanceRunner withNodePacks(List<NodePack> packs) {
    return new ConformanceRunner(packs);
  }

  /**
   * Checks every {@code *.json} fixture in a folder, in file-name order.
   *
   * @throws IOException when the folder cannot be listed
   */
  public ConformanceReport check(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    List<FixtureResult> results = new ArrayList<>();
    for (Path f : files) {
      results.add(checkFixture(f));
    }
    return new ConformanceReport(results);
  }

  /** Checks one fixture file. Never throws: an unreadable file or an engine failure is a failed fixture. */
  public FixtureResult checkFixture(Path file) {
    String name = file.getFileName().toString();
    try {
      return checkFixture(name, Files.readString(file));
    } catch (IOException e) {
      return FixtureResult.failed(name, "cannot read the file: " + e.getMessage());
    } catch (RuntimeException e) {
      return FixtureResult.failed(name, "the engine failed: " + e);
    }
  }

  @SuppressWarnings("unchecked")
  private FixtureResult checkFixture(String name, String text) throws IOException {
    Object parsed = JSON.readValue(text, Object.class);
    if (!(parsed instanceof Map<?, ?>)) {
      return FixtureResult.failed(name, "not an n8n workflow: the file holds no JSON object");
    }
    Map<String, Object> n8n = new LinkedHashMap<>((Map<String, Object>) parsed);
    Map<String, Object> expected = n8n.remove("pinData") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Object trigger = n8n.remove("trigger");

    VirtualClock clock = new VirtualClock(START);
    Weft.Builder builder = Weft.builder().clock(clock).timeZone(ZoneOffset.UTC).discoverNodePacks(false);
    for (NodePack p : packs) {
      builder.nodePack(p);
    }
    try (Weft weft = builder.build()) {
      Set<String> types = new LinkedHashSet<>();
      for (NodeDescriptor d : weft.nodeTypes()) {
        types.add(d.type());
      }
      ImportResult imported;
      try {
        imported = N8nImporter.forNodeTypes(types).importWorkflow(n8n);
      } catch (N8nImportException e) {
        return FixtureResult.failed(name, e.getMessage());
      }
      if (!imported.complete()) {
        return unsupported(name, imported.issues());
      }
      Workflow workflow;
      try {
        workflow = Workflow.fromMap(imported.document());
      } catch (WorkflowException e) {
        return FixtureResult.failed(name, "Weft rejects the imported workflow: " + e.getMessage());
      }
      ExecutionResult result = weft.run(workflow, input(trigger));
      for (int i = 0; i < MAX_RESUMES && result.status() == ExecutionStatus.WAITING; i++) {
        if (result.waitUntil() == null) {
          return FixtureResult.failed(name, "the execution waits for an outside call at node '" + result.lastNode()
              + "'");
        }
        clock.advanceTo(result.waitUntil());
        result = weft.resume(result.executionId(), Map.of());
      }
      if (result.status() != ExecutionStatus.SUCCESS) {
        return FixtureResult.failed(name, "the execution ended in " + result.status()
            + (result.error() == null ? "" : ": " + result.error().message()));
      }
      for (Map.Entry<String, Object> e : expected.entrySet()) {
        List<List<Map<String, Object>>> runs = new ArrayList<>();
        for (NodeRun run : result.runs(e.getKey())) {
          List<Map<String, Object>> items = new ArrayList<>();
          for (Item item : run.output(0)) {
            items.add(item.json());
          }
          runs.add(items);
        }
        String diff = OutputComparison.firstDifference(e.getKey(), OutputComparison.pinnedJson(e.getValue()), runs);
        if (diff != null) {
          return FixtureResult.failed(name, diff);
        }
      }
      return FixtureResult.passed(name);
    }
  }

  private static FixtureResult unsupported(String name, List<ImportIssue> issues) {
    List<String> what = new ArrayList<>();
    boolean invalid = false;
    for (ImportIssue i : issues) {
      what.add(i.toString());
      invalid |= i.kind() == ImportIssue.Kind.INVALID;
    }
    return invalid ? FixtureResult.failed(name, "cannot import: " + String.join("; ", what))
        : FixtureResult.skipped(name, what);
  }

  /** The trigger's items: {@code trigger.input} (one item or a list), else one empty item. */
  @SuppressWarnings("unchecked")
  static List<Item> input(Object trigger) {
    if (!(trigger instanceof Map<?, ?> t) || t.get("input") == null) {
      return List.of(Item.empty());
    }
    Object in = t.get("input");
    List<?> list = in instanceof List<?> l ? l : List.of(in);
    List<Item> items = new ArrayList<>();
    for (Object o : list) {
      Object json = o instanceof Map<?, ?> m && m.containsKey("json") ? m.get("json") : o;
      items.add(json instanceof Map<?, ?> j ? Item.of((Map<String, Object>) j) : Item.empty());
    }
    return items;
  }

  /** A clock that stands still until the runner moves it forward. */
  static final class VirtualClock extends Clock {
    private volatile Instant now;

    VirtualClock(Instant start) {
      this.now = start;
    }

    void advanceTo(Instant instant) {
      if (instant.isAfter(now)) {
        now = instant;
      }
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
