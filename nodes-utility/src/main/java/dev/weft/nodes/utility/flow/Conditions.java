package dev.weft.nodes.utility.flow;

import dev.weft.nodes.utility.common.JsonValues;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The condition engine of If, Filter and Switch. A condition compares a value ({@code left}, usually an expression
 * such as <code>{{ $json.age }}</code>) with an operator of a type ({@code string, number, boolean, dateTime, array,
 * object}) and, for binary operators, a second value ({@code right}).
 *
 * <p>With strict type validation (the default) a value of the wrong type is an error; with loose type validation
 * values are converted where they can be ({@code "42"} as a number, {@code "true"} as a boolean, JSON text as a list).
 */
final class Conditions {
  private Conditions() {}

  static final List<String> TYPES = List.of("string", "number", "boolean", "dateTime", "array", "object");

  private static final Set<String> COMMON = Set.of("exists", "notExists", "empty", "notEmpty");
  private static final Map<String, Set<String>> OPERATORS = Map.of(
      "string", Set.of("equals", "notEquals", "contains", "notContains", "startsWith", "notStartsWith", "endsWith",
          "notEndsWith", "regex", "notRegex", "lengthEquals", "lengthNotEquals", "lengthGt", "lengthLt", "lengthGte",
          "lengthLte"),
      "number", Set.of("equals", "notEquals", "gt", "gte", "lt", "lte"),
      "boolean", Set.of("isTrue", "isFalse", "equals", "notEquals"),
      "dateTime", Set.of("equals", "notEquals", "after", "before", "afterOrEquals", "beforeOrEquals"),
      "array", Set.of("contains", "notContains", "lengthEquals", "lengthNotEquals", "lengthGt", "lengthLt",
          "lengthGte", "lengthLte"),
      "object", Set.of());
  private static final Set<String> UNARY = Set.of("exists", "notExists", "empty", "notEmpty", "isTrue", "isFalse");

  /** The field specs of one condition. */
  static ParameterSpec[] conditionFields() {
    return new ParameterSpec[] {
        ParameterSpec.string("left").displayName("Value")
            .description("The value to test, usually an expression such as {{ $json.status }}").build(),
        ParameterSpec.options("type", TYPES.stream().map(Option::of).toArray(Option[]::new))
            .displayName("Type").description("How the values are compared").build(),
        ParameterSpec.options("operator", operatorOptions()).defaultValue("equals").displayName("Operator").build(),
        ParameterSpec.string("right").displayName("Compare to")
            .description("The second value of binary operators; a number for the length operators").build()
    };
  }

  private static Option[] operatorOptions() {
    String[] all = {"equals", "notEquals", "contains", "notContains", "startsWith", "notStartsWith", "endsWith",
        "notEndsWith", "regex", "notRegex", "gt", "gte", "lt", "lte", "after", "before", "afterOrEquals",
        "beforeOrEquals", "isTrue", "isFalse", "exists", "notExists", "empty", "notEmpty", "lengthEquals",
        "lengthNotEquals", "lengthGt", "lengthLt", "lengthGte", "lengthLte"};
    Option[] options = new Option[all.length];
    for (int i = 0; i < all.length; i++) {
      options[i] = Option.of(all[i]);
    }
    return options;
  }

  /** The parameters every condition-based node shares, after its own. */
  static ParameterSpec.Builder[] optionParameters() {
    return new ParameterSpec.Builder[] {
        ParameterSpec.bool("ignoreCase").defaultValue(false).displayName("Ignore case")
            .description("Compare text without regard to upper and lower case"),
        ParameterSpec.bool("looseTypeValidation").defaultValue(false).displayName("Convert types where required")
            .description("Convert values to the condition's type ('42' to 42, 'true' to true) instead of failing")
    };
  }

  /** How a set of conditions is evaluated. */
  record Settings(boolean ignoreCase, boolean loose, ZoneId zone) {
    static Settings of(NodeContext context, int itemIndex) throws NodeException {
      return new Settings(context.bool("ignoreCase", itemIndex), context.bool("looseTypeValidation", itemIndex),
          context.timeZone());
    }
  }

