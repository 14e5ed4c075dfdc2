package dev.weft.execution;

import dev.weft.ExecutionError;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import dev.weft.spi.PairedItem;
import dev.weft.spi.Resumption;
import dev.weft.spi.Suspension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resumable state of an execution as JSON values: the ready stack, nodes waiting for inputs, the suspended node,
 * every finished run (with the items later nodes may still need) and node state. Written after each finished node
 * (and on suspension), read back to continue an execution after a crash or a restart, so that no finished node runs
 * twice.
 */
final class ExecutionCheckpoint {
  /** Bumped when the layout changes; older checkpoints are refused with a clear message. */
  static final int FORMAT = 1;

  private ExecutionCheckpoint() {}

  // ---- writing ----

  static Map<String, Object> capture(ExecutionRun.State s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("stack", tasks(s.stack()));
    m.put("waiting", tasks(s.waiting()));
    m.put("suspended", s.suspended() == null ? null : task(s.suspended()));
    if (s.suspension() != null) {
      Map<String, Object> susp = new LinkedHashMap<>();
      susp.put("resumeAt", s.suspension().resumeAt() == null ? null : s.suspension().resumeAt().toString());
      susp.put("resumable", s.suspension().resumable());
      m.put("suspension", susp);
    }
    Map<String, Object> runs = new LinkedHashMap<>();
    for (String node : s.runOrder()) {
      List<Object> list = new ArrayList<>();
      for (RunRecord r : s.runs().get(node)) {
        list.add(run(r));
      }
      runs.put(node, list);
    }
    m.put("runs", runs);
    m.put("nodeState", s.nodeState());
    m.put("lastNode", s.lastNode());
    m.put("lastOutput", items(s.lastOutput()));
    return m;
  }

  private static List<Object> tasks(Iterable<Task> tasks) {
    List<Object> out = new ArrayList<>();
    for (Task t : tasks) {
      out.add(task(t));
    }
    return out;
  }

  private static Map<String, Object> task(Task t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", t.node.name);
    List<Object> inputs = new ArrayList<>();
    List<Object> sources = new ArrayList<>();
    for (int i = 0; i < t.inputs.length; i++) {
      inputs.add(t.inputs[i] == null ? null : items(t.inputs[i]));
      Task.Source src = t.sources[i];
      sources.add(src == null ? null : Map.of("node", src.node(), "output", src.output(), "run", src.run()));
    }
    m.put("inputs", inputs);
    m.put("sources", sources);
    if (t.resumption != null) {
      m.put("resumption", Map.of("byCall", t.resumption.byCall(), "payload", t.resumption.payload()));
    }
    return m;
  }

  private static Map<String, Object> run(RunRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runIndex", r.runIndex);
    m.put("startedAt", r.startedAt.toString());
    m.put("durationNanos", r.durationNanos);
    m.put("tries", r.tries);
    m.put("inputCounts", r.inputCounts);
    m.put("outputCounts", r.outputCounts);
    List<Object> outputs = new ArrayList<>();
    for (List<Item> out : r.outputs) {
      outputs.add(items(out));
    }
    m.put("outputs", outputs);
    if (r.task != null) {
      m.put("task", task(r.task));
    }
    if (r.error != null) {
      ExecutionError e = r.error;
      Map<String, Object> err = new LinkedHashMap<>();
      err.put("message", e.message());
      err.put("nodeName", e.nodeName());
      err.put("nodeType", e.nodeType());
      err.put("parameter", e.parameter());
      err.put("itemIndex", e.itemIndex());
      err.put("description", e.description());
      err.put("cause", e.cause());
      m.put("error", err);
    }
    m.put("disabled", r.disabled);
    m.put("pinned", r.pinned);
    return m;
  }

