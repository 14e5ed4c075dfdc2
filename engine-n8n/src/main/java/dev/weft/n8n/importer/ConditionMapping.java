package dev.weft.n8n.importer;

import dev.weft.n8n.js.ExpressionTranslator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates n8n conditions into Weft's condition lists ({@code {left, type, operator, right}}) shared by If, Filter
 * and Switch: the typed condition lists of If/Filter v1 and Switch v1, and the filter parameter of If/Filter v2 and
 * Switch v3.
 */
final class ConditionMapping {
  private ConditionMapping() {}

  /** Conditions with how they combine and compare. */
  record Result(List<Map<String, Object>> conditions, String combinator, boolean ignoreCase, boolean loose) {}

  // ---- v1: {boolean: [...], dateTime: [...], number: [...], string: [...]} ----

  /** n8n v1's default operation per type. */
  static String v1DefaultOperation(String type) {
    return switch (type) {
      case "boolean" -> "equal";
      case "dateTime" -> "after";
      case "number" -> "smaller";
      default -> "equal";
    };
  }

  /** n8n v1's default second value per type. */
  static Object v1DefaultValue(String type) {
    return switch (type) {
      case "boolean" -> false;
      case "number" -> 0;
      default -> "";
    };
  }

  /** The Weft operator of an n8n v1 operation, or {@code null} when there is none. */
  static String v1Operator(String type, String operation) {
    return switch (operation) {
      case "equal" -> "equals";
      case "notEqual" -> "notEquals";
      case "smaller" -> "lt";
      case "smallerEqual" -> "lte";
      case "larger" -> "gt";
      case "largerEqual" -> "gte";
      case "isEmpty" -> "empty";
      case "isNotEmpty" -> "notEmpty";
      case "after", "before" -> type.equals("dateTime") ? operation : null;
      case "contains", "notContains", "startsWith", "notStartsWith", "endsWith", "notEndsWith", "regex",
          "notRegex" -> type.equals("string") ? operation : null;
      default -> null;
    };
  }

