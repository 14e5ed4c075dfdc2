package dev.weft.nodes.integrations.common;

import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.util.List;
import java.util.Map;

/** Reads a service node's parameters for one item, with errors that name the parameter, the item and the problem. */
public final class NodeParams {
  private NodeParams() {}

  /** A text parameter that must not be empty. */
  public static String required(NodeContext context, String name, int item) throws NodeException {
    String v = context.string(name, item);
    if (v == null || v.isBlank()) {
      throw NodeException.parameter(name, item, "parameter '" + name + "' is empty for item " + item
          + "; it needs a value");
    }
    return v.trim();
  }

  /** A text parameter, or {@code null} when unset or blank. */
  public static String optional(NodeContext context, String name, int item) throws NodeException {
    String v = context.string(name, item);
    return v == null || v.isBlank() ? null : v;
  }

  /** A whole-number parameter, or {@code fallback} when unset. */
  public static long integer(NodeContext context, String name, int item, long fallback) throws NodeException {
    Number n = context.parameter(name, item, Number.class);
    if (n == null) {
      return fallback;
    }
    if (n.doubleValue() != Math.rint(n.doubleValue())) {
      throw NodeException.parameter(name, item, "parameter '" + name + "' must be a whole number, was " + n);
    }
    return n.longValue();
  }

  /** A JSON parameter: JSON text is parsed; {@code null} when unset or blank. */
  public static Object json(NodeContext context, String name, int item) throws NodeException {
    Object v = context.parameter(name, item);
    if (v instanceof String s) {
      if (s.isBlank()) {
        return null;
      }
      try {
        return ApiClient.parse(s);
      } catch (IllegalArgumentException e) {
        throw NodeException.parameter(name, item, "parameter '" + name + "' is not valid JSON: " + e.getMessage());
      }
    }
    return v;
  }

  /** A JSON parameter that must be an array (a single object is taken as an array of one); {@code null} when unset. */
  @SuppressWarnings("unchecked")
  public static List<Object> jsonArray(NodeContext context, String name, int item) throws NodeException {
    Object v = json(context, name, item);
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> list) {
      return (List<Object>) list;
    }
    if (v instanceof Map<?, ?>) {
      return List.of(v);
    }
    throw NodeException.parameter(name, item, "parameter '" + name + "' must be a JSON array, was a "
        + dev.weft.spi.Json.typeOf(v));
  }

  /** A JSON parameter that must be an object; {@code null} when unset. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> jsonObject(NodeContext context, String name, int item) throws NodeException {
    Object v = json(context, name, item);
    if (v == null) {
      return null;
    }
    if (v instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw NodeException.parameter(name, item, "parameter '" + name + "' must be a JSON object, was a "
        + dev.weft.spi.Json.typeOf(v));
  }
}
