package dev.weft.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers for the plain-Java JSON values that items hold: deep copies, dot-notation paths and the loose type
 * conversions that workflow users expect ({@code "42"} as a number, {@code "true"} as a boolean).
 *
 * <p>A path is a dot-separated list of keys with optional array indexes: {@code customer.addresses[0].city}. A key
 * that itself contains dots can be written in brackets with quotes: {@code ["a.b"].c}.
 */
public final class Json {
  private Json() {}

  /** A deep copy of a JSON value: maps and lists are copied, other values are immutable and shared. */
  @SuppressWarnings("unchecked")
  public static <T> T copy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        copy.put(String.valueOf(e.getKey()), copy(e.getValue()));
      }
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object o : list) {
        copy.add(copy(o));
      }
      return (T) copy;
    }
    return value;
  }

  /** Splits a path into its keys (strings) and indexes (integers). */
  public static List<Object> parsePath(String path) {
    List<Object> parts = new ArrayList<>();
    StringBuilder key = new StringBuilder();
    int i = 0;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      if (c == '.') {
        if (key.length() > 0) {
          parts.add(key.toString());
          key.setLength(0);
        }
        i++;
      } else if (c == '[') {
        if (key.length() > 0) {
          parts.add(key.toString());
          key.setLength(0);
        }
        int end = path.indexOf(']', i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed '[' in path '" + path + "'");
        }
        String inner = path.substring(i + 1, end).trim();
        if (inner.length() >= 2 && (inner.charAt(0) == '"' || inner.charAt(0) == '\'')
            && inner.charAt(inner.length() - 1) == inner.charAt(0)) {
          parts.add(inner.substring(1, inner.length() - 1));
        } else {
          try {
            parts.add(Integer.parseInt(inner));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + inner + "' is not an array index in path '" + path + "'");
          }
        }
        i = end + 1;
      } else {
        key.append(c);
        i++;
      }
    }
    if (key.length() > 0) {
      parts.add(key.toString());
    }
    return parts;
  }

  /** The value at {@code path} inside {@code root}, or {@code null} where the path leads nowhere. */
  public static Object get(Object root, String path) {
    Object current = root;
    for (Object part : parsePath(path)) {
      current = step(current, part);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /** Whether {@code path} leads to a key that is present (even with a {@code null} value). */
  public static boolean has(Object root, String path) {
    List<Object> parts = parsePath(path);
    Object current = root;
    for (int i = 0; i < parts.size(); i++) {
      Object part = parts.get(i);
      if (part instanceof String key) {
        if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
          return false;
        }
        current = map.get(key);
      } else {
        int index = (Integer) part;
        if (!(current instanceof List<?> list) || index >= list.size()) {
          return false;
        }
        current = list.get(index);
      }
    }
    return true;
  }

  private static Object step(Object current, Object part) {
    if (part instanceof String key) {
      return current instanceof Map<?, ?> map ? map.get(key) : null;
    }
    int index = (Integer) part;
    if (current instanceof List<?> list) {
      if (index < 0) {
        index += list.size();
      }
      return index >= 0 && index < list.size() ? list.get(index) : null;
    }
    return null;
  }

  /**
   * Sets {@code value} at {@code path} inside {@code root}, creating the maps and lists on the way. {@code root} must be
   * a map the caller owns (a copy, never an input item's JSON).
   */
  @SuppressWarnings("unchecked")
  public static void set(Map<String, Object> root, String path, Object value) {
    List<Object> parts = parsePath(path);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    Object current = root;
    for (int i = 0; i < parts.size() - 1; i++) {
      Object part = parts.get(i);
      Object nextPart = parts.get(i + 1);
      Object child = step(current, part);
      if (!(child instanceof Map) && !(child instanceof List)
          || nextPart instanceof String && !(child instanceof Map)
          || nextPart instanceof Integer && !(child instanceof List)) {
        child = nextPart instanceof Integer ? new ArrayList<>() : new LinkedHashMap<String, Object>();
        put(current, part, child);
      }
      current = child;
    }
    put(current, parts.get(parts.size() - 1), value);
  }

  @SuppressWarnings("unchecked")
  private static void put(Object container, Object part, Object value) {
    if (part instanceof String key) {
      ((Map<String, Object>) container).put(key, value);
    } else {
      List<Object> list = (List<Object>) container;
      int index = (Integer) part;
      while (list.size() <= index) {
        list.add(null);
      }
      list.set(index, value);
    }
  }

  /** Removes the key at {@code path} from {@code root} (a map the caller owns); returns whether it was there. */
  @SuppressWarnings("unchecked")
  public static boolean remove(Map<String, Object> root, String path) {
    List<Object> parts = parsePath(path);
    Object current = root;
    for (int i = 0; i < parts.size() - 1; i++) {
      current = step(current, parts.get(i));
      if (current == null) {
        return false;
      }
    }
    Object last = parts.get(parts.size() - 1);
    if (last instanceof String key && current instanceof Map<?, ?> map) {
      if (!map.containsKey(key)) {
        return false;
      }
      ((Map<String, Object>) map).remove(key);
      return true;
    }
    if (last instanceof Integer index && current instanceof List<?> list && index < list.size()) {
      ((List<Object>) list).remove((int) index);
      return true;
    }
    return false;
  }

  /** The JSON type of a value: {@code null, boolean, number, string, array, object}. */
  public static String typeOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof CharSequence) {
      return "string";
    }
    if (value instanceof List) {
      return "array";
    }
    if (value instanceof Map) {
      return "object";
    }
    return value.getClass().getSimpleName();
  }

  /** Whether the value is {@code null}, an empty string, an empty list or an empty map. */
  public static boolean isEmpty(Object value) {
    return value == null
        || value instanceof CharSequence s && s.length() == 0
        || value instanceof List<?> l && l.isEmpty()
        || value instanceof Map<?, ?> m && m.isEmpty();
  }

  /**
   * A number from a number, a numeric string or a boolean; {@code null} for {@code null} or an empty string.
   *
   * @throws IllegalArgumentException when the value is not a number in any reading
   */
  public static Number toNumber(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return n;
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof CharSequence cs) {
      String s = cs.toString().trim();
      if (s.isEmpty()) {
        return null;
      }
      try {
        return normalize(new BigDecimal(s));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + cs + "' is not a number");
      }
    }
    throw new IllegalArgumentException("a " + typeOf(value) + " is not a number");
  }

  /** An integral value as {@code Long} or {@code BigInteger}, anything else as {@code Double}. */
  public static Number normalize(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return n.longValue();
    }
    if (n instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }
    BigDecimal d = n instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
    try {
      if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
        return d.longValueExact();
      }
    } catch (ArithmeticException tooBig) {
      return d.doubleValue();
    }
    return d.doubleValue();
  }

  /**
   * A boolean from a boolean, a number (non-zero is true) or a string ({@code true/false/yes/no/1/0/on/off}).
   *
   * @throws IllegalArgumentException when the value is not a boolean in any reading
   */
  public static Boolean toBoolean(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof CharSequence cs) {
      switch (cs.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes", "1", "on" -> {
          return true;
        }
        case "false", "no", "0", "off" -> {
          return false;
        }
        case "" -> {
          return null;
        }
        default -> throw new IllegalArgumentException("'" + cs + "' is not a boolean");
      }
    }
    throw new IllegalArgumentException("a " + typeOf(value) + " is not a boolean");
  }

  /** Two JSON values are equal by value: numbers compare numerically, maps ignore key order. */
  public static boolean equal(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y) == 0;
    }
    if (a instanceof Map<?, ?> m1 && b instanceof Map<?, ?> m2) {
      if (m1.size() != m2.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : m1.entrySet()) {
        if (!m2.containsKey(e.getKey()) || !equal(e.getValue(), m2.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> l1 && b instanceof List<?> l2) {
      if (l1.size() != l2.size()) {
        return false;
      }
      for (int i = 0; i < l1.size(); i++) {
        if (!equal(l1.get(i), l2.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof CharSequence && b instanceof CharSequence) {
      return a.toString().equals(b.toString());
    }
    return a.equals(b);
  }

  /** Compares two numbers by value, whatever their Java types. */
  public static int compareNumbers(Number x, Number y) {
    if ((x instanceof Long || x instanceof Integer) && (y instanceof Long || y instanceof Integer)) {
      return Long.compare(x.longValue(), y.longValue());
    }
    if (x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float) {
      double dx = x.doubleValue();
      double dy = y.doubleValue();
      if (!Double.isFinite(dx) || !Double.isFinite(dy)) {
        return Double.compare(dx, dy);
      }
    }
    return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
  }
}