  /**
   * Evaluates resolved conditions for one item.
   *
   * @param parameter the parameter path the conditions came from, for error messages ({@code conditions} or
   *     {@code rules[2].conditions})
   * @throws NodeException naming the condition and item when a condition is malformed or a value has the wrong type
   */
  static boolean test(Object conditions, String combinator, Settings settings, String parameter, int itemIndex)
      throws NodeException {
    if (conditions == null) {
      return true;
    }
    if (!(conditions instanceof List<?> list)) {
      throw NodeException.parameter(parameter, itemIndex, "'" + parameter
          + "' must be a list of conditions, got " + Json.typeOf(conditions));
    }
    boolean and = !"or".equals(combinator);
    if (combinator != null && !"and".equals(combinator) && !"or".equals(combinator)) {
      throw NodeException.parameter("combinator", itemIndex, "combinator must be 'and' or 'or', got '" + combinator + "'");
    }
    if (list.isEmpty()) {
      return true;
    }
    for (int c = 0; c < list.size(); c++) {
      String where = parameter + "[" + c + "]";
      if (!(list.get(c) instanceof Map<?, ?> condition)) {
        throw NodeException.parameter(where, itemIndex, "condition " + where
            + " must be an object with left, type, operator and right, got " + Json.typeOf(list.get(c)));
      }
      boolean result = testOne(condition, settings, where, itemIndex);
      if (and && !result) {
        return false;
      }
      if (!and && result) {
        return true;
      }
    }
    return and;
  }

  private static boolean testOne(Map<?, ?> condition, Settings settings, String where, int itemIndex)
      throws NodeException {
    String type = condition.get("type") == null ? "string" : String.valueOf(condition.get("type"));
    String operator = condition.get("operator") == null ? "equals" : String.valueOf(condition.get("operator"));
    if (!OPERATORS.containsKey(type)) {
      throw NodeException.parameter(where + ".type", itemIndex, "condition " + where + ": unknown type '" + type
          + "'; use one of " + TYPES);
    }
    if (!COMMON.contains(operator) && !OPERATORS.get(type).contains(operator)) {
      List<String> allowed = new ArrayList<>(COMMON);
      allowed.addAll(OPERATORS.get(type));
      allowed.sort(null);
      throw NodeException.parameter(where + ".operator", itemIndex, "condition " + where + ": operator '" + operator
          + "' does not apply to type " + type + "; use one of " + allowed);
    }
    Object leftRaw = condition.get("left");
    Object rightRaw = condition.get("right");
    boolean exists = leftRaw != null && !(leftRaw instanceof Double d && d.isNaN());
    if (operator.equals("exists")) {
      return exists;
    }
    if (operator.equals("notExists")) {
      return !exists;
    }
    Object left = convert(leftRaw, type, settings, where, "left", itemIndex);
    boolean binary = !UNARY.contains(operator);
    String rightType = operator.startsWith("length") ? "number" : type;
    Object right = null;
    if (binary && !(type.equals("array") && (operator.equals("contains") || operator.equals("notContains")))) {
      right = convert(rightRaw, rightType, settings, where, "right", itemIndex);
    } else if (binary) {
      right = rightRaw;
    }
    try {
      return switch (type) {
        case "string" -> stringOp(operator, left, right, settings, exists);
        case "number" -> numberOp(operator, (Number) left, (Number) right, exists);
        case "boolean" -> booleanOp(operator, (Boolean) left, (Boolean) right, exists);
        case "dateTime" -> dateOp(operator, (Instant) left, (Instant) right, exists);
        case "array" -> arrayOp(operator, (List<?>) left, right, settings);
        default -> operator.equals("empty") ? Json.isEmpty(left) : !Json.isEmpty(left);
      };
    } catch (PatternSyntaxException e) {
      throw NodeException.parameter(where + ".right", itemIndex, "condition " + where + ": '" + rightRaw + "' is not a valid regular expression: " + e.getDescription());
    }
  }

  private static boolean stringOp(String op, Object leftValue, Object rightValue, Settings s, boolean exists) {
    String left = leftValue == null ? "" : leftValue.toString();
    if (op.startsWith("length")) {
      return lengthOp(op, left.length(), (Number) rightValue);
    }
    String right = rightValue == null ? "" : rightValue.toString();
    if (op.equals("regex") || op.equals("notRegex")) {
      boolean found = regex(right, s.ignoreCase()).matcher(left).find();
      return op.equals("regex") == found;
    }
    if (s.ignoreCase()) {
      left = left.toLowerCase(Locale.ROOT);
      right = right.toLowerCase(Locale.ROOT);
    }
    return switch (op) {
      case "empty" -> !exists || left.isEmpty();
      case "notEmpty" -> !left.isEmpty();
      case "equals" -> left.equals(right);
      case "notEquals" -> !left.equals(right);
      case "contains" -> left.contains(right);
      case "notContains" -> !left.contains(right);
      case "startsWith" -> left.startsWith(right);
      case "notStartsWith" -> !left.startsWith(right);
      case "endsWith" -> left.endsWith(right);
      case "notEndsWith" -> !left.endsWith(right);
      default -> throw new IllegalStateException(op);
    };
  }

