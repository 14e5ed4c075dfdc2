package dev.weft.workflow;

import dev.weft.spi.Item;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns workflow JSON values into a {@link Workflow}, collecting every structural problem with its location. */
final class WorkflowReader {
  private static final Set<String> TOP_KEYS = Set.of("id", "name", "settings", "nodes", "connections", "pinData",
      "active", "meta", "tags", "description", "versionId");
  private static final Set<String> NODE_KEYS = Set.of("name", "type", "version", "position", "parameters",
      "credentials", "disabled", "retry", "onError", "timeoutMs", "executeOnce", "alwaysOutputData", "notes", "id");
  private static final Set<String> SETTING_KEYS = Set.of("executionOrder", "timezone", "errorWorkflow", "timeoutMs",
      "saveData", "maxStoredItems");

  private final List<Problem> problems = new ArrayList<>();

  private WorkflowReader() {}

  static Workflow read(Map<String, Object> json) {
    return new WorkflowReader().readWorkflow(json);
  }

  private Workflow readWorkflow(Map<String, Object> json) {
    String name = json.get("name") instanceof String s && !s.isBlank() ? s : null;
    if (name == null) {
      problems.add(Problem.workflow("'name' is required and must be a non-empty string"));
    }
    for (String key : json.keySet()) {
      if (!TOP_KEYS.contains(key)) {
        problems.add(Problem.workflow("unknown top-level key '" + key + "'"));
      }
    }
    String id = json.get("id") == null ? null : String.valueOf(json.get("id"));
    WorkflowSettings settings = readSettings(json.get("settings"));
    List<WorkflowNode> nodes = new ArrayList<>();
    Object rawNodes = json.get("nodes");
    if (!(rawNodes instanceof List<?> list) || list.isEmpty()) {
      problems.add(Problem.workflow("'nodes' is required and must be a non-empty list"));
    } else {
      for (int i = 0; i < list.size(); i++) {
        WorkflowNode n = readNode(list.get(i), i);
        if (n != null) {
          nodes.add(n);
        }
      }
    }
    List<Connection> connections = readConnections(json.get("connections"));
    Map<String, List<Item>> pinData = readPinData(json.get("pinData"));
    Workflow wf = Workflow.create(id, name == null ? "?" : name, settings, nodes, connections, pinData);
    problems.addAll(checkStructure(wf));
    if (!problems.isEmpty()) {
      throw new WorkflowException(name, problems);
    }
    return wf;
  }

  private WorkflowSettings readSettings(Object raw) {
    if (raw == null) {
      return WorkflowSettings.DEFAULTS;
    }
    if (!(raw instanceof Map<?, ?> map)) {
      problems.add(Problem.workflow("'settings' must be an object"));
      return WorkflowSettings.DEFAULTS;
    }
    for (Object key : map.keySet()) {
      if (!SETTING_KEYS.contains(String.valueOf(key))) {
        problems.add(Problem.workflow("unknown setting '" + key + "'"));
      }
    }
    ExecutionOrder order = ExecutionOrder.V1;
    if (map.get("executionOrder") != null) {
      order = ExecutionOrder.fromJson(String.valueOf(map.get("executionOrder")));
      if (order == null) {
        problems.add(Problem.workflow("settings.executionOrder must be one of v1, v0, parallel; was '"
            + map.get("executionOrder") + "'"));
        order = ExecutionOrder.V1;
      }
    }
    String timezone = null;
    if (map.get("timezone") != null) {
      timezone = String.valueOf(map.get("timezone"));
      try {
        java.time.ZoneId.of(timezone);
      } catch (RuntimeException e) {
        problems.add(Problem.workflow("settings.timezone '" + timezone + "' is not a time zone id"));
        timezone = null;
      }
    }
    SaveData saveData = SaveData.ALL;
    if (map.get("saveData") != null) {
      saveData = SaveData.fromJson(String.valueOf(map.get("saveData")));
      if (saveData == null) {
        problems.add(Problem.workflow("settings.saveData must be one of all, errors, none; was '"
            + map.get("saveData") + "'"));
        saveData = SaveData.ALL;
      }
    }
    long timeout = longValue(map.get("timeoutMs"), null, "settings.timeoutMs");
    long maxItems = longValue(map.get("maxStoredItems"), null, "settings.maxStoredItems");
    String errorWorkflow = map.get("errorWorkflow") == null ? null : String.valueOf(map.get("errorWorkflow"));
    return new WorkflowSettings(order, timezone, errorWorkflow, timeout, saveData, (int) Math.min(maxItems, Integer.MAX_VALUE));
  }

