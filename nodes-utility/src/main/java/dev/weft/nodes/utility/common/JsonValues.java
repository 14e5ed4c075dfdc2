package dev.weft.nodes.utility.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Operations on plain-Java JSON values shared by the data nodes: JSON text, deep merging, canonical keys for
 * matching and the order in which sorting puts values of mixed types.
 */
public final class JsonValues {
  private JsonValues() {}

  /**
   * Parses JSON text with the engine's mapper.
   *
   * @throws NodeException naming the parameter and item when the text is not JSON
   */
  public static Object parse(NodeContext context, String text, String parameter, int itemIndex) throws NodeException {
    try {
      return context.service(ObjectMapper.class).readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw NodeException.parameter(parameter, itemIndex, "parameter '" + parameter
          + "' is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Compact JSON text of a value (strings quoted). */
  public static String write(NodeContext context, Object value) {
    try {
      return context.service(ObjectMapper.class).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Text of a value as a person expects it: strings as they are, numbers without a trailing {@code .0}, others as JSON. */
  public static String text(NodeContext context, Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof CharSequence s) {
      return s.toString();
    }
    if (value instanceof Number n) {
      return numberText(n);
    }
    if (value instanceof Boolean) {
      return value.toString();
    }
    return write(context, value);
  }

  /** A number as JavaScript prints it: {@code 3} for 3.0, {@code 0.1} for 0.1. */
  public static String numberText(Number n) {
    Number norm = Json.normalize(n);
    if (norm instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return d.toString();
      }
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return norm.toString();
  }

  /**
   * Deep-merges {@code source} into {@code target} (which the caller owns): nested objects merge key by key, lists
   * merge index by index, any other value of the source replaces the target's.
   */
  @SuppressWarnings("unchecked")
  public static void deepMerge(Map<String, Object> target, Map<String, Object> source) {
    for (Map.Entry<String, Object> e : source.entrySet()) {
      Object existing = target.get(e.getKey());
      Object incoming = e.getValue();
      if (existing instanceof Map<?, ?> em && incoming instanceof Map<?, ?> im) {
        Map<String, Object> merged = Json.copy((Map<String, Object>) em);
        deepMerge(merged, (Map<String, Object>) im);
        target.put(e.getKey(), merged);
      } else if (existing instanceof List<?> el && incoming instanceof List<?> il) {
        List<Object> merged = new ArrayList<>(Json.copy((List<Object>) el));
        for (int i = 0; i < il.size(); i++) {
          Object in = il.get(i);
          if (i < merged.size() && merged.get(i) instanceof Map<?, ?> m && in instanceof Map<?, ?> inMap) {
            Map<String, Object> mm = Json.copy((Map<String, Object>) m);
            deepMerge(mm, (Map<String, Object>) inMap);
            merged.set(i, mm);
          } else if (i < merged.size()) {
            merged.set(i, Json.copy(in));
          } else {
            merged.add(Json.copy(in));
          }
        }
        target.put(e.getKey(), merged);
      } else {
        target.put(e.getKey(), Json.copy(incoming));
      }
    }
  }

  /**
   * A key under which equal values meet, for hash-based matching.
   *
   * <p>Strict keys keep the type: {@code 1} and {@code "1"} differ, {@code 1} and {@code 1.0} do not. Fuzzy keys
   * compare what values mean: numbers and numeric text by value ({@code 25.36} and {@code "25.36"}), booleans with
   * {@code 1/0}, {@code "1"/"0"} and {@code "true"/"false"} in any case, JSON text with the structure it encodes
   * ({@code "[1,2]"} and {@code [1, 2]}), and every empty value alike ({@code null}, {@code ""}, {@code []},
   * <code>{}</code>).
   */
  public static Object key(Object value, boolean fuzzy) {
    return fuzzy ? fuzzyKey(value) : strictKey(value);
  }

  private static Object strictKey(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number n) {
      return "n:" + numberText(n);
    }
    if (value instanceof Boolean b) {
      return "b:" + b;
    }
    if (value instanceof CharSequence cs) {
      return "s:" + cs;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sorted.put(String.valueOf(e.getKey()), strictKey(e.getValue()));
      }
      return sorted;
    }
    if (value instanceof Collection<?> list) {
      List<Object> keys = new ArrayList<>(list.size());
      for (Object o : list) {
        keys.add(strictKey(o));
      }
      return keys;
    }
    return "o:" + value;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper PARSER = new com.fasterxml.jackson.databind.ObjectMapper();

  private static Object fuzzyKey(Object value) {
    if (value == null || value instanceof CharSequence cs && cs.toString().isBlank()
        || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()) {
      return "empty";
    }
    if (value instanceof Boolean b) {
      return b ? "n:1" : "n:0";
    }
    if (value instanceof Number n) {
      return "n:" + numberText(n);
    }
    if (value instanceof CharSequence cs) {
      String s = cs.toString().trim();
      if (s.equalsIgnoreCase("true")) {
        return "n:1";
      }
      if (s.equalsIgnoreCase("false")) {
        return "n:0";
      }
      try {
        return "n:" + numberText(new BigDecimal(s));
      } catch (NumberFormatException notNumeric) {
        // other text
      }
      if (s.startsWith("[") || s.startsWith("{")) {
        try {
          return fuzzyKey(PARSER.readValue(s, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
          // plain text that looks like JSON
        }
      }
      return "s:" + s;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sorted.put(String.valueOf(e.getKey()), fuzzyKey(e.getValue()));
      }
      return sorted;
    }
    if (value instanceof Collection<?> list) {
      List<Object> keys = new ArrayList<>(list.size());
      for (Object o : list) {
        keys.add(fuzzyKey(o));
      }
      return keys;
    }
    return "s:" + value;
  }

  /**
   * The order sorting uses for values of any types: numbers (by value), then text (by character code, as JavaScript
   * compares strings), then booleans (false first), then lists, then objects, then {@code null} and missing values.
   * Values of the same kind compare by value; lists and objects compare by their JSON text.
   */
  public static int compare(Object a, Object b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    switch (ra) {
      case 0:
        return Json.compareNumbers((Number) a, (Number) b);
      case 1:
        return a.toString().compareTo(b.toString());
      case 2:
        return Boolean.compare((Boolean) a, (Boolean) b);
      case 5:
        return 0;
      default:
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
  }

  private static int rank(Object v) {
    if (v instanceof Number n) {
      return n instanceof Double d && d.isNaN() ? 5 : 0;
    }
    if (v instanceof CharSequence) {
      return 1;
    }
    if (v instanceof Boolean) {
      return 2;
    }
    if (v instanceof List) {
      return 3;
    }
    if (v instanceof Map) {
      return 4;
    }
    return v == null ? 5 : 1;
  }

  /**
   * A number the way workflow users convert: numbers as they are, {@code true}/{@code false} as 1/0, numeric text by
   * value and blank text as 0 (JavaScript's {@code Number()}); {@code null} stays {@code null}.
   *
   * @throws IllegalArgumentException when the value is not a number in any of these readings
   */
  public static Number parseNumber(Object value) {
    if (value instanceof CharSequence cs && cs.toString().isBlank()) {
      return 0L;
    }
    if (value instanceof Map || value instanceof List) {
      throw new IllegalArgumentException("a " + Json.typeOf(value) + " is not a number");
    }
    return Json.toNumber(value);
  }

  /**
   * A boolean the way workflow users convert: booleans as they are, {@code "true"}/{@code "false"} in any case, and
   * the numbers (or numeric text) 1 and 0; {@code null} stays {@code null}. Other numbers, {@code "yes"} or
   * {@code "3"} do not convert.
   *
   * @throws IllegalArgumentException when the value is none of these
   */
  public static Boolean parseBoolean(Object value) {
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    if (value instanceof CharSequence cs) {
      String s = cs.toString().trim();
      if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
        return s.equalsIgnoreCase("true");
      }
      if (!s.isEmpty()) {
        try {
          BigDecimal n = new BigDecimal(s);
          if (n.compareTo(BigDecimal.ONE) == 0 || n.signum() == 0) {
            return n.signum() != 0;
          }
        } catch (NumberFormatException notNumeric) {
          // falls through to the error
        }
      }
      throw new IllegalArgumentException("'" + cs + "' is not a boolean");
    }
    if (value instanceof Number n) {
      if (Json.compareNumbers(n, 0) == 0 || Json.compareNumbers(n, 1) == 0) {
        return Json.compareNumbers(n, 1) == 0;
      }
      throw new IllegalArgumentException(numberText(n) + " is not a boolean (only 1 and 0 are)");
    }
    throw new IllegalArgumentException("a " + Json.typeOf(value) + " is not a boolean");
  }

  /** An ordered map copy of a JSON object, or a new empty one for {@code null}. */
  public static Map<String, Object> copyObject(Map<String, Object> json) {
    return json == null ? new LinkedHashMap<>() : Json.copy(json);
  }
}
