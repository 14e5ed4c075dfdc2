package dev.weft.expression;

import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between dashjoin's runtime values and plain JSON values, and the JavaScript-flavoured views of them
 * (number text, truthiness, {@code JSON.stringify}) that templates and helper functions use.
 *
 * <p>Inside JSONata, Java {@code null} means <i>undefined</i> and {@link Jsonata#NULL_VALUE} means JSON
 * {@code null}. Outside (results handed to the caller) both become {@code null}.
 */
final class Values {
  private Values() {}

  /** Largest magnitude below which an integral double is returned as a {@code Long}. */
  private static final double LONG_LIMIT = 9.2e18;

  /** Thrown when a result grows past {@link ExpressionLimits#maxResultChars()}. */
  static final class TooLarge extends RuntimeException {
    TooLarge(String message) {
      super(message, null, false, false);
    }
  }

  /** Thrown when a result holds something that is not a JSON value (a function, a Java object). */
  static final class NotJson extends RuntimeException {
    NotJson(String message) {
      super(message, null, false, false);
    }
  }

  /** Counts the approximate JSON size of a result while it is normalised. */
  static final class Budget {
    private final long max;
    private long used;

    Budget(long max) {
      this.max = max;
    }

    void spend(long chars) {
      used += chars;
      if (used > max) {
        throw new TooLarge("the result is larger than the limit of " + max + " characters");
      }
    }
  }

  /**
   * The plain JSON form of a value: Integer/Short/Byte/BigInteger and integral doubles become {@code Long}, other
   * numbers {@code Double} (NaN and infinities {@code null}), dashjoin's sequences plain lists, its JSON null
   * {@code null}. Containers that need no change are returned as they are (no copy).
   */
  static Object normalize(Object value, Budget budget) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      budget.spend(4);
      return null;
    }
    if (value instanceof String s) {
      budget.spend(s.length() + 2L);
      return s;
    }
    if (value instanceof Boolean) {
      budget.spend(5);
      return value;
    }
    if (value instanceof Number n) {
      budget.spend(8);
      return normalizeNumber(n);
    }
    if (value instanceof Map<?, ?> map) {
      budget.spend(2);
      return normalizeMap(map, budget);
    }
    if (value instanceof List<?> list) {
      budget.spend(2);
      return normalizeList(list, budget);
    }
    throw new NotJson("the result holds " + describe(value) + ", which is not a JSON value");
  }

  static Object normalizeNumber(Number n) {
    if (n instanceof Long) {
      return n;
    }
    if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return n.longValue();
    }
    if (n instanceof Double d) {
      return normalizeDouble(d);
    }
    if (n instanceof Float f) {
      return normalizeDouble(Double.parseDouble(f.toString()));
    }
    if (n instanceof BigInteger bi) {
      return bi.bitLength() < 64 ? (Object) bi.longValue() : normalizeDouble(bi.doubleValue());
    }
    if (n instanceof BigDecimal bd) {
      try {
        return bd.longValueExact();
      } catch (ArithmeticException e) {
        return normalizeDouble(bd.doubleValue());
      }
    }
    return normalizeDouble(n.doubleValue());
  }

  private static Object normalizeDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return null;
    }
    if (d == Math.rint(d) && Math.abs(d) < LONG_LIMIT) {
      return (long) d;
    }
    return d;
  }

  private static Object normalizeMap(Map<?, ?> map, Budget budget) {
    Map<String, Object> copy = null;
    int index = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object key = e.getKey();
      Object v = e.getValue();
      budget.spend(String.valueOf(key).length() + 3L);
      Object nv = normalize(v, budget);
      if (copy == null && (nv != v || !(key instanceof String))) {
        copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        int i = 0;
        for (Map.Entry<?, ?> before : map.entrySet()) {
          if (i++ == index) {
            break;
          }
          copy.put(String.valueOf(before.getKey()), before.getValue() == Jsonata.NULL_VALUE ? null : before.getValue());
        }
      }
      if (copy != null) {
        copy.put(String.valueOf(key), nv);
      }
      index++;
    }
    return copy != null ? copy : map;
  }

  private static Object normalizeList(List<?> list, Budget budget) {
    // dashjoin's own lists (sequences, ranges) always become plain ArrayLists.
    boolean foreign = !(list instanceof ArrayList) || list.getClass() != ArrayList.class;
    List<Object> copy = foreign ? new ArrayList<>(list.size()) : null;
    int index = 0;
    for (Object v : list) {
      budget.spend(1);
      Object nv = normalize(v, budget);
      if (copy == null && nv != v) {
        copy = new ArrayList<>(list.size());
        for (int i = 0; i < index; i++) {
          copy.add(list.get(i));
        }
      }
      if (copy != null) {
        copy.add(nv);
      }
      index++;
    }
    return copy != null ? copy : list;
  }

  /** A short description of a value's type for error messages. */
  static String describe(Object value) {
    if (value == null) {
      return "undefined";
    }
    if (value == Jsonata.NULL_VALUE) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (isFunction(value)) {
      return "a function";
    }
    return "a " + value.getClass().getSimpleName();
  }

  static boolean isFunction(Object value) {
    return value instanceof Jsonata.JFunction || value instanceof Jsonata.JLambda
        || value != null && value.getClass().getName().startsWith("com.dashjoin.jsonata.Parser$");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // JavaScript views

  /** JavaScript's {@code Number.prototype.toString()} for a double: 1, 0.5, 1e+21, 1e-7, 0.30000000000000004. */
  static String jsNumber(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return "0";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    BigDecimal exact = shortest(Math.abs(d));
    String digits = exact.unscaledValue().toString();
    int k = digits.length();
    int n = k - exact.scale(); // value = 0.digits * 10^n
    StringBuilder out = new StringBuilder(24);
    if (d < 0) {
      out.append('-');
    }
    if (k <= n && n <= 21) {
      out.append(digits);
      for (int i = 0; i < n - k; i++) {
        out.append('0');
      }
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.");
      for (int i = 0; i < -n; i++) {
        out.append('0');
      }
      out.append(digits);
    } else {
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
    }
    return out.toString();
  }

  /**
   * The shortest decimal that reads back as {@code d}, as JavaScript prints. Java 17's {@code Double.toString} is
   * sometimes longer than needed ({@code 1.0E23} prints as {@code 9.999999999999999E22}), so long outputs are
   * shortened by binary search over the precision (reading back is monotonic in the number of digits).
   */
  private static BigDecimal shortest(double d) {
    BigDecimal candidate = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (candidate.precision() < 16) {
      return candidate;
    }
    BigDecimal exact = new BigDecimal(d);
    int low = 1;
    int high = candidate.precision();
    while (low < high) {
      int mid = (low + high) >>> 1;
      BigDecimal rounded = exact.round(new MathContext(mid, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == d) {
        high = mid;
        candidate = rounded;
      } else {
        low = mid + 1;
      }
    }
    return candidate.stripTrailingZeros();
  }

  /** JavaScript's text of a number of any Java type. */
  static String jsNumber(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return n.toString();
    }
    if (n instanceof BigInteger bi) {
      return bi.bitLength() < 54 ? bi.toString() : jsNumber(bi.doubleValue());
    }
    Object normalized = normalizeNumber(n);
    if (normalized instanceof Long l) {
      return l.toString();
    }
    return jsNumber(n.doubleValue());
  }

  /**
   * The text a value contributes to an interpolated template: nothing for null/undefined, strings as they are,
   * numbers as JavaScript prints them, objects and arrays as compact JSON.
   */
  static String templateText(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number n) {
      return jsNumber(n);
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    StringBuilder out = new StringBuilder();
    writeJson(out, value);
    return out.toString();
  }

  /** {@code JSON.stringify(value)} (compact); {@code null} when the value is undefined or a function. */
  static String jsonStringify(Object value) {
    if (value == null || isFunction(value)) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    writeJson(out, value);
    return out.toString();
  }

  static void writeJson(StringBuilder out, Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(out, s);
    } else if (value instanceof Number n) {
      double d = n.doubleValue();
      out.append(Double.isNaN(d) || Double.isInfinite(d) ? "null" : jsNumber(n));
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getValue() == null && !map.containsKey(e.getKey()) || isFunction(e.getValue())) {
          continue;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(out, String.valueOf(e.getKey()));
        out.append(':');
        writeJson(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      boolean first = true;
      for (Object v : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeJson(out, isFunction(v) ? null : v);
      }
      out.append(']');
    } else if (isFunction(value)) {
      out.append("null");
    } else {
      writeString(out, value.toString());
    }
  }

  private static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** JavaScript truthiness: false, 0, NaN, "", null and undefined are falsy; everything else (even [] and {}) is truthy. */
  static boolean truthy(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      return !s.isEmpty();
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return d != 0 && !Double.isNaN(d);
    }
    return true;
  }

  /**
   * JavaScript's {@code String(value)}: "null", "undefined", numbers as JavaScript prints them, arrays joined with
   * commas (null elements empty), objects "[object Object]".
   */
  static String jsString(Object value) {
    if (value == null) {
      return "undefined";
    }
    if (value == Jsonata.NULL_VALUE) {
      return "null";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number n) {
      return jsNumber(n);
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        Object v = list.get(i);
        if (v != null && v != Jsonata.NULL_VALUE) {
          out.append(jsString(v));
        }
      }
      return out.toString();
    }
    if (isFunction(value)) {
      return "function";
    }
    return "[object Object]";
  }

  /** JavaScript's {@code Number(value)} for primitives; NaN for what does not convert. */
  static double jsToNumber(Object value) {
    if (value == null) {
      return Double.NaN;
    }
    if (value == Jsonata.NULL_VALUE) {
      return 0;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof String s) {
      String t = s.strip();
      if (t.isEmpty()) {
        return 0;
      }
      try {
        if (t.startsWith("0x") || t.startsWith("0X")) {
          return Long.parseLong(t.substring(2), 16);
        }
        if (t.equals("Infinity") || t.equals("+Infinity")) {
          return Double.POSITIVE_INFINITY;
        }
        if (t.equals("-Infinity")) {
          return Double.NEGATIVE_INFINITY;
        }
        if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
          return Double.NaN;
        }
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return jsToNumber(jsString(value));
  }

  /** A number for dashjoin: integral values as Long, others as Double; NaN and infinities as undefined. */
  static Object toJsonata(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return null;
    }
    return normalizeDouble(d);
  }

  /** Loose equality used by {@code $includes}: numbers by value, everything else with {@code equals}. */
  static boolean sameValue(Object a, Object b) {
    if (a == Jsonata.NULL_VALUE) {
      a = null;
    }
    if (b == Jsonata.NULL_VALUE) {
      b = null;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return a == null ? b == null : a.equals(b);
  }
}
