package dev.weft.execution;

import dev.weft.event.ExecutionEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Execution events as bus messages (JSON values), tagged with the instance that published them. */
final class RemoteEvents {
  private RemoteEvents() {}

  static Map<String, Object> toMessage(String origin, ExecutionEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("origin", origin);
    m.put("type", e.type().name());
    m.put("executionId", e.executionId());
    m.put("workflowId", e.workflowId());
    m.put("workflowName", e.workflowName());
    m.put("nodeName", e.nodeName());
    m.put("runIndex", e.runIndex());
    m.put("itemCounts", e.itemCounts());
    m.put("durationNanos", e.durationNanos());
    m.put("error", e.error());
    m.put("data", e.data());
    m.put("timestamp", e.timestamp().toString());
    return m;
  }

  @SuppressWarnings("unchecked")
  static ExecutionEvent fromMessage(Map<String, Object> m) {
    List<Integer> counts = new ArrayList<>();
    if (m.get("itemCounts") instanceof List<?> l) {
      for (Object o : l) {
        counts.add(((Number) o).intValue());
      }
    }
    return new ExecutionEvent(ExecutionEvent.Type.valueOf((String) m.get("type")), (String) m.get("executionId"),
        (String) m.get("workflowId"), (String) m.get("workflowName"), (String) m.get("nodeName"),
        m.get("runIndex") instanceof Number n ? n.intValue() : 0, counts,
        m.get("durationNanos") instanceof Number n ? n.longValue() : 0L, (String) m.get("error"),
        m.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of(),
        Instant.parse((String) m.get("timestamp")));
  }
}