  /** The conditions of an n8n v1 If or Filter ({@code conditions.boolean[]} and so on), in n8n's evaluation order. */
  static List<Map<String, Object>> v1(MappingContext ctx, String path) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Object> groups = ctx.object(path);
    for (String key : groups.keySet()) {
      if (!List.of("boolean", "dateTime", "number", "string").contains(key)) {
        ctx.unsupported(path + "." + key, "unknown condition type '" + key + "'");
      }
    }
    for (String type : List.of("boolean", "dateTime", "number", "string")) {
      List<Map<String, Object>> list = ctx.objects(path + "." + type);
      for (int i = 0; i < list.size(); i++) {
        String where = path + "." + type + "[" + i + "]";
        Map<String, Object> c = list.get(i);
        Object value1 = c.containsKey("value1") ? c.get("value1") : v1DefaultValue(type);
        Object value2 = c.containsKey("value2") ? c.get("value2") : v1DefaultValue(type);
        String operation = c.get("operation") == null ? v1DefaultOperation(type) : String.valueOf(c.get("operation"));
        Map<String, Object> w = v1Condition(ctx, where, type, operation, value1, value2);
        if (w != null) {
          out.add(w);
        }
      }
    }
    return out;
  }

  /** One v1 condition; {@code null} after reporting an unknown operation. */
  static Map<String, Object> v1Condition(MappingContext ctx, String where, String type, String operation,
      Object value1, Object value2) {
    String operator = v1Operator(type, operation);
    if (operator == null) {
      ctx.unsupported(where + ".operation", "unknown " + type + " operation '" + operation + "'");
      return null;
    }
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("left", typed(ctx, where + ".value1", value1));
    w.put("type", type);
    w.put("operator", operator);
    if (!operator.equals("empty") && !operator.equals("notEmpty")) {
      w.put("right", typed(ctx, where + ".value2", value2));
    }
    return w;
  }

  /** v1's combine setting: {@code all}/{@code AND} to {@code and}, {@code any}/{@code OR} to {@code or}. */
  static String v1Combinator(MappingContext ctx, String path, String fallback) {
    Object v = ctx.raw(path);
    if (v == null) {
      return fallback;
    }
    return switch (String.valueOf(v)) {
      case "all", "AND" -> "and";
      case "any", "OR" -> "or";
      default -> {
        ctx.unsupported(path, "unknown combine value '" + v + "' (expected all/any or AND/OR)");
        yield fallback;
      }
    };
  }

  // ---- v2 filter: {options: {...}, conditions: [{leftValue, rightValue, operator: {type, operation}}], combinator}

  /** The conditions of an n8n filter parameter (If/Filter v2, Switch v3 rules). */
  static Result filter(MappingContext ctx, String path) {
    Map<String, Object> filter = ctx.object(path);
    Map<?, ?> options = filter.get("options") instanceof Map<?, ?> m ? m : Map.of();
    boolean ignoreCase = Boolean.FALSE.equals(options.get("caseSensitive"));
    boolean loose = "loose".equals(options.get("typeValidation"));
    String combinator = filter.get("combinator") == null ? "and" : String.valueOf(filter.get("combinator"));
    if (!combinator.equals("and") && !combinator.equals("or")) {
      ctx.unsupported(path + ".combinator", "unknown combinator '" + combinator + "' (expected and or or)");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    List<Map<String, Object>> list = ctx.objects(path + ".conditions");
    for (int i = 0; i < list.size(); i++) {
      String where = path + ".conditions[" + i + "]";
      Map<String, Object> c = list.get(i);
      Map<?, ?> op = c.get("operator") instanceof Map<?, ?> m ? m : Map.of();
      String type = op.get("type") == null ? "string" : String.valueOf(op.get("type"));
      String operation = op.get("operation") == null ? "equals" : String.valueOf(op.get("operation"));
      if (type.equals("any")) {
        ctx.unsupported(where + ".operator.type", "the operator type 'any' has no Weft equivalent");
        continue;
      }
      String operator = switch (operation) {
        case "true" -> "isTrue";
        case "false" -> "isFalse";
        default -> operation;
      };
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("left", typed(ctx, where + ".leftValue", c.get("leftValue")));
      w.put("type", type);
      w.put("operator", operator);
      boolean single = Boolean.TRUE.equals(op.get("singleValue")) || List.of("exists", "notExists", "empty",
          "notEmpty", "isTrue", "isFalse").contains(operator);
      if (!single) {
        String rightType = operator.startsWith("length") ? "number"
            : type.equals("array") && operator.endsWith("ontains") ? "any" : type;
        w.put("right", right(ctx, where + ".rightValue", c.get("rightValue"), rightType));
      }
      out.add(w);
    }
    return new Result(out, combinator, ignoreCase, loose);
  }

  /**
   * A filter's second value: n8n reads fixed text typed into a number, boolean (or, for array contains, any) field
   * as that type, so {@code "10"} compares as 10.
   */
  private static Object right(MappingContext ctx, String path, Object value, String type) {
    if (value instanceof String s && !ExpressionTranslator.isExpression(s)) {
      String t = s.trim();
      if (type.equals("number") && !t.isEmpty()) {
        try {
          return "{{ " + new java.math.BigDecimal(t).stripTrailingZeros().toPlainString() + " }}";
        } catch (NumberFormatException e) {
          return s;
        }
      }
      if (type.equals("boolean") && (t.equals("true") || t.equals("false"))) {
        return "{{ " + t + " }}";
      }
      if (type.equals("any") && !t.isEmpty()) {
        try {
          return "{{ " + new java.math.BigDecimal(t).stripTrailingZeros().toPlainString() + " }}";
        } catch (NumberFormatException e) {
          return s;
        }
      }
    }
    return typed(ctx, path, value);
  }

  /**
   * A condition value for Weft's text-typed {@code left}/{@code right}: expressions are translated; fixed numbers,
   * booleans and {@code null} become one-expression templates so that they keep their type.
   */
  static Object typed(MappingContext ctx, String path, Object value) {
    if (value == null) {
      return "{{ null }}";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return "{{ " + value + " }}";
    }
    if (value instanceof String) {
      return ctx.translate(path, value);
    }
    ctx.unsupported(path, "expected a value, found " + MappingContext.describe(value));
    return null;
  }
}
