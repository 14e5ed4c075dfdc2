package dev.weft.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fast path for the most common expression, a plain read such as {@code $json.customer.name},
 * {@code $json.items[0]} or {@code $.a.`odd key`}: it walks the item's maps directly without entering JSONata. Where
 * JSONata's semantics would differ from a plain walk (a list met in the middle of the path, which JSONata maps over,
 * or an index that selects a list) it hands the expression to JSONata, so results are always JSONata's.
 */
final class PathExpr implements Expr {
  private static final Object FALLBACK = new Object();

  private final Object[] steps; // String keys and Integer indexes
  private final JsonataExpr fallback;
  private final ExpressionLimits limits;

  private PathExpr(Object[] steps, JsonataExpr fallback, ExpressionLimits limits) {
    this.steps = steps;
    this.fallback = fallback;
    this.limits = limits;
  }

  /** A fast path for {@code expression}, or {@code null} when it is not a plain path read. */
  static PathExpr tryParse(String expression, JsonataExpr fallback, ExpressionLimits limits) {
    List<Object> steps = parse(expression.strip());
    return steps == null ? null : new PathExpr(steps.toArray(), fallback, limits);
  }

  private static final java.util.Set<String> KEYWORDS = java.util.Set.of("and", "or", "in", "true", "false", "null",
      "function");

  static List<Object> parse(String s) {
    int i;
    if (s.startsWith("$json")) {
      i = 5;
    } else if (s.startsWith("$") && (s.length() == 1 || s.charAt(1) == '.' || s.charAt(1) == '[')) {
      i = 1;
    } else {
      return null;
    }
    if (i < s.length() && isIdentPart(s.charAt(i))) {
      return null; // $jsonX, a different variable
    }
    List<Object> steps = new ArrayList<>();
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '.') {
        i++;
        if (i < n && s.charAt(i) == '`') {
          int close = s.indexOf('`', i + 1);
          if (close < 0) {
            return null;
          }
          steps.add(s.substring(i + 1, close));
          i = close + 1;
        } else {
          int start = i;
          if (i >= n || !isIdentStart(s.charAt(i))) {
            return null;
          }
          while (i < n && isIdentPart(s.charAt(i))) {
            i++;
          }
          String key = s.substring(start, i);
          if (KEYWORDS.contains(key)) {
            return null;
          }
          steps.add(key);
        }
      } else if (c == '[') {
        int close = s.indexOf(']', i);
        if (close < 0) {
          return null;
        }
        String inner = s.substring(i + 1, close).strip();
        if (!inner.matches("-?\\d{1,9}")) {
          return null; // predicates, string filters, expressions: JSONata semantics
        }
        steps.add(Integer.valueOf(inner));
        i = close + 1;
      } else {
        return null;
      }
    }
    return steps;
  }

  private static boolean isIdentStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  @Override
  public Object evaluate(ExpressionScope scope) throws ExpressionException {
    Map<String, Object> json = scope.json();
    Object value = walk(json == null ? Map.of() : json);
    if (value == FALLBACK) {
      return fallback.evaluate(scope);
    }
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    try {
      return Values.normalize(value, new Values.Budget(limits.maxResultChars()));
    } catch (Values.TooLarge | Values.NotJson e) {
      return fallback.evaluate(scope);
    }
  }

  private Object walk(Object root) {
    Object current = root;
    for (Object step : steps) {
      if (current == null) {
        return null;
      }
      if (step instanceof String key) {
        if (current instanceof Map<?, ?> map) {
          current = map.get(key);
        } else if (current instanceof List) {
          return FALLBACK; // JSONata maps the step over the list
        } else {
          return null;
        }
      } else {
        int index = (Integer) step;
        if (current instanceof List<?> list) {
          int at = index < 0 ? list.size() + index : index;
          if (at < 0 || at >= list.size()) {
            return null;
          }
          current = list.get(at);
          if (current instanceof List) {
            return FALLBACK; // JSONata flattens nested sequences
          }
        } else if (index != 0 && index != -1) {
          return null; // a single value is a sequence of one
        }
      }
    }
    return current;
  }

  @Override
  public boolean referencesOtherNodes() {
    return false;
  }
}
