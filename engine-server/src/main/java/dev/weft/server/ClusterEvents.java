package dev.weft.server;

import dev.weft.cluster.ClusterBus;
import dev.weft.event.ExecutionEvent;
import dev.weft.event.ExecutionListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Execution events over the {@link ClusterBus} in queue mode: workers publish every event of the executions they run
 * on {@link ClusterBus#EVENTS}, and a main server that {@link WeftServer#queueMode listens} hands them to its live
 * views, so the UI shows runs on any worker. The bus is at most once: the stored executions stay the truth.
 */
public final class ClusterEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterEvents.class);

  private ClusterEvents() {}

  /** A listener for a worker's engine that publishes each event on the bus. */
  public static ExecutionListener publisher(ClusterBus bus) {
    return event -> {
      try {
        bus.publish(ClusterBus.EVENTS, toMessage(event));
      } catch (RuntimeException e) {
        LOG.debug("execution {}: event {} not published: {}", event.executionId(), event.type(), e.getMessage());
      }
    };
  }

  static Map<String, Object> toMessage(ExecutionEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
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
    m.put("timestamp", e.timestamp() == null ? null : e.timestamp().toString());
    return m;
  }

  @SuppressWarnings("unchecked")
  static ExecutionEvent fromMessage(Map<String, Object> m) {
    List<Integer> counts = new ArrayList<>();
    if (m.get("itemCounts") instanceof List<?> list) {
      for (Object o : list) {
        counts.add(o instanceof Number n ? n.intValue() : 0);
      }
    }
    Object data = m.get("data");
    Object ts = m.get("timestamp");
    return new ExecutionEvent(ExecutionEvent.Type.valueOf(String.valueOf(m.get("type"))),
        (String) m.get("executionId"), (String) m.get("workflowId"), (String) m.get("workflowName"),
        (String) m.get("nodeName"), m.get("runIndex") instanceof Number n ? n.intValue() : 0, counts,
        m.get("durationNanos") instanceof Number n ? n.longValue() : 0L, (String) m.get("error"),
        data instanceof Map<?, ?> d ? (Map<String, Object>) d : null, ts == null ? null : Instant.parse((String) ts));
  }
}
