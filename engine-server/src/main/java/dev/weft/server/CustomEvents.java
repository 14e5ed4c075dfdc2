package dev.weft.server;

import dev.weft.event.ExecutionEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Events nodes publish themselves ({@code NodeContext.emit}): an agent's model calls, tool calls and handoffs
 * ({@code ai.modelCall}, {@code ai.toolCall}, {@code ai.handoff}), a model's streamed tokens ({@code ai.token}).
 * Live views get them under the node's event name with what the node emitted under {@code data}. They are live only:
 * neither kept for replay nor stored, since what matters of them is in the run data (an agent's {@code steps}) and
 * tokens would crowd the replay memory out.
 */
final class CustomEvents {
  /** Names that are safe as an SSE event name (no line breaks, nothing a client could mistake). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private CustomEvents() {}

  /** The event's name, or {@code null} when it has none fit to send. */
  static String name(ExecutionEvent event) {
    Object name = event.data() == null ? null : event.data().get("event");
    return name instanceof String s && NAME.matcher(s).matches() ? s : null;
  }

  /** The payload a live view gets: the execution, the node, and the node's data without the event name. */
  static Map<String, Object> payload(ExecutionEvent event, String name, Instant now) {
    Map<String, Object> data = new LinkedHashMap<>(event.data());
    data.remove("event");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", name);
    payload.put("executionId", event.executionId());
    payload.put("workflowId", event.workflowId());
    payload.put("nodeName", event.nodeName());
    payload.put("runIndex", event.runIndex());
    payload.put("data", data);
    payload.put("timestamp", (event.timestamp() == null ? now : event.timestamp()).toString());
    return payload;
  }
}