  private long longValue(Object raw, String node, String what) {
    if (raw == null) {
      return 0;
    }
    if (raw instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() == Math.floor(n.doubleValue())) {
      return n.longValue();
    }
    problems.add(new Problem(node, null, what + " must be a whole number of at least 0, was " + raw));
    return 0;
  }

  @SuppressWarnings("unchecked")
  private WorkflowNode readNode(Object raw, int index) {
    if (!(raw instanceof Map<?, ?> map)) {
      problems.add(Problem.workflow("nodes[" + index + "] must be an object"));
      return null;
    }
    Object rawName = map.get("name");
    if (!(rawName instanceof String name) || name.isBlank()) {
      problems.add(Problem.workflow("nodes[" + index + "] needs a non-empty 'name'"));
      return null;
    }
    for (Object key : map.keySet()) {
      if (!NODE_KEYS.contains(String.valueOf(key))) {
        problems.add(Problem.node(name, "unknown key '" + key + "'"));
      }
    }
    Object rawType = map.get("type");
    if (!(rawType instanceof String type) || type.isBlank()) {
      problems.add(Problem.node(name, "'type' is required"));
      return null;
    }
    int version = 0;
    if (map.get("version") != null) {
      if (map.get("version") instanceof Number n && n.intValue() >= 1 && n.doubleValue() == n.intValue()) {
        version = n.intValue();
      } else {
        problems.add(Problem.node(name, "'version' must be a whole number of at least 1, was " + map.get("version")));
      }
    }
    double x = 0;
    double y = 0;
    if (map.get("position") != null) {
      if (map.get("position") instanceof List<?> pos && pos.size() == 2
          && pos.get(0) instanceof Number px && pos.get(1) instanceof Number py) {
        x = px.doubleValue();
        y = py.doubleValue();
      } else {
        problems.add(Problem.node(name, "'position' must be [x, y], was " + map.get("position")));
      }
    }
    Map<String, Object> parameters = Map.of();
    if (map.get("parameters") != null) {
      if (map.get("parameters") instanceof Map<?, ?> p) {
        parameters = (Map<String, Object>) p;
      } else {
        problems.add(Problem.node(name, "'parameters' must be an object"));
      }
    }
    Map<String, String> credentials = new LinkedHashMap<>();
    if (map.get("credentials") != null) {
      if (map.get("credentials") instanceof Map<?, ?> c) {
        for (Map.Entry<?, ?> e : c.entrySet()) {
          if (e.getValue() instanceof String s) {
            credentials.put(String.valueOf(e.getKey()), s);
          } else {
            problems.add(Problem.node(name, "credentials." + e.getKey() + " must be a credential id (a string)"));
          }
        }
      } else {
        problems.add(Problem.node(name, "'credentials' must be an object of credential type to credential id"));
      }
    }
    RetryPolicy retry = RetryPolicy.NONE;
    if (map.get("retry") != null) {
      if (map.get("retry") instanceof Map<?, ?> r) {
        try {
          int tries = r.get("maxTries") == null ? 3 : ((Number) r.get("maxTries")).intValue();
          long wait = r.get("waitMs") == null ? 1000 : ((Number) r.get("waitMs")).longValue();
          double backoff = r.get("backoff") == null ? 1.0 : ((Number) r.get("backoff")).doubleValue();
          retry = new RetryPolicy(tries, wait, backoff);
        } catch (ClassCastException e) {
          problems.add(Problem.node(name, "retry.maxTries, retry.waitMs and retry.backoff must be numbers"));
        } catch (IllegalArgumentException e) {
          problems.add(Problem.node(name, e.getMessage()));
        }
      } else {
        problems.add(Problem.node(name, "'retry' must be an object {maxTries, waitMs, backoff}"));
      }
    }
    OnError onError = OnError.STOP;
    if (map.get("onError") != null) {
      onError = OnError.fromJson(String.valueOf(map.get("onError")));
      if (onError == null) {
        problems.add(Problem.node(name, "'onError' must be one of stop, continue, errorOutput; was '"
            + map.get("onError") + "'"));
        onError = OnError.STOP;
      }
    }
    long timeout = longValue(map.get("timeoutMs"), name, "'timeoutMs'");
    boolean disabled = bool(map, "disabled", name);
    boolean executeOnce = bool(map, "executeOnce", name);
    boolean alwaysOutput = bool(map, "alwaysOutputData", name);
    String notes = map.get("notes") == null ? "" : String.valueOf(map.get("notes"));
    return new WorkflowNode(name, type, version, x, y, parameters, credentials, disabled, retry, onError, timeout,
        executeOnce, alwaysOutput, notes);
  }

