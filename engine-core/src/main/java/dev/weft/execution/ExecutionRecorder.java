package dev.weft.execution;

import dev.weft.ExecutionError;
import dev.weft.ExecutionResult;
import dev.weft.NodeRun;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import dev.weft.spi.PairedItem;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.ExecutionStore;
import dev.weft.store.StoreException;
import dev.weft.workflow.SaveData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes executions to an {@link ExecutionStore}: a record when an execution starts, and its outcome (status, error,
 * per-node run data as the workflow's retention setting allows) each time it ends or suspends. A failing store is
 * logged and never fails the execution itself.
 *
 * <p>Executions of workflows that save no data ({@code saveData: none}) skip the start record and the per-node
 * checkpoints while they are short: their first write is their outcome. One that runs longer than
 * {@link #UNSAVED_GRACE} is recorded and checkpointed from its next finished node on, and one that waits is stored
 * with everything it needs to resume; so an unsaved execution lost in a crash within its first second (and not
 * waiting) leaves no record and is not recovered. That is the price of not paying for durability nobody asked for.
 */
final class ExecutionRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionRecorder.class);
  /** What {@link #started} returns for an unsaved execution whose record is put off. */
  static final long DEFERRED = -2;
  /** How long an unsaved execution runs before it is recorded and checkpointed like a saved one. */
  static final java.time.Duration UNSAVED_GRACE = java.time.Duration.ofSeconds(1);
  private final ExecutionStore store;

  ExecutionRecorder(ExecutionStore store) {
    this.store = store;
  }

  /**
   * Records a starting execution; returns the stored version, -1 when the store failed, or {@link #DEFERRED} when
   * the execution saves no data and is recorded only later (see the class comment).
   */
  long started(ExecutionRun run) {
    if (run.plan().workflow.settings().saveData() == SaveData.NONE) {
      return DEFERRED;
    }
    ExecutionRecord record = new ExecutionRecord(run.id, run.plan().workflow.id(), run.plan().workflow.name(),
        ExecutionRecord.Status.RUNNING, run.mode, run.startedAt, null, null, null, null, run.parentId, Map.of(),
        run.durable ? resumable(run) : Map.of(), 0);
    try {
      return store.create(record).version();
    } catch (StoreException | IllegalArgumentException e) {
      LOG.warn("execution {} could not be recorded as started", run.id, e);
      return -1;
    }
  }

  /**
   * Writes a checkpoint of a running execution: the workflow it runs, its state and a heartbeat, so that another
   * engine (or this one after a restart) can continue it when this one stops beating.
   */
  void checkpoint(ExecutionRun run) {
    synchronized (run) {
      if (run.recordVersion == DEFERRED) {
        recordLongUnsaved(run);
        return;
      }
      if (run.recordVersion < 0) {
        return;
      }
      ExecutionRecord record = new ExecutionRecord(run.id, run.plan().workflow.id(), run.plan().workflow.name(),
          ExecutionRecord.Status.RUNNING, run.mode, run.startedAt, null, null, null, null, run.parentId,
          Map.copyOf(run.customData), resumable(run), run.recordVersion);
      try {
        run.recordVersion = store.update(record, run.recordVersion).version();
      } catch (StoreException | IllegalArgumentException e) {
        LOG.warn("execution {}: checkpoint failed; it would restart from its previous checkpoint", run.id, e);
      }
    }
  }

  /** An unsaved execution past its grace period: recorded now, with a checkpoint, so that it can be recovered. */
  private void recordLongUnsaved(ExecutionRun run) {
    java.time.Instant now = run.engine().clock().instant();
    if (java.time.Duration.between(run.startedAt, now).compareTo(UNSAVED_GRACE) < 0) {
      return;
    }
    ExecutionRecord record = new ExecutionRecord(run.id, run.plan().workflow.id(), run.plan().workflow.name(),
        ExecutionRecord.Status.RUNNING, run.mode, run.startedAt, null, null, null, null, run.parentId,
        Map.copyOf(run.customData), resumable(run), 0);
    try {
      run.recordVersion = store.create(record).version();
    } catch (StoreException | IllegalArgumentException e) {
      run.recordVersion = -1; // its outcome is still written (created) when it ends
      LOG.warn("execution {} could not be recorded after its first {} s; it is not recoverable", run.id,
          UNSAVED_GRACE.toSeconds(), e);
    }
  }

  Map<String, Object> resumable(ExecutionRun run) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("workflow", run.plan().definition());
    data.put("state", ExecutionCheckpoint.capture(run.state()));
    data.put("heartbeatAt", run.engine().clock().instant().toString());
    run.lastCheckpoint = data;
    return data;
  }

  /**
   * Renews the heartbeat of a running execution (its last checkpoint, written again with the time), so that engines
   * recovering crashed executions leave it alone while a long node runs.
   */
  void heartbeat(ExecutionRun run) {
    synchronized (run) {
      Map<String, Object> last = run.lastCheckpoint;
      if (last == null || run.recordVersion < 0 || run.status() != dev.weft.ExecutionStatus.RUNNING) {
        return; // a beat taken after the execution stopped must not write it back as running
      }
      Map<String, Object> data = new LinkedHashMap<>(last);
      data.put("heartbeatAt", run.engine().clock().instant().toString());
      ExecutionRecord record = new ExecutionRecord(run.id, run.plan().workflow.id(), run.plan().workflow.name(),
          ExecutionRecord.Status.RUNNING, run.mode, run.startedAt, null, null, null, null, run.parentId,
          Map.copyOf(run.customData), data, run.recordVersion);
      try {
        run.recordVersion = store.update(record, run.recordVersion).version();
      } catch (StoreException | IllegalArgumentException e) {
        LOG.warn("execution {}: heartbeat failed", run.id, e);
      }
    }
  }

  /**
   * Records where an execution stands; returns the new version (also set on the run), or -1 when the store failed.
   * The version written against is the run's own, read under its lock: a heartbeat may have moved it since the
   * caller read {@code version}, and writing against the older one would fail and leave the execution "running".
   */
  long stopped(ExecutionRun run, ExecutionResult result, long version) {
    synchronized (run) {
      long current = run.recordVersion == ExecutionRun.NOT_RECORDED ? version : run.recordVersion;
      run.recordVersion = write(run, result, current);
      return run.recordVersion;
    }
  }

  private long write(ExecutionRun run, ExecutionResult result, long version) {
    ExecutionRecord.Status status = switch (result.status()) {
      case RUNNING -> ExecutionRecord.Status.RUNNING;
      case WAITING -> ExecutionRecord.Status.WAITING;
      case SUCCESS -> ExecutionRecord.Status.SUCCESS;
      case ERROR -> ExecutionRecord.Status.ERROR;
      case CANCELLED -> ExecutionRecord.Status.CANCELLED;
    };
    ExecutionError error = result.error();
    ExecutionRecord record = new ExecutionRecord(run.id, run.plan().workflow.id(), run.plan().workflow.name(), status,
        run.mode, run.startedAt, status == ExecutionRecord.Status.WAITING ? null : result.finishedAt(),
        result.waitUntil(), error == null ? null : error.message(), error == null ? null : error.nodeName(),
        run.parentId, result.customData(), data(result), Math.max(0, version)); // below 0: not stored yet
    if (status == ExecutionRecord.Status.WAITING && run.durable) {
      Map<String, Object> data = new LinkedHashMap<>(record.data());
      data.putAll(resumable(run));
      record = new ExecutionRecord(record.id(), record.workflowId(), record.workflowName(), status, record.mode(),
          record.startedAt(), null, record.waitUntil(), null, null, record.parentExecutionId(), record.customData(),
          data, record.version());
    }
    try {
      if (version < 0) {
        return store.create(record).version();
      }
      return store.update(record, version).version();
    } catch (StoreException | IllegalArgumentException e) {
      LOG.warn("execution {} could not be recorded as {}", run.id, status, e);
      return -1;
    }
  }

  /** Run data as JSON values: every node's runs with timing, counts, error and (if kept) items. */
  static Map<String, Object> data(ExecutionResult result) {
    Map<String, Object> runs = new LinkedHashMap<>();
    for (Map.Entry<String, List<NodeRun>> e : result.runs().entrySet()) {
      List<Object> list = new ArrayList<>();
      for (NodeRun r : e.getValue()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runIndex", r.runIndex());
        m.put("startedAt", r.startedAt().toString());
        m.put("durationMs", r.durationNanos() / 1_000_000.0);
        m.put("tries", r.tries());
        m.put("inputItems", r.inputCounts());
        m.put("outputItems", r.outputCounts());
        List<Object> outputs = new ArrayList<>();
        for (List<Item> out : r.outputs()) {
          List<Object> items = new ArrayList<>(out.size());
          for (Item item : out) {
            items.add(item(item));
          }
          outputs.add(items);
        }
        m.put("outputs", outputs);
        if (r.error() != null) {
          m.put("error", error(r.error()));
        }
        if (r.disabled()) {
          m.put("disabled", true);
        }
        if (r.pinned()) {
          m.put("pinned", true);
        }
        list.add(m);
      }
      runs.put(e.getKey(), list);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("lastNode", result.lastNode());
    if (result.error() != null) {
      data.put("error", error(result.error()));
    }
    data.put("runs", runs);
    return data;
  }

  private static Map<String, Object> item(Item item) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("json", item.json());
    if (!item.binary().isEmpty()) {
      Map<String, Object> binary = new LinkedHashMap<>();
      for (Map.Entry<String, BinaryData> b : item.binary().entrySet()) {
        binary.put(b.getKey(), Map.of("id", b.getValue().id(), "mimeType", b.getValue().mimeType(),
            "fileName", b.getValue().fileName() == null ? "" : b.getValue().fileName(), "size", b.getValue().size()));
      }
      m.put("binary", binary);
    }
    if (!item.pairedItems().isEmpty()) {
      List<Object> paired = new ArrayList<>();
      for (PairedItem p : item.pairedItems()) {
        paired.add(Map.of("item", p.item(), "input", p.input()));
      }
      m.put("pairedItem", paired);
    }
    return m;
  }

  private static Map<String, Object> error(ExecutionError e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("message", e.message());
    m.put("node", e.nodeName());
    m.put("nodeType", e.nodeType());
    m.put("parameter", e.parameter());
    m.put("itemIndex", e.itemIndex());
    m.put("description", e.description());
    return m;
  }
}
