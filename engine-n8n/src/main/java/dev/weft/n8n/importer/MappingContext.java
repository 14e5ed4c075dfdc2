package dev.weft.n8n.importer;

import dev.weft.n8n.js.ExpressionTranslator;
import dev.weft.n8n.js.UntranslatableException;
import dev.weft.spi.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link NodeMapper} works with: the n8n node, typed reads of its parameters with n8n's defaults, expression
 * translation and problem reporting located at the node and parameter.
 */
final class MappingContext {
  private final N8nNode node;
  private final List<ImportIssue> issues;
  private final Set<String> availableTypes;
  private boolean failed;

  MappingContext(N8nNode node, List<ImportIssue> issues, Set<String> availableTypes) {
    this.node = node;
    this.issues = issues;
    this.availableTypes = availableTypes;
  }

  N8nNode node() {
    return node;
  }

  double version() {
    return node.typeVersion();
  }

  /** Whether a problem was reported for this node. */
  boolean failed() {
    return failed;
  }

  /** Whether the Weft engine the workflow is imported for has this node type ({@code true} when unknown). */
  boolean hasType(String weftType) {
    return availableTypes == null || availableTypes.contains(weftType);
  }

  // ---- problems ----

  /** Reports that the node type, version or operation has no Weft equivalent; returns {@code null} for chaining. */
  MappedNode unsupportedNode(String message) {
    report(ImportIssue.Kind.UNSUPPORTED_NODE, null, null, message);
    return null;
  }

  /** Reports a parameter value or option with no Weft equivalent. */
  void unsupported(String parameter, String message) {
    report(ImportIssue.Kind.UNSUPPORTED_PARAMETER, parameter, null, message);
  }

  /** Reports Code node JavaScript that is logic rather than literal data. */
  void unsupportedCode(String parameter, UntranslatableException e) {
    report(ImportIssue.Kind.UNSUPPORTED_CODE, parameter, e.javaScript(),
        "the JavaScript `" + abbreviate(e.javaScript()) + "` cannot run without a JavaScript engine: " + e.reason());
  }

  private void report(ImportIssue.Kind kind, String parameter, String js, String message) {
    failed = true;
    issues.add(new ImportIssue(kind, node.name(), node.typeLabel(), parameter, js, message));
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 120 ? one.substring(0, 117) + "..." : one;
  }

  // ---- parameter reads ----

  /** The raw n8n parameter at a dot path, or {@code null}. */
  Object raw(String path) {
    return Json.get(node.parameters(), path);
  }

  /** Whether the n8n parameter is stored. */
  boolean has(String path) {
    return Json.has(node.parameters(), path);
  }

  /** A parameter translated for Weft (expressions become templates), or {@code fallback} when it is absent. */
  Object value(String path, Object fallback) {
    return has(path) ? translate(path, raw(path)) : fallback;
  }

  /** A literal string parameter (an expression is reported as unsupported where a literal is needed). */
  String string(String path, String fallback) {
    Object v = raw(path);
    if (v == null) {
      return fallback;
    }
    if (ExpressionTranslator.isExpression(v)) {
      unsupported(path, "an expression is not supported here; Weft needs a fixed value");
      return fallback;
    }
    return String.valueOf(v);
  }

  /** A literal boolean parameter. */
  boolean bool(String path, boolean fallback) {
    Object v = raw(path);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    unsupported(path, "expected true or false, found " + describe(v));
    return fallback;
  }

  /** An object parameter (empty when absent). */
  @SuppressWarnings("unchecked")
  Map<String, Object> object(String path) {
    Object v = raw(path);
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    if (v != null) {
      unsupported(path, "expected an object, found " + describe(v));
    }
    return Map.of();
  }

  /** A list-of-objects parameter (empty when absent). */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> objects(String path) {
    Object v = raw(path);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        } else {
          unsupported(path + "[" + i + "]", "expected an object, found " + describe(list.get(i)));
        }
      }
      return out;
    }
    unsupported(path, "expected a list, found " + describe(v));
    return List.of();
  }

  static String describe(Object v) {
    if (v instanceof String s) {
      return "'" + s + "'";
    }
    return Json.typeOf(v) + " " + v;
  }

  // ---- expressions ----

  /**
   * Translates a parameter value for Weft: strings starting with {@code =} become Weft templates, maps and lists are
   * translated entry by entry; fixed text holding {@code {{} is escaped. An untranslatable expression is reported with
   * its path and returned unchanged.
   */
  Object translate(String path, Object value) {
    if (value instanceof String s) {
      if (ExpressionTranslator.isExpression(s)) {
        try {
          return ExpressionTranslator.translateTemplate(s);
        } catch (UntranslatableException e) {
          report(ImportIssue.Kind.UNTRANSLATABLE_EXPRESSION, path, e.javaScript(), e.getMessage());
          return s;
        }
      }
      return ExpressionTranslator.literalText(s);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        out.put(key, translate(path.isEmpty() ? key : path + "." + key, e.getValue()));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(translate(path + "[" + i + "]", list.get(i)));
      }
      return out;
    }
    return value;
  }
}