  private boolean bool(Map<?, ?> map, String key, String node) {
    Object v = map.get(key);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    problems.add(Problem.node(node, "'" + key + "' must be true or false, was " + v));
    return false;
  }

  private List<Connection> readConnections(Object raw) {
    List<Connection> result = new ArrayList<>();
    if (raw == null) {
      return result;
    }
    if (!(raw instanceof List<?> list)) {
      problems.add(Problem.workflow("'connections' must be a list of {from, output, to, input}"));
      return result;
    }
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> c) || !(c.get("from") instanceof String from)
          || !(c.get("to") instanceof String to)) {
        problems.add(Problem.workflow("connections[" + i + "] needs 'from' and 'to' node names"));
        continue;
      }
      int output = index(c.get("output"), "connections[" + i + "].output");
      int input = index(c.get("input"), "connections[" + i + "].input");
      if (output >= 0 && input >= 0) {
        result.add(new Connection(from, output, to, input));
      }
    }
    return result;
  }

  private int index(Object raw, String what) {
    if (raw == null) {
      return 0;
    }
    if (raw instanceof Number n && n.intValue() >= 0 && n.doubleValue() == n.intValue()) {
      return n.intValue();
    }
    problems.add(Problem.workflow(what + " must be a whole number of at least 0, was " + raw));
    return -1;
  }

  @SuppressWarnings("unchecked")
  private Map<String, List<Item>> readPinData(Object raw) {
    Map<String, List<Item>> result = new LinkedHashMap<>();
    if (raw == null) {
      return result;
    }
    if (!(raw instanceof Map<?, ?> map)) {
      problems.add(Problem.workflow("'pinData' must be an object of node name to a list of items"));
      return result;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String node = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof List<?> items)) {
        problems.add(Problem.node(node, "pinData must be a list of JSON objects"));
        continue;
      }
      List<Item> list = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        Object item = items.get(i);
        if (item instanceof Map<?, ?> m) {
          list.add(Item.of((Map<String, Object>) m).pairedWith(0));
        } else {
          problems.add(Problem.node(node, "pinData[" + i + "] must be a JSON object"));
        }
      }
      result.put(node, list);
    }
    return result;
  }

  /** Problems a workflow has whatever node types exist: names, connection ends, pinned nodes. */
  static List<Problem> checkStructure(Workflow wf) {
    List<Problem> found = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (WorkflowNode n : wf.nodes()) {
      if (!names.add(n.name())) {
        found.add(Problem.node(n.name(), "another node has the same name; node names must be unique"));
      }
    }
    for (Connection c : wf.connections()) {
      if (!names.contains(c.from())) {
        found.add(Problem.workflow("a connection starts at node '" + c.from() + "', which does not exist"));
      }
      if (!names.contains(c.to())) {
        found.add(Problem.workflow("a connection from '" + c.from() + "' leads to node '" + c.to()
            + "', which does not exist"));
      }
    }
    for (String pinned : wf.pinData().keySet()) {
      if (!names.contains(pinned)) {
        found.add(Problem.workflow("pinData names node '" + pinned + "', which does not exist"));
      }
    }
    return found;
  }
}