  private static final Pattern REGEX_LITERAL = Pattern.compile("^/(.*)/([gimsuy]*)$", Pattern.DOTALL);

  /** A pattern from {@code abc} or {@code /abc/i} (JavaScript literal syntax with flags i, m, s). */
  static Pattern regex(String source, boolean ignoreCase) {
    String body = source;
    int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
    Matcher m = REGEX_LITERAL.matcher(source);
    if (m.matches()) {
      body = m.group(1);
      for (char f : m.group(2).toCharArray()) {
        switch (f) {
          case 'i' -> flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
          case 'm' -> flags |= Pattern.MULTILINE;
          case 's' -> flags |= Pattern.DOTALL;
          default -> { }
        }
      }
    }
    return Pattern.compile(body, flags);
  }

  private static boolean numberOp(String op, Number left, Number right, boolean exists) {
    if (op.equals("empty")) {
      return !exists;
    }
    if (op.equals("notEmpty")) {
      return exists;
    }
    if (left == null || right == null) {
      return switch (op) {
        case "equals" -> left == right;
        case "notEquals" -> left != right;
        default -> false;
      };
    }
    int c = Json.compareNumbers(left, right);
    return switch (op) {
      case "equals" -> c == 0;
      case "notEquals" -> c != 0;
      case "gt" -> c > 0;
      case "gte" -> c >= 0;
      case "lt" -> c < 0;
      case "lte" -> c <= 0;
      default -> throw new IllegalStateException(op);
    };
  }

  private static boolean booleanOp(String op, Boolean left, Boolean right, boolean exists) {
    return switch (op) {
      case "empty" -> !exists;
      case "notEmpty" -> exists;
      case "isTrue" -> Boolean.TRUE.equals(left);
      case "isFalse" -> Boolean.FALSE.equals(left);
      case "equals" -> java.util.Objects.equals(left, right);
      case "notEquals" -> !java.util.Objects.equals(left, right);
      default -> throw new IllegalStateException(op);
    };
  }

  private static boolean dateOp(String op, Instant left, Instant right, boolean exists) {
    if (op.equals("empty")) {
      return !exists;
    }
    if (op.equals("notEmpty")) {
      return exists;
    }
    if (left == null || right == null) {
      return switch (op) {
        case "equals" -> left == right;
        case "notEquals" -> left != right;
        default -> false;
      };
    }
    int c = left.compareTo(right);
    return switch (op) {
      case "equals" -> c == 0;
      case "notEquals" -> c != 0;
      case "after" -> c > 0;
      case "before" -> c < 0;
      case "afterOrEquals" -> c >= 0;
      case "beforeOrEquals" -> c <= 0;
      default -> throw new IllegalStateException(op);
    };
  }

  private static boolean arrayOp(String op, List<?> leftValue, Object right, Settings s) {
    List<?> left = leftValue == null ? List.of() : leftValue;
    if (op.startsWith("length")) {
      return lengthOp(op, left.size(), (Number) right);
    }
    return switch (op) {
      case "empty" -> left.isEmpty();
      case "notEmpty" -> !left.isEmpty();
      case "contains" -> contains(left, right, s.ignoreCase());
      case "notContains" -> !contains(left, right, s.ignoreCase());
      default -> throw new IllegalStateException(op);
    };
  }

