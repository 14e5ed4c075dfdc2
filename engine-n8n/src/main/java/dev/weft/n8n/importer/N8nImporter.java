package dev.weft.n8n.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.spi.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports n8n workflows into Weft's workflow format.
 *
 * <p>Carried over: nodes (mapped per type and type version to Weft nodes with their native parameters, see
 * {@link NodeMappers}), {@code main} connections, the execution order ({@code settings.executionOrder}; missing means
 * n8n's legacy {@code v0}), time zone, error workflow and execution timeout, pinned data, and per node
 * {@code disabled}, {@code retryOnFail}/{@code maxTries}/{@code waitBetweenTries} (tries clamped to 2-5 and the wait to
 * 5 s as n8n does), {@code onError}/{@code continueOnFail}, {@code alwaysOutputData}, {@code executeOnce},
 * {@code notes} and {@code position}. Sticky notes are dropped. Expressions are translated from JavaScript to JSONata;
 * whatever cannot be carried over is reported as an {@link ImportIssue}, never dropped silently.
 *
 * <pre>{@code
 * ImportResult r = N8nImporter.create().importJson(text);
 * Workflow wf = r.toWorkflow();   // throws N8nImportException listing every problem
 * }</pre>
 */
public final class N8nImporter {

  static final String STICKY_NOTE = "n8n-nodes-base.stickyNote";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, NodeMapper> mappers;
  private final Set<String> availableTypes;

  private N8nImporter(Map<String, NodeMapper> mappers, Set<String> availableTypes) {
    this.mappers = mappers;
    this.availableTypes = availableTypes;
  }

  /** An importer with every built-in node mapping, assuming every Weft utility node type is available. */
  public static N8nImporter create() {
    return new N8nImporter(NodeMappers.table(), null);
  }

  /**
   * An importer for an engine that registers exactly these Weft node types: where a mapping has a fallback (the
   * Webhook trigger becomes a Manual Trigger without {@code weft.webhook}), it is used.
   */
  public static N8nImporter forNodeTypes(Set<String> weftNodeTypes) {
    return new N8nImporter(NodeMappers.table(), Set.copyOf(weftNodeTypes));
  }

  /** The n8n node types this importer maps. */
  public Set<String> supportedTypes() {
    return mappers.keySet();
  }

  /**
   * Imports n8n workflow JSON text.
   *
   * @throws N8nImportException when the text is not JSON or not an n8n workflow at all
   */
  public ImportResult importJson(String json) throws N8nImportException {
    Object parsed;
    try {
      parsed = JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new N8nImportException(null, List.of(new ImportIssue(ImportIssue.Kind.INVALID, null, null, null, null,
          "malformed JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
              + e.getOriginalMessage())));
    }
    if (!(parsed instanceof Map<?, ?>)) {
      throw new N8nImportException(null, List.of(new ImportIssue(ImportIssue.Kind.INVALID, null, null, null, null,
          "an n8n workflow is a JSON object, found " + Json.typeOf(parsed))));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) parsed;
    return importWorkflow(map);
  }

  /**
   * Imports an n8n workflow given as JSON values.
   *
   * @throws N8nImportException when it has no node list
   */
  public ImportResult importWorkflow(Map<String, Object> n8n) throws N8nImportException {
    String name = n8n.get("name") instanceof String s && !s.isBlank() ? s : "Imported n8n workflow";
    List<ImportIssue> issues = new ArrayList<>();
    if (!(n8n.get("nodes") instanceof List<?> rawNodes)) {
      throw new N8nImportException(name, List.of(new ImportIssue(ImportIssue.Kind.INVALID, null, null, null, null,
          "'nodes' must be a list of n8n nodes")));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", name);
    doc.put("settings", settings(n8n.get("settings"), issues));

    List<Object> nodes = new ArrayList<>();
    Map<String, MappedNode> mapped = new HashMap<>();
    Set<String> known = new java.util.HashSet<>();
    for (int i = 0; i < rawNodes.size(); i++) {
      if (!(rawNodes.get(i) instanceof Map<?, ?> raw)) {
        issues.add(invalid(null, "nodes[" + i + "] must be an object"));
        continue;
      }
      String nodeName = raw.get("name") instanceof String s ? s : null;
      String type = raw.get("type") instanceof String s ? s : null;
      if (nodeName == null || type == null) {
        issues.add(invalid(nodeName, "nodes[" + i + "] needs a 'name' and a 'type'"));
        continue;
      }
      if (type.equals(STICKY_NOTE)) {
        continue;
      }
      known.add(nodeName);
      double version = raw.get("typeVersion") instanceof Number n ? n.doubleValue() : 1;
      @SuppressWarnings("unchecked")
      Map<String, Object> params = raw.get("parameters") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
      N8nNode node = new N8nNode(nodeName, type, version, params);
      MappingContext ctx = new MappingContext(node, issues, availableTypes);
      NodeMapper mapper = mappers.get(type);
      MappedNode target;
      if (mapper == null) {
        ctx.unsupportedNode("the n8n node type '" + type + "' has no Weft equivalent");
        target = null;
      } else {
        target = mapper.map(node, ctx);
      }
      if (target != null && !ctx.failed() && !ctx.hasType(target.type())) {
        ctx.unsupportedNode("it maps to the Weft node type '" + target.type() + "', which this engine does not have");
      }
      if (target == null || ctx.failed()) {
        continue;
      }
      mapped.put(nodeName, target);
      nodes.add(weftNode(raw, node, target, ctx));
    }
    doc.put("nodes", nodes);
    doc.put("connections", connections(n8n.get("connections"), known, mapped, issues));
    Map<String, Object> pins = pinData(n8n.get("pinData"), issues);
    if (!pins.isEmpty()) {
      doc.put("pinData", pins);
    }
    return new ImportResult(name, doc, issues);
  }

  private static ImportIssue invalid(String node, String message) {
    return new ImportIssue(ImportIssue.Kind.INVALID, node, null, null, null, message);
  }

  // ---- settings ----

  static Map<String, Object> settings(Object raw, List<ImportIssue> issues) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<?, ?> s = raw instanceof Map<?, ?> m ? m : Map.of();
    Object order = s.get("executionOrder");
    if (order == null || "v0".equals(order)) {
      out.put("executionOrder", "v0");
    } else if ("v1".equals(order)) {
      out.put("executionOrder", "v1");
    } else {
      issues.add(invalid(null, "settings.executionOrder must be 'v0' or 'v1', was '" + order + "'"));
    }
    if (s.get("timezone") instanceof String tz && !tz.isBlank() && !tz.equals("DEFAULT")) {
      out.put("timezone", tz);
    }
    if (s.get("errorWorkflow") instanceof String ew && !ew.isBlank()) {
      out.put("errorWorkflow", ew);
    }
    if (s.get("executionTimeout") instanceof Number t && t.doubleValue() > 0) {
      out.put("timeoutMs", Math.round(t.doubleValue() * 1000));
    }
    return out;
  }

  // ---- nodes ----

  private static Map<String, Object> weftNode(Map<?, ?> raw, N8nNode node, MappedNode target, MappingContext ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", node.name());
    out.put("type", target.type());
    if (raw.get("position") instanceof List<?> pos && pos.size() == 2 && pos.get(0) instanceof Number
        && pos.get(1) instanceof Number) {
      out.put("position", List.of(pos.get(0), pos.get(1)));
    }
    out.put("parameters", target.parameters());
    if (Boolean.TRUE.equals(raw.get("disabled"))) {
      out.put("disabled", true);
    }
    Map<String, Object> retry = retry(raw);
    if (retry != null) {
      out.put("retry", retry);
    }
    String onError = onError(raw, ctx);
    if (onError != null) {
      out.put("onError", onError);
    }
    if (Boolean.TRUE.equals(raw.get("executeOnce"))) {
      out.put("executeOnce", true);
    }
    if (Boolean.TRUE.equals(raw.get("alwaysOutputData"))) {
      out.put("alwaysOutputData", true);
    }
    if (raw.get("notes") instanceof String notes && !notes.isEmpty()) {
      out.put("notes", notes);
    }
    if (raw.get("credentials") instanceof Map<?, ?> creds && !creds.isEmpty()) {
      ctx.unsupported("credentials", "n8n credentials " + creds.keySet() + " cannot be carried over; add Weft "
          + "credentials to the node after import");
    }
    return out;
  }

  /** n8n's retry settings: tries clamp to 2-5 (default 3), the wait to 0-5000 ms (default 1000). */
  static Map<String, Object> retry(Map<?, ?> raw) {
    if (!Boolean.TRUE.equals(raw.get("retryOnFail"))) {
      return null;
    }
    long tries = raw.get("maxTries") instanceof Number n ? Math.round(n.doubleValue()) : 3;
    long wait = raw.get("waitBetweenTries") instanceof Number n ? Math.round(n.doubleValue()) : 1000;
    Map<String, Object> retry = new LinkedHashMap<>();
    retry.put("maxTries", Math.max(2, Math.min(5, tries)));
    retry.put("waitMs", Math.max(0, Math.min(5000, wait)));
    return retry;
  }

  static String onError(Map<?, ?> raw, MappingContext ctx) {
    Object v = raw.get("onError");
    if (v != null) {
      switch (String.valueOf(v)) {
        case "stopWorkflow":
          return null;
        case "continueRegularOutput":
          return "continue";
        case "continueErrorOutput":
          return "errorOutput";
        default:
          ctx.unsupported("onError", "unknown onError value '" + v + "' (expected stopWorkflow, "
              + "continueRegularOutput or continueErrorOutput)");
          return null;
      }
    }
    return Boolean.TRUE.equals(raw.get("continueOnFail")) ? "continue" : null;
  }

  // ---- connections ----

  static List<Object> connections(Object raw, Set<String> known, Map<String, MappedNode> mapped,
      List<ImportIssue> issues) {
    List<Object> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    if (!(raw instanceof Map<?, ?> bySource)) {
      issues.add(invalid(null, "'connections' must be an object of source node name to its outputs"));
      return out;
    }
    for (Map.Entry<?, ?> source : bySource.entrySet()) {
      String from = String.valueOf(source.getKey());
      if (!known.contains(from)) {
        issues.add(invalid(null, "connections name the source node '" + from + "', which does not exist"));
        continue;
      }
      if (!(source.getValue() instanceof Map<?, ?> byType)) {
        issues.add(invalid(from, "connections of '" + from + "' must be an object of connection type to outputs"));
        continue;
      }
      for (Map.Entry<?, ?> typed : byType.entrySet()) {
        if (!(typed.getValue() instanceof List<?> outputs)) {
          issues.add(invalid(from, "connections." + typed.getKey() + " of '" + from + "' must be a list of outputs"));
          continue;
        }
        boolean main = "main".equals(typed.getKey());
        for (int outIndex = 0; outIndex < outputs.size(); outIndex++) {
          if (outputs.get(outIndex) == null) {
            continue;
          }
          if (!(outputs.get(outIndex) instanceof List<?> targets)) {
            issues.add(invalid(from, "connections." + typed.getKey() + "[" + outIndex + "] of '" + from
                + "' must be a list"));
            continue;
          }
          for (Object t : targets) {
            if (!(t instanceof Map<?, ?> target) || !(target.get("node") instanceof String to)) {
              issues.add(invalid(from, "a connection of '" + from + "' has no target node name"));
              continue;
            }
            if (!main) {
              issues.add(new ImportIssue(ImportIssue.Kind.UNSUPPORTED_NODE, from, null, null, null,
                  "'" + typed.getKey() + "' connections (to '" + to + "') have no Weft equivalent; only 'main' "
                      + "connections are imported"));
              continue;
            }
            if (!known.contains(to)) {
              issues.add(invalid(from, "a connection of '" + from + "' leads to '" + to + "', which does not exist"));
              continue;
            }
            MappedNode src = mapped.get(from);
            MappedNode dst = mapped.get(to);
            if (src == null || dst == null) {
              continue; // the node itself was reported
            }
            int input = target.get("index") instanceof Number n ? n.intValue() : 0;
            int[] weftOutputs = src.outputs().apply(outIndex);
            if (weftOutputs.length == 0) {
              issues.add(new ImportIssue(ImportIssue.Kind.UNSUPPORTED_PARAMETER, from, null, null, null,
                  "output " + outIndex + " (connected to '" + to + "') has no equivalent on the Weft node"));
              continue;
            }
            for (int weftOutput : weftOutputs) {
              if (weftOutput == MappedNode.NEVER_USED) {
                continue;
              }
              Map<String, Object> c = new LinkedHashMap<>();
              c.put("from", from);
              c.put("output", weftOutput);
              c.put("to", to);
              c.put("input", dst.inputIndex().applyAsInt(input));
              out.add(c);
            }
          }
        }
      }
    }
    return out;
  }

  // ---- pinned data ----

  static Map<String, Object> pinData(Object raw, List<ImportIssue> issues) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!(raw instanceof Map<?, ?> pins)) {
      return out;
    }
    for (Map.Entry<?, ?> e : pins.entrySet()) {
      String node = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof List<?> items)) {
        issues.add(invalid(node, "pinData of '" + node + "' must be a list of items"));
        continue;
      }
      List<Object> jsons = new ArrayList<>();
      for (Object item : items) {
        Object json = itemJson(item);
        if (json == null) {
          issues.add(invalid(node, "pinData of '" + node + "' holds " + Json.typeOf(item) + ", not an item"));
        } else {
          jsons.add(json);
        }
      }
      out.put(node, jsons);
    }
    return out;
  }

  /** The JSON of a pinned n8n item: {@code item.json}, or the item itself when it has no {@code json} key. */
  static Object itemJson(Object item) {
    if (!(item instanceof Map<?, ?> m)) {
      return null;
    }
    if (m.containsKey("json")) {
      return m.get("json") instanceof Map<?, ?> json ? json : null;
    }
    return m;
  }
}
