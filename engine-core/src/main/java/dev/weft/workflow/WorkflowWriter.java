package dev.weft.workflow;

import dev.weft.spi.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a {@link Workflow} as JSON values in the documented format, leaving defaults out. */
final class WorkflowWriter {
  private WorkflowWriter() {}

  static Map<String, Object> write(Workflow wf) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (wf.id() != null) {
      out.put("id", wf.id());
    }
    out.put("name", wf.name());
    Map<String, Object> settings = settings(wf.settings());
    if (!settings.isEmpty()) {
      out.put("settings", settings);
    }
    List<Object> nodes = new ArrayList<>();
    for (WorkflowNode n : wf.nodes()) {
      nodes.add(node(n));
    }
    out.put("nodes", nodes);
    List<Object> connections = new ArrayList<>();
    for (Connection c : wf.connections()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", c.from());
      m.put("output", c.output());
      m.put("to", c.to());
      m.put("input", c.input());
      connections.add(m);
    }
    out.put("connections", connections);
    if (!wf.pinData().isEmpty()) {
      Map<String, Object> pins = new LinkedHashMap<>();
      for (Map.Entry<String, List<Item>> e : wf.pinData().entrySet()) {
        pins.put(e.getKey(), e.getValue().stream().map(Item::json).toList());
      }
      out.put("pinData", pins);
    }
    return out;
  }

  private static Map<String, Object> settings(WorkflowSettings s) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (s.executionOrder() != ExecutionOrder.V1) {
      out.put("executionOrder", s.executionOrder().json());
    }
    if (s.timezone() != null) {
      out.put("timezone", s.timezone());
    }
    if (s.errorWorkflow() != null) {
      out.put("errorWorkflow", s.errorWorkflow());
    }
    if (s.timeoutMs() > 0) {
      out.put("timeoutMs", s.timeoutMs());
    }
    if (s.saveData() != SaveData.ALL) {
      out.put("saveData", s.saveData().json());
    }
    if (s.maxStoredItems() > 0) {
      out.put("maxStoredItems", s.maxStoredItems());
    }
    return out;
  }

  private static Map<String, Object> node(WorkflowNode n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", n.name());
    m.put("type", n.type());
    if (n.version() > 0) {
      m.put("version", n.version());
    }
    m.put("position", List.of(n.x(), n.y()));
    if (!n.parameters().isEmpty()) {
      m.put("parameters", n.parameters());
    }
    if (!n.credentials().isEmpty()) {
      m.put("credentials", n.credentials());
    }
    if (n.disabled()) {
      m.put("disabled", true);
    }
    if (n.retry().maxTries() > 1) {
      m.put("retry", Map.of("maxTries", n.retry().maxTries(), "waitMs", n.retry().waitMs(),
          "backoff", n.retry().backoff()));
    }
    if (n.onError() != OnError.STOP) {
      m.put("onError", n.onError().json());
    }
    if (n.timeoutMs() > 0) {
      m.put("timeoutMs", n.timeoutMs());
    }
    if (n.executeOnce()) {
      m.put("executeOnce", true);
    }
    if (n.alwaysOutputData()) {
      m.put("alwaysOutputData", true);
    }
    if (!n.notes().isEmpty()) {
      m.put("notes", n.notes());
    }
    return m;
  }
}