  private static boolean contains(List<?> list, Object value, boolean ignoreCase) {
    for (Object o : list) {
      if (ignoreCase && o instanceof CharSequence a && value instanceof CharSequence b
          ? a.toString().equalsIgnoreCase(b.toString())
          : Json.equal(o, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean lengthOp(String op, int length, Number right) {
    if (right == null) {
      return false;
    }
    int c = Json.compareNumbers(length, right);
    return switch (op) {
      case "lengthEquals" -> c == 0;
      case "lengthNotEquals" -> c != 0;
      case "lengthGt" -> c > 0;
      case "lengthLt" -> c < 0;
      case "lengthGte" -> c >= 0;
      case "lengthLte" -> c <= 0;
      default -> throw new IllegalStateException(op);
    };
  }

  /** Checks (strict) or converts (loose) a value to a condition type; {@code null} stays {@code null}. */
  private static Object convert(Object value, String type, Settings s, String where, String side, int itemIndex)
      throws NodeException {
    if (value == null) {
      return null;
    }
    String wrongType = null;
    switch (type) {
      case "string" -> {
        if (value instanceof CharSequence) {
          return value.toString();
        }
        if (s.loose()) {
          return value instanceof Number n ? JsonValues.numberText(n) : value instanceof Boolean ? value.toString()
              : value instanceof TemporalAccessor ? value.toString() : json(value);
        }
        wrongType = "text";
      }
      case "number" -> {
        if (value instanceof Number n) {
          return n;
        }
        if (s.loose() && (value instanceof CharSequence || value instanceof Boolean)) {
          try {
            return JsonValues.parseNumber(value);
          } catch (IllegalArgumentException e) {
            throw conversion(where, side, itemIndex, value, "a number");
          }
        }
        wrongType = "a number";
      }
      case "boolean" -> {
        if (value instanceof Boolean b) {
          return b;
        }
        if (s.loose() && (value instanceof CharSequence || value instanceof Number)) {
          try {
            return JsonValues.parseBoolean(value);
          } catch (IllegalArgumentException e) {
            throw conversion(where, side, itemIndex, value, "a boolean");
          }
        }
        wrongType = "a boolean";
      }
      case "dateTime" -> {
        Instant instant = toInstant(value, s.zone(), s.loose());
        if (instant != null) {
          return instant;
        }
        if (value instanceof CharSequence || s.loose()) {
          throw conversion(where, side, itemIndex, value, "a date-time");
        }
        wrongType = "a date-time";
      }
      case "array" -> {
        if (value instanceof List<?> l) {
          return l;
        }
        if (value instanceof Collection<?> c) {
          return new ArrayList<>(c);
        }
        if (s.loose() && value instanceof CharSequence cs && cs.toString().trim().startsWith("[")) {
          List<?> parsed = parseJson(cs.toString(), List.class);
          if (parsed != null) {
            return parsed;
          }
        }
        if (s.loose()) {
          throw conversion(where, side, itemIndex, value, "an array");
        }
        wrongType = "an array";
      }
      default -> {
        if (value instanceof Map<?, ?>) {
          return value;
        }
        if (s.loose() && value instanceof CharSequence cs && cs.toString().trim().startsWith("{")) {
          Map<?, ?> parsed = parseJson(cs.toString(), Map.class);
          if (parsed != null) {
            return parsed;
          }
        }
        if (s.loose()) {
          throw conversion(where, side, itemIndex, value, "an object");
        }
        wrongType = "an object";
      }
    }
    throw new NodeException("condition " + where + ": wrong type: the " + side + " value "
        + describe(value) + " is " + article(Json.typeOf(value)) + " but " + wrongType + " is expected",
        where + "." + side, itemIndex,
        "Change the condition's type, or set 'looseTypeValidation' to convert values where required.", null);
  }

  private static NodeException conversion(String where, String side, int itemIndex, Object value, String target) {
    return new NodeException("condition " + where + ": the " + side + " value "
        + describe(value) + " cannot be converted to " + target, where + "." + side, itemIndex, null, null);
  }

  private static String describe(Object value) {
    String text = value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }

  private static String article(String type) {
    return switch (type) {
      case "array", "object" -> "an " + type;
      case "string" -> "text";
      default -> "a " + type;
    };
  }

  /** An instant from a date-time value: ISO text (with or without offset or time), epoch milliseconds, java.time. */
  static Instant toInstant(Object value, ZoneId zone, boolean acceptNumbers) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof LocalDateTime l) {
      return l.atZone(zone).toInstant();
    }
    if (value instanceof LocalDate d) {
      return d.atStartOfDay(zone).toInstant();
    }
    if (value instanceof Number n && acceptNumbers) {
      return Instant.ofEpochMilli(n.longValue());
    }
    if (value instanceof CharSequence cs) {
      String text = cs.toString().trim();
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException ignored) {
        // next form
      }
      try {
        return ZonedDateTime.parse(text).toInstant();
      } catch (DateTimeParseException ignored) {
        // next form
      }
      try {
        return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
      } catch (DateTimeParseException ignored) {
        // next form
      }
      try {
        return LocalDate.parse(text).atStartOfDay(zone).toInstant();
      } catch (DateTimeException ignored) {
        // not a date
      }
      if (acceptNumbers && text.matches("-?\\d{9,}")) {
        return Instant.ofEpochMilli(Long.parseLong(text));
      }
    }
    return null;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

  private static <T> T parseJson(String text, Class<T> type) {
    try {
      return MAPPER.readValue(text, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
