package dev.weft.n8n;

import dev.weft.spi.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a node's runs with n8n's pinned items as n8n's own test does: key order does not matter, array order does,
 * numbers compare by value, and an error object in {@code json.error} compares by message, name, description and
 * context only.
 */
final class OutputComparison {
  private OutputComparison() {}

  private static final List<String> ERROR_KEYS = List.of("message", "name", "description", "context");

  /**
   * The first difference, naming node, run, item index and JSON path with expected and actual values; {@code null}
   * when the runs match.
   */
  static String firstDifference(String node, List<Object> expectedRun, List<List<Map<String, Object>>> actualRuns) {
    if (actualRuns.size() != 1) {
      return "node '" + node + "' ran " + actualRuns.size() + " time" + (actualRuns.size() == 1 ? "" : "s")
          + ", expected once with " + expectedRun.size() + " item" + (expectedRun.size() == 1 ? "" : "s");
    }
    List<Map<String, Object>> actual = actualRuns.get(0);
    for (int i = 0; i < Math.min(expectedRun.size(), actual.size()); i++) {
      String diff = difference("$", expectedRun.get(i), actual.get(i), false);
      if (diff != null) {
        return "node '" + node + "', run 0, item " + i + ", " + diff;
      }
    }
    if (expectedRun.size() != actual.size()) {
      return "node '" + node + "', run 0: expected " + expectedRun.size() + " item" + (expectedRun.size() == 1 ? "" : "s")
          + ", actual " + actual.size() + (actual.size() > expectedRun.size()
              ? "; first extra item: " + brief(actual.get(expectedRun.size()))
              : "; first missing item: " + brief(expectedRun.get(actual.size())));
    }
    return null;
  }

  /** The first difference inside a JSON value as {@code path: expected X, actual Y}, or {@code null}. */
  static String difference(String path, Object expected, Object actual, boolean errorObject) {
    if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
      Set<String> keys = new TreeSet<>();
      if (errorObject) {
        keys.addAll(ERROR_KEYS);
      } else {
        e.keySet().forEach(k -> keys.add(String.valueOf(k)));
        a.keySet().forEach(k -> keys.add(String.valueOf(k)));
      }
      for (String k : keys) {
        String child = path + "." + k;
        if (e.containsKey(k) != a.containsKey(k)) {
          if (errorObject && e.get(k) == null && a.get(k) == null) {
            continue;
          }
          return e.containsKey(k) ? child + ": expected " + brief(e.get(k)) + ", actual missing"
              : child + ": expected missing, actual " + brief(a.get(k));
        }
        boolean isError = path.equals("$") && k.equals("error") && e.get(k) instanceof Map;
        String diff = difference(child, e.get(k), a.get(k), isError);
        if (diff != null) {
          return diff;
        }
      }
      return null;
    }
    if (expected instanceof List<?> e && actual instanceof List<?> a) {
      for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
        String diff = difference(path + "[" + i + "]", e.get(i), a.get(i), false);
        if (diff != null) {
          return diff;
        }
      }
      if (e.size() != a.size()) {
        return path + ": expected " + e.size() + " elements, actual " + a.size() + " (expected " + brief(e)
            + ", actual " + brief(a) + ")";
      }
      return null;
    }
    if (Json.equal(expected, actual) && sameKind(expected, actual)) {
      return null;
    }
    return path + ": expected " + brief(expected) + ", actual " + brief(actual);
  }

  /** Numbers equal numbers, strings strings: {@code 1} and {@code "1"} differ. */
  private static boolean sameKind(Object a, Object b) {
    return a == null || b == null || Json.typeOf(a).equals(Json.typeOf(b));
  }

  /** A value as JSON-ish text, cut to a readable length. */
  static String brief(Object value) {
    String text;
    if (value instanceof String s) {
      text = "\"" + s.replace("\n", "\\n") + "\"";
    } else if (value == null) {
      text = "null";
    } else {
      text = String.valueOf(value);
    }
    return text.length() > 160 ? text.substring(0, 157) + "..." : text;
  }

  /** Items' JSON from a pinned n8n item list: {@code item.json}, or the item itself when it has no json key. */
  static List<Object> pinnedJson(Object pinned) {
    List<Object> out = new ArrayList<>();
    if (pinned instanceof List<?> list) {
      for (Object item : list) {
        out.add(item instanceof Map<?, ?> m && m.containsKey("json") ? m.get("json") : item);
      }
    }
    return out;
  }
}
