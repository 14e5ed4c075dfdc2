package dev.weft.execution;

import dev.weft.ExecutionError;
import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.spi.Item;
import dev.weft.store.ExecutionRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Results of executions that ran on another instance, as JSON values: what a worker announces on the bus when an
 * execution stops, and what the execution store holds. They carry status, error, timing, custom data and the last
 * node's output, not every node's runs.
 */
final class RemoteResults {
  private RemoteResults() {}

  static Map<String, Object> toMessage(ExecutionResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("executionId", r.executionId());
    m.put("workflowId", r.workflowId());
    m.put("status", r.status().name());
    if (r.error() != null) {
      ExecutionError e = r.error();
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("message", e.message());
      error.put("nodeName", e.nodeName());
      error.put("nodeType", e.nodeType());
      error.put("parameter", e.parameter());
      error.put("itemIndex", e.itemIndex());
      error.put("description", e.description());
      m.put("error", error);
    }
    m.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
    m.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
    m.put("waitUntil", r.waitUntil() == null ? null : r.waitUntil().toString());
    m.put("lastNode", r.lastNode());
    m.put("customData", r.customData());
    m.put("lastOutput", ExecutionCheckpoint.items(r.lastOutput()));
    return m;
  }

  @SuppressWarnings("unchecked")
  static ExecutionResult fromMessage(Map<String, Object> m) {
    ExecutionError error = null;
    if (m.get("error") instanceof Map<?, ?> e) {
      error = new ExecutionError(str(e.get("message")), str(e.get("nodeName")), str(e.get("nodeType")),
          str(e.get("parameter")), e.get("itemIndex") instanceof Number n ? n.intValue() : -1, str(e.get("description")),
          null);
    }
    List<Item> output = m.get("lastOutput") instanceof List<?> l ? ExecutionCheckpoint.readItems((List<Object>) l)
        : List.of();
    return new ExecutionResult(str(m.get("executionId")), str(m.get("workflowId")),
        ExecutionStatus.valueOf(str(m.get("status"))), error, instant(m.get("startedAt")), instant(m.get("finishedAt")),
        str(m.get("lastNode")), Map.of(), instant(m.get("waitUntil")),
        m.get("customData") instanceof Map<?, ?> c ? (Map<String, String>) c : Map.of(), output);
  }

  /** The result a stored execution shows: its last node's first output when run data was saved. */
  @SuppressWarnings("unchecked")
  static ExecutionResult fromRecord(ExecutionRecord r) {
    ExecutionError error = r.errorMessage() == null ? null
        : new ExecutionError(r.errorMessage(), r.errorNode(), null, null, -1, null, null);
    String lastNode = str(r.data().get("lastNode"));
    List<Item> output = List.of();
    if (lastNode != null && r.data().get("runs") instanceof Map<?, ?> runs
        && runs.get(lastNode) instanceof List<?> list && !list.isEmpty()
        && list.get(list.size() - 1) instanceof Map<?, ?> run
        && run.get("outputs") instanceof List<?> outputs && !outputs.isEmpty()
        && outputs.get(0) instanceof List<?> items) {
      List<Item> read = new java.util.ArrayList<>(items.size());
      for (Object o : items) { // run data keeps each item's json (and binary references, not read back here)
        if (o instanceof Map<?, ?> item && item.get("json") instanceof Map<?, ?> json) {
          read.add(Item.of((Map<String, Object>) json));
        }
      }
      output = read;
    }
    ExecutionStatus status = switch (r.status()) {
      case NEW, RUNNING -> ExecutionStatus.RUNNING;
      case WAITING -> ExecutionStatus.WAITING;
      case SUCCESS -> ExecutionStatus.SUCCESS;
      case ERROR -> ExecutionStatus.ERROR;
      case CANCELLED -> ExecutionStatus.CANCELLED;
    };
    return new ExecutionResult(r.id(), r.workflowId(), status, error, r.startedAt(), r.finishedAt(), lastNode, Map.of(),
        r.waitUntil(), r.customData(), output);
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  private static Instant instant(Object o) {
    return o == null ? null : Instant.parse(String.valueOf(o));
  }
}