  static List<Object> items(List<Item> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (Item item : items) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("json", item.json());
      if (!item.binary().isEmpty()) {
        Map<String, Object> binary = new LinkedHashMap<>();
        for (Map.Entry<String, BinaryData> b : item.binary().entrySet()) {
          Map<String, Object> ref = new LinkedHashMap<>();
          ref.put("id", b.getValue().id());
          ref.put("mimeType", b.getValue().mimeType());
          ref.put("fileName", b.getValue().fileName());
          ref.put("size", b.getValue().size());
          binary.put(b.getKey(), ref);
        }
        m.put("binary", binary);
      }
      if (!item.pairedItems().isEmpty()) {
        List<Object> paired = new ArrayList<>();
        for (PairedItem p : item.pairedItems()) {
          paired.add(List.of(p.item(), p.input()));
        }
        m.put("pairedItem", paired);
      }
      out.add(m);
    }
    return out;
  }

  // ---- reading ----

  /** A checkpoint that cannot be read: names the execution and what is wrong. */
  static final class CorruptCheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CorruptCheckpointException(String executionId, String message, Throwable cause) {
      super("the checkpoint of execution " + executionId + " cannot be read: " + message, cause);
    }
  }

  @SuppressWarnings("unchecked")
  static void restore(ExecutionRun run, Map<String, Object> m) {
    try {
      Object format = m.get("format");
      if (!(format instanceof Number n) || n.intValue() != FORMAT) {
        throw new IllegalArgumentException("unsupported checkpoint format " + format + " (this engine reads "
            + FORMAT + ")");
      }
      ExecutionPlan plan = run.plan();
      for (Object t : (List<Object>) m.get("stack")) {
        run.stackForRestore().addLast(readTask(plan, (Map<String, Object>) t));
      }
      for (Object t : (List<Object>) m.get("waiting")) {
        run.waitingForRestore().add(readTask(plan, (Map<String, Object>) t));
      }
      Map<String, Object> runs = (Map<String, Object>) m.get("runs");
      for (Map.Entry<String, Object> e : runs.entrySet()) {
        PlannedNode node = node(plan, e.getKey());
        for (Object r : (List<Object>) e.getValue()) {
          run.restoreRun(e.getKey(), readRun(plan, node, (Map<String, Object>) r));
        }
      }
      Map<String, Object> nodeState = (Map<String, Object>) m.get("nodeState");
      if (nodeState != null) {
        nodeState.forEach((k, v) -> run.nodeState.put(k, new java.util.concurrent.ConcurrentHashMap<>(
            (Map<String, Object>) v)));
      }
      Task suspended = m.get("suspended") == null ? null : readTask(plan, (Map<String, Object>) m.get("suspended"));
      Suspension suspension = null;
      if (m.get("suspension") instanceof Map<?, ?> s) {
        Object at = s.get("resumeAt");
        suspension = new Suspension(at == null ? null : Instant.parse((String) at), Boolean.TRUE.equals(s.get("resumable")));
      }
      run.restoreTail((String) m.get("lastNode"), readItems((List<Object>) m.get("lastOutput")), suspended,
          suspension);
    } catch (CorruptCheckpointException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CorruptCheckpointException(run.id, e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  private static PlannedNode node(ExecutionPlan plan, String name) {
    PlannedNode node = plan.byName.get(name);
    if (node == null) {
      throw new IllegalArgumentException("it names node '" + name + "', which the workflow no longer has");
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Task readTask(ExecutionPlan plan, Map<String, Object> m) {
    Task t = new Task(node(plan, (String) m.get("node")));
    List<Object> inputs = (List<Object>) m.get("inputs");
    List<Object> sources = (List<Object>) m.get("sources");
    for (int i = 0; i < inputs.size() && i < t.inputs.length; i++) {
      t.inputs[i] = inputs.get(i) == null ? null : readItems((List<Object>) inputs.get(i));
      if (sources.get(i) instanceof Map<?, ?> src) {
        t.sources[i] = new Task.Source((String) src.get("node"), ((Number) src.get("output")).intValue(),
            ((Number) src.get("run")).intValue());
      }
    }
    if (m.get("resumption") instanceof Map<?, ?> r) {
      t.resumption = new Resumption(Boolean.TRUE.equals(r.get("byCall")), (Map<String, Object>) r.get("payload"));
    }
    return t;
  }

  @SuppressWarnings("unchecked")
  private static RunRecord readRun(ExecutionPlan plan, PlannedNode node, Map<String, Object> m) {
    Task task = m.get("task") instanceof Map<?, ?> t ? readTask(plan, (Map<String, Object>) t) : new Task(node);
    List<Integer> inputCounts = new ArrayList<>();
    for (Object c : (List<Object>) m.get("inputCounts")) {
      inputCounts.add(((Number) c).intValue());
    }
    RunRecord r = new RunRecord(task, ((Number) m.get("runIndex")).intValue(),
        Instant.parse((String) m.get("startedAt")), inputCounts);
    if (!(m.get("task") instanceof Map)) {
      r.task = null;
    }
    r.durationNanos = ((Number) m.get("durationNanos")).longValue();
    r.tries = ((Number) m.get("tries")).intValue();
    List<Integer> outputCounts = new ArrayList<>();
    for (Object c : (List<Object>) m.get("outputCounts")) {
      outputCounts.add(((Number) c).intValue());
    }
    r.outputCounts = outputCounts;
    List<List<Item>> outputs = new ArrayList<>();
    for (Object o : (List<Object>) m.get("outputs")) {
      outputs.add(readItems((List<Object>) o));
    }
    r.outputs = outputs;
    if (m.get("error") instanceof Map<?, ?> e) {
      r.error = new ExecutionError((String) e.get("message"), (String) e.get("nodeName"), (String) e.get("nodeType"),
          (String) e.get("parameter"), e.get("itemIndex") == null ? -1 : ((Number) e.get("itemIndex")).intValue(),
          (String) e.get("description"), (String) e.get("cause"));
    }
    r.disabled = Boolean.TRUE.equals(m.get("disabled"));
    r.pinned = Boolean.TRUE.equals(m.get("pinned"));
    return r;
  }

  @SuppressWarnings("unchecked")
  static List<Item> readItems(List<Object> raw) {
    List<Item> items = new ArrayList<>(raw.size());
    for (Object o : raw) {
      Map<String, Object> m = (Map<String, Object>) o;
      Item item = Item.of((Map<String, Object>) m.get("json"));
      if (m.get("binary") instanceof Map<?, ?> binary) {
        Map<String, BinaryData> refs = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : binary.entrySet()) {
          Map<String, Object> ref = (Map<String, Object>) e.getValue();
          refs.put(String.valueOf(e.getKey()), new BinaryData((String) ref.get("id"), (String) ref.get("mimeType"),
              (String) ref.get("fileName"), ((Number) ref.get("size")).longValue()));
        }
        item = item.withBinary(refs);
      }
      if (m.get("pairedItem") instanceof List<?> paired) {
        List<PairedItem> links = new ArrayList<>();
        for (Object p : paired) {
          List<Object> pair = (List<Object>) p;
          links.add(new PairedItem(((Number) pair.get(0)).intValue(), ((Number) pair.get(1)).intValue()));
        }
        item = item.pairedWith(links);
      }
      items.add(item);
    }
    return items;
  }
}
