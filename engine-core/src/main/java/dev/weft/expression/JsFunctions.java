package dev.weft.expression;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.weft.internal.Jackson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The JavaScript-flavoured helpers the n8n importer translates JavaScript expressions into. They take and return
 * dashjoin runtime values ({@code null} = undefined, {@link Jsonata#NULL_VALUE} = JSON null).
 */
final class JsFunctions {
  private JsFunctions() {}

  static String stringArg(List<?> args, int index, String function, String what) {
    Object value = Library.arg(args, index);
    if (value instanceof String s) {
      return s;
    }
    throw new Library.FunctionError(function + "() expects " + what + " as argument " + (index + 1) + ", got "
        + Values.describe(value));
  }

  /** JavaScript {@code a + b}. */
  static Object plus(Object a, Object b) {
    Object pa = primitive(a);
    Object pb = primitive(b);
    if (pa instanceof String || pb instanceof String) {
      return Values.jsString(pa) + Values.jsString(pb);
    }
    if (pa instanceof Long x && pb instanceof Long y) {
      long sum = x + y;
      if (((x ^ sum) & (y ^ sum)) >= 0 && Math.abs(sum) < (1L << 53)) {
        return sum;
      }
    }
    return Values.toJsonata(Values.jsToNumber(pa) + Values.jsToNumber(pb));
  }

  /** JavaScript's ToPrimitive: arrays and objects become their string form; Integers widen to Long. */
  private static Object primitive(Object value) {
    if (value instanceof List || value instanceof Map || Values.isFunction(value)) {
      return Values.jsString(value);
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    return value;
  }

  /** {@code container.includes(x)} for strings and arrays. */
  static boolean includes(Object container, Object x) {
    if (container instanceof String s) {
      return s.contains(Values.jsString(x));
    }
    if (container instanceof List<?> list) {
      for (Object element : list) {
        if (Values.sameValue(element, x)) {
          return true;
        }
      }
      return false;
    }
    throw new Library.FunctionError("$includes() expects a string or an array as argument 1, got "
        + Values.describe(container));
  }

  static boolean startsWith(Object s, Object prefix) {
    return requireString(s, "$startsWith").startsWith(Values.jsString(prefix));
  }

  static boolean endsWith(Object s, Object suffix) {
    return requireString(s, "$endsWith").endsWith(Values.jsString(suffix));
  }

  private static String requireString(Object value, String function) {
    if (value instanceof String s) {
      return s;
    }
    throw new Library.FunctionError(function + "() expects a string as argument 1, got " + Values.describe(value));
  }

  /** n8n's {@code isEmpty}: undefined, null, "", [] and {} are empty. */
  static boolean isEmpty(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return true;
    }
    if (value instanceof String s) {
      return s.isEmpty();
    }
    if (value instanceof List<?> list) {
      return list.isEmpty();
    }
    if (value instanceof Map<?, ?> map) {
      return map.isEmpty();
    }
    return false;
  }

  /** String length (UTF-16 code units, like JavaScript), array length or number of object keys. */
  static long len(Object value) {
    if (value instanceof String s) {
      return s.length();
    }
    if (value instanceof List<?> list) {
      return list.size();
    }
    if (value instanceof Map<?, ?> map) {
      return map.size();
    }
    throw new Library.FunctionError("$len() expects a string, an array or an object, got " + Values.describe(value));
  }

  /** JavaScript {@code n.toFixed(digits)}: rounds the exact binary value half away from zero. */
  static String toFixed(Object n, Object digits) {
    if (!(n instanceof Number number)) {
      throw new Library.FunctionError("$toFixed() expects a number as argument 1, got " + Values.describe(n));
    }
    int d = 0;
    if (digits != null && digits != Jsonata.NULL_VALUE) {
      if (!(digits instanceof Number dn) || dn.doubleValue() != Math.rint(dn.doubleValue())) {
        throw new Library.FunctionError("$toFixed() expects a whole number of digits as argument 2, got "
            + Values.describe(digits) + (digits instanceof Number ? " " + digits : ""));
      }
      d = dn.intValue();
    }
    if (d < 0 || d > 100) {
      throw new Library.FunctionError("$toFixed() digits must be between 0 and 100, got " + d);
    }
    double x = number.doubleValue();
    if (Double.isNaN(x)) {
      return "NaN";
    }
    if (Math.abs(x) >= 1e21 || Double.isInfinite(x)) {
      return Values.jsNumber(x);
    }
    BigDecimal exact = number instanceof Long || number instanceof Integer
        ? BigDecimal.valueOf(number.longValue()) : new BigDecimal(x);
    String text = exact.abs().setScale(d, RoundingMode.HALF_UP).toPlainString();
    return x < 0 ? "-" + text : text;
  }

  /** {@code JSON.parse(text)}. */
  static Object jsonParse(Object text) {
    if (!(text instanceof String s)) {
      throw new Library.FunctionError("$jsonParse() expects a string as argument 1, got " + Values.describe(text));
    }
    try {
      Object parsed = Jackson.mapper().readerFor(Object.class)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(s);
      return parsed == null ? Jsonata.NULL_VALUE : parsed;
    } catch (JsonProcessingException e) {
      throw new Library.FunctionError("$jsonParse() could not parse its argument: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
  }

  /** JavaScript {@code typeof}. */
  static String typeOf(Object value) {
    if (value == null) {
      return "undefined";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (Values.isFunction(value)) {
      return "function";
    }
    return "object";
  }
}
