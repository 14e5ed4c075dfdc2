package dev.weft.app;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.NodeRun;
import dev.weft.Weft;
import dev.weft.internal.Jackson;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft run WORKFLOW.json [--input JSON|@file]}. */
@Command(name = "run", description = "Runs a workflow and prints the execution result as JSON.",
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "WORKFLOW.json", description = "the workflow file")
  Path file;

  @Option(names = "--input", paramLabel = "JSON|@file",
      description = "the trigger's items: a JSON object, a list of objects, or @file holding either")
  String input;

  @Option(names = "--data", paramLabel = "DIR",
      description = "where executions are recorded (an H2 database; default WEFT_DATA or ./weft-data)")
  Path data;

  @Option(names = "--in-memory", description = "record nothing: no database, no data folder")
  boolean inMemory;

  @Override
  public Integer call() {
    Workflow workflow;
    List<Item> items;
    try {
      workflow = WorkflowFiles.read(file);
      items = WorkflowFiles.input(input);
    } catch (WorkflowFiles.BadInput e) {
      System.err.println("weft run: " + e.getMessage());
      return 2;
    }
    dev.weft.persistence.jdbc.JdbcStores stores = null;
    if (!inMemory) {
      try {
        stores = DataFolder.open(DataFolder.resolve(data));
      } catch (RuntimeException e) {
        System.err.println("weft run: " + e.getMessage());
        return 2;
      }
    }
    try (dev.weft.persistence.jdbc.JdbcStores closeStores = stores;
        Weft weft = stores == null ? Weft.create() : DataFolder.engine(stores).build()) {
      ExecutionResult result;
      try {
        result = weft.run(workflow, items);
      } catch (WorkflowException e) {
        System.err.println("weft run: " + file + ": " + e.getMessage());
        return 2;
      }
      System.out.println(Jackson.writePretty(toJson(result)));
      if (result.status() == ExecutionStatus.ERROR || result.status() == ExecutionStatus.CANCELLED) {
        System.err.println("weft run: execution " + result.executionId() + " "
            + (result.error() != null ? "failed: " + result.error().message() : "was cancelled"));
        return 1;
      }
      return 0;
    }
  }

  static Map<String, Object> toJson(ExecutionResult r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("executionId", r.executionId());
    out.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
    if (r.error() != null) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("message", r.error().message());
      error.put("node", r.error().nodeName());
      error.put("parameter", r.error().parameter());
      error.put("itemIndex", r.error().itemIndex() < 0 ? null : r.error().itemIndex());
      error.put("description", r.error().description());
      out.put("error", error);
    }
    if (r.waitUntil() != null) {
      out.put("waitUntil", r.waitUntil().toString());
    }
    out.put("lastNode", r.lastNode());
    out.put("output", r.output().stream().map(Item::json).toList());
    Map<String, Object> nodes = new LinkedHashMap<>();
    for (Map.Entry<String, List<NodeRun>> e : r.runs().entrySet()) {
      List<Object> runs = new ArrayList<>();
      for (NodeRun run : e.getValue()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runIndex", run.runIndex());
        m.put("durationMs", run.durationNanos() / 1_000_000.0);
        m.put("inputItems", run.inputCounts());
        m.put("outputItems", run.outputCounts());
        if (run.error() != null) {
          m.put("error", run.error().message());
        }
        runs.add(m);
      }
      nodes.put(e.getKey(), runs);
    }
    out.put("nodes", nodes);
    if (!r.customData().isEmpty()) {
      out.put("customData", r.customData());
    }
    return out;
  }
}
