package dev.weft.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Workflow definitions for the tests, in the Weft format. */
final class Workflows {
  private Workflows() {}

  static Map<String, Object> node(String name, String type, Map<String, Object> parameters, int x) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("name", name);
    n.put("type", type);
    n.put("position", List.of(x, 0));
    n.put("parameters", parameters);
    return n;
  }

  static Map<String, Object> connection(String from, String to) {
    return Map.of("from", from, "to", to);
  }

  static Map<String, Object> workflow(String name, List<Map<String, Object>> nodes) {
    List<Object> connections = new ArrayList<>();
    for (int i = 1; i < nodes.size(); i++) {
      connections.add(connection((String) nodes.get(i - 1).get("name"), (String) nodes.get(i).get("name")));
    }
    Map<String, Object> wf = new LinkedHashMap<>();
    wf.put("name", name);
    wf.put("nodes", nodes);
    wf.put("connections", connections);
    return wf;
  }

  static Map<String, Object> setField(String field, String value) {
    return Map.of("mode", "manual", "fields", List.of(Map.of("name", field, "value", value)));
  }

  /** Manual trigger → Set greeting → No-op. */
  static Map<String, Object> greeting(String name) {
    return workflow(name, List.of(
        node("Start", "weft.manualTrigger", Map.of(), 0),
        node("Greet", "weft.set", setField("greeting", "hello {{ $json.who ?? 'world' }}"), 200),
        node("Done", "weft.noOp", Map.of(), 400)));
  }

  /** Manual trigger → Set → Stop and Error named "Check". */
  static Map<String, Object> failing(String name) {
    return workflow(name, List.of(
        node("Start", "weft.manualTrigger", Map.of(), 0),
        node("Prepare", "weft.set", setField("order", "{{ $json.n ?? 7 }}"), 200),
        node("Check", "weft.stopAndError", Map.of("errorType", "message", "message", "order rejected"), 400)));
  }

  /** Test webhook at {@code path} → Set reply. */
  static Map<String, Object> webhook(String name, String path) {
    return workflow(name, List.of(
        node("Hook", TestWebhookTrigger.TYPE, Map.of("path", path, "method", "POST"), 0),
        node("Reply", "weft.set", setField("reply", "got {{ $json.body.name }}"), 200)));
  }
}
