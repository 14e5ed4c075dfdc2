package dev.weft.nodes.utility.common;

import dev.weft.spi.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing item fields by name, with dot notation on ({@code customer.address.city} reaches into nested
 * objects) or off (the whole name is one key). Callers own the maps they write to.
 */
public final class FieldPaths {
  private FieldPaths() {}

  /** The value of {@code field}, or {@code null} when absent. */
  public static Object get(Map<String, Object> json, String field, boolean dotNotation) {
    return dotNotation ? Json.get(json, field) : json.get(field);
  }

  /** Whether {@code field} is present (its value may be {@code null}). */
  public static boolean has(Map<String, Object> json, String field, boolean dotNotation) {
    return dotNotation ? Json.has(json, field) : json.containsKey(field);
  }

  /** Sets {@code field}, creating nested objects on the way when dot notation is on. */
  public static void set(Map<String, Object> json, String field, Object value, boolean dotNotation) {
    if (dotNotation) {
      Json.set(json, field, value);
    } else {
      json.put(field, value);
    }
  }

  /** Removes {@code field}; returns whether it was there. */
  public static boolean remove(Map<String, Object> json, String field, boolean dotNotation) {
    if (dotNotation) {
      return Json.remove(json, field);
    }
    boolean had = json.containsKey(field);
    json.remove(field);
    return had;
  }

  /**
   * Field names from a parameter value: a comma-separated text ({@code "id, name"}) or a list of names. Blank names
   * are dropped; the result keeps the order given.
   */
  public static List<String> names(Object value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value instanceof Collection<?> list) {
      for (Object o : list) {
        if (o != null && !String.valueOf(o).isBlank()) {
          out.add(String.valueOf(o).trim());
        }
      }
      return out;
    }
    for (String part : String.valueOf(value).split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }
}
