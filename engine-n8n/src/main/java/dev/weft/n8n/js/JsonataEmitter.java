package dev.weft.n8n.js;

import dev.weft.n8n.js.JsNode.Arr;
import dev.weft.n8n.js.JsNode.Arrow;
import dev.weft.n8n.js.JsNode.Binary;
import dev.weft.n8n.js.JsNode.Bool;
import dev.weft.n8n.js.JsNode.Call;
import dev.weft.n8n.js.JsNode.Cond;
import dev.weft.n8n.js.JsNode.Ident;
import dev.weft.n8n.js.JsNode.Index;
import dev.weft.n8n.js.JsNode.Member;
import dev.weft.n8n.js.JsNode.New;
import dev.weft.n8n.js.JsNode.Null;
import dev.weft.n8n.js.JsNode.Num;
import dev.weft.n8n.js.JsNode.Obj;
import dev.weft.n8n.js.JsNode.Prop;
import dev.weft.n8n.js.JsNode.Spread;
import dev.weft.n8n.js.JsNode.Str;
import dev.weft.n8n.js.JsNode.Template;
import dev.weft.n8n.js.JsNode.Unary;
import dev.weft.n8n.js.JsNode.Undefined;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a JavaScript expression tree into a JSONata expression for the Weft expression engine, keeping JavaScript's
 * semantics where JSONata differs (truthiness, {@code +}, {@code ||}, {@code undefined}).
 */
final class JsonataEmitter {

  /** A construct that has no translation; the message says which and why. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message);
    }
  }

  private static final Pattern LITERAL = Pattern.compile(
      "\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.e+-]*|true|false|null");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> JSONATA_WORDS = Set.of("and", "or", "in", "true", "false", "null", "function");

  /** n8n variables that mean the same in Weft. */
  private static final Set<String> SAME_VARIABLES = Set.of("$json", "$input", "$now", "$today", "$runIndex",
      "$itemIndex", "$workflow", "$execution", "$vars");

  private static final Map<String, String> NO_EQUIVALENT = Map.ofEntries(
      Map.entry("$binary", "the current item's binary data ($binary) is not readable in Weft expressions"),
      Map.entry("$parameter", "n8n's $parameter (the node's own parameters) has no Weft equivalent"),
      Map.entry("$env", "environment variables ($env) are not readable in Weft expressions"),
      Map.entry("$position", "n8n's $position has no Weft equivalent"),
      Map.entry("$prevNode", "n8n's $prevNode has no Weft equivalent"),
      Map.entry("$mode", "n8n's $mode has no Weft equivalent"),
      Map.entry("$secrets", "external secrets ($secrets) are not readable in Weft expressions"),
      Map.entry("$jmespath", "JMESPath ($jmespath) is not available in Weft expressions"),
      Map.entry("$evaluateExpression", "$evaluateExpression has no Weft equivalent"),
      Map.entry("$getWorkflowStaticData", "workflow static data has no Weft equivalent"),
      Map.entry("$data", "n8n's legacy $data has no Weft equivalent"),
      Map.entry("$fromAI", "$fromAI (AI tool parameters) has no Weft equivalent"),
      Map.entry("items", "the legacy 'items' array is only available in Function nodes, not in expressions"),
      Map.entry("item", "the legacy 'item' variable is only available in Function nodes, not in expressions"));

  private static final Map<String, String> DATE_UNITS = Map.ofEntries(
      Map.entry("year", "years"), Map.entry("years", "years"), Map.entry("quarter", "quarters"),
      Map.entry("quarters", "quarters"), Map.entry("month", "months"), Map.entry("months", "months"),
      Map.entry("week", "weeks"), Map.entry("weeks", "weeks"), Map.entry("day", "days"), Map.entry("days", "days"),
      Map.entry("hour", "hours"), Map.entry("hours", "hours"), Map.entry("minute", "minutes"),
      Map.entry("minutes", "minutes"), Map.entry("second", "seconds"), Map.entry("seconds", "seconds"),
      Map.entry("millisecond", "milliseconds"), Map.entry("milliseconds", "milliseconds"));

  /** Arrow function parameters in scope: JavaScript name to JSONata variable. */
  private final Map<String, String> scope = new HashMap<>();
  private int counter;

  /** A fresh JSONata variable name that cannot clash with the user's or another block's. */
  private String fresh(String hint) {
    return "$__" + hint + (++counter);
  }

  String emit(JsNode node) {
    if (node instanceof Num n) {
      return number(n.value());
    }
    if (node instanceof Str s) {
      return quote(s.value());
    }
    if (node instanceof Bool b) {
      return Boolean.toString(b.value());
    }
    if (node instanceof Null) {
      return "null";
    }
    if (node instanceof Undefined) {
      return "()";
    }
    if (node instanceof Ident id) {
      return identifier(id.name());
    }
    if (node instanceof Template t) {
      return template(t);
    }
    if (node instanceof Arr a) {
      return array(a);
    }
    if (node instanceof Obj o) {
      return object(o);
    }
    if (node instanceof Member m) {
      return member(m);
    }
    if (node instanceof Index i) {
      return index(i);
    }
    if (node instanceof Call c) {
      return call(c);
    }
    if (node instanceof New n) {
      return newExpression(n);
    }
    if (node instanceof Unary u) {
      return unary(u);
    }
    if (node instanceof Binary b) {
      return binary(b);
    }
    if (node instanceof Cond c) {
      return "($truthy(" + emit(c.test()) + ") ? " + emit(c.then()) + " : " + emit(c.otherwise()) + ")";
    }
    if (node instanceof Arrow) {
      throw new Unsupported("arrow functions are only supported as the argument of map, filter, find, some and every");
    }
    if (node instanceof JsNode.Assign a) {
      throw new Unsupported("assignment ('" + a.op() + "') is not supported in expressions");
    }
    if (node instanceof JsNode.Update) {
      throw new Unsupported("'++' and '--' are not supported in expressions");
    }
    if (node instanceof JsNode.Seq) {
      throw new Unsupported("the comma operator is not supported in expressions");
    }
    if (node instanceof Spread) {
      throw new Unsupported("spread ('...') is only supported in array and object literals");
    }
    throw new Unsupported("unsupported syntax " + node.getClass().getSimpleName());
  }

  // ---- literals ----

  static String number(Number n) {
    if (n instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new Unsupported("NaN and Infinity are not JSON numbers");
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      return d.toString().replace("E", "e");
    }
    return n.toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else if (c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
            // keep "}}" out of the template the expression sits in
            sb.append("}\\u007d");
            i++;
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String fieldName(String name) {
    if (PLAIN_NAME.matcher(name).matches() && !JSONATA_WORDS.contains(name)) {
      return name;
    }
    return "`" + name + "`";
  }

  private String template(Template t) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < t.texts().size(); i++) {
      if (!t.texts().get(i).isEmpty()) {
        parts.add(quote(t.texts().get(i)));
      }
      if (i < t.expressions().size()) {
        parts.add("$string(" + emit(t.expressions().get(i)) + ")");
      }
    }
    if (parts.isEmpty()) {
      return "\"\"";
    }
    return parts.size() == 1 && t.expressions().isEmpty() ? parts.get(0) : "(" + String.join(" & ", parts) + ")";
  }

  private String array(Arr a) {
    boolean spread = a.elements().stream().anyMatch(e -> e instanceof Spread);
    if (!spread) {
      List<String> items = new ArrayList<>();
      for (JsNode e : a.elements()) {
        items.add(emit(e));
      }
      return "[" + String.join(", ", items) + "]";
    }
    String acc = "[]";
    List<String> pending = new ArrayList<>();
    for (JsNode e : a.elements()) {
      if (e instanceof Spread s) {
        if (!pending.isEmpty()) {
          acc = "$append(" + acc + ", [" + String.join(", ", pending) + "])";
          pending.clear();
        }
        acc = "$append(" + acc + ", " + emit(s.argument()) + ")";
      } else {
        pending.add(emit(e));
      }
    }
    if (!pending.isEmpty()) {
      acc = "$append(" + acc + ", [" + String.join(", ", pending) + "])";
    }
    return acc;
  }

  private String object(Obj o) {
    List<String> merged = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    for (Prop p : o.properties()) {
      if (p.spread()) {
        if (!fields.isEmpty()) {
          merged.add("{ " + String.join(", ", fields) + " }");
          fields.clear();
        }
        merged.add(emit(p.value()));
      } else {
        String field = quote(p.key()) + ": ";
        // JavaScript keeps the last value of a repeated key (at the first key's place); JSONata rejects repeats
        int earlier = -1;
        for (int i = 0; i < fields.size(); i++) {
          if (fields.get(i).startsWith(field)) {
            earlier = i;
          }
        }
        if (earlier >= 0) {
          fields.set(earlier, field + emit(p.value()));
        } else {
          fields.add(field + emit(p.value()));
        }
      }
    }
    String literal = "{ " + String.join(", ", fields) + " }";
    if (merged.isEmpty()) {
      return fields.isEmpty() ? "{}" : literal;
    }
    if (!fields.isEmpty()) {
      merged.add(literal);
    }
    return "$merge([" + String.join(", ", merged) + "])";
  }

  // ---- names ----

  private String identifier(String name) {
    String bound = scope.get(name);
    if (bound != null) {
      return bound;
    }
    if (SAME_VARIABLES.contains(name)) {
      return name;
    }
    String why = NO_EQUIVALENT.get(name);
    if (why != null) {
      throw new Unsupported(why);
    }
    switch (name) {
      case "$node" -> throw new Unsupported("$node must be followed by a node name, as in $node[\"Name\"].json");
      case "$" -> throw new Unsupported("$(...) must name a node, as in $('Name').item.json");
      case "$items" -> throw new Unsupported("$items must be called, as in $items() or $items(\"Name\")");
      case "Math", "JSON", "Object", "DateTime", "Array", "Number", "String", "Date" ->
          throw new Unsupported("'" + name + "' is only supported in calls of its functions");
      default -> throw new Unsupported("unknown variable '" + name + "'");
    }
  }

  /** The node name in {@code $('X')}, {@code $node["X"]} or {@code $node.X}, or {@code null}. */
  private static String nodeReference(JsNode node) {
    if (node instanceof Call c && c.callee() instanceof Ident id && id.name().equals("$")) {
      if (c.args().size() == 1 && c.args().get(0) instanceof Str s) {
        return s.value();
      }
      throw new Unsupported("$(...) needs one node name as a string literal");
    }
    if (node instanceof Index i && i.object() instanceof Ident id && id.name().equals("$node")) {
      if (i.index() instanceof Str s) {
        return s.value();
      }
      throw new Unsupported("$node[...] needs a node name as a string literal");
    }
    if (node instanceof Member m && m.object() instanceof Ident id && id.name().equals("$node")) {
      return m.name();
    }
    return null;
  }

  private static boolean isSelector(JsNode node) {
    return node instanceof Call c && c.callee() instanceof Ident id && id.name().equals("$");
  }

  private static boolean isIdent(JsNode node, String name) {
    return node instanceof Ident id && id.name().equals(name);
  }

  private String member(Member m) {
    String ref = nodeReference(m.object());
    if (ref != null) {
      boolean selector = isSelector(m.object());
      switch (m.name()) {
        case "json" -> {
          if (selector) {
            throw new Unsupported("$('" + ref + "').json is not n8n syntax; use $('" + ref + "').item.json");
          }
          return "$node(" + quote(ref) + ").json";
        }
        case "item" -> {
          if (!selector) {
            throw new Unsupported("$node[\"" + ref + "\"].item is not n8n syntax");
          }
          return "$node(" + quote(ref) + ")";
        }
        case "binary" -> {
          return "$node(" + quote(ref) + ").binary";
        }
        case "context" -> {
          // the state a node keeps between runs (Split In Batches' noItemsLeft, currentRunIndex, maxRunIndex, done)
          if (selector) {
            throw new Unsupported("$('" + ref + "').context is not n8n syntax; use $node[\"" + ref + "\"].context");
          }
          return "$node(" + quote(ref) + ").context";
        }
        case "parameter", "params" -> throw new Unsupported("another node's parameters ($node[\"" + ref
            + "\"]." + m.name() + ") are not readable in Weft expressions");
        case "runIndex" -> throw new Unsupported("another node's run index ($node[\"" + ref
            + "\"].runIndex) is not readable in Weft expressions");
        case "isExecuted" -> throw new Unsupported("$('" + ref + "').isExecuted has no Weft equivalent");
        default -> throw new Unsupported("'" + m.name() + "' of node '" + ref + "' is not supported (only .json"
            + (selector ? ", .item, .first(), .last() and .all()" : " and .binary") + ")");
      }
    }
    if (isIdent(m.object(), "$input")) {
      if (m.name().equals("item")) {
        return "$input.item";
      }
      throw new Unsupported("$input." + m.name() + " is not supported (only $input.item, $input.first(), "
          + "$input.last() and $input.all())");
    }
    if (isIdent(m.object(), "Math")) {
      return switch (m.name()) {
        case "PI" -> number(Math.PI);
        case "E" -> number(Math.E);
        default -> throw new Unsupported("Math." + m.name() + " is not supported");
      };
    }
    if (isIdent(m.object(), "Number")) {
      return switch (m.name()) {
        case "MAX_SAFE_INTEGER" -> "9007199254740991";
        case "MIN_SAFE_INTEGER" -> "-9007199254740991";
        default -> throw new Unsupported("Number." + m.name() + " is not supported");
      };
    }
    if (m.name().equals("length")) {
      return "$len(" + emit(m.object()) + ")";
    }
    return path(emit(m.object()), fieldName(m.name()));
  }

  /** {@code base.field}, parenthesising a base that is not a path step. */
  private static String path(String base, String field) {
    return step(base) + "." + field;
  }

  /** Wraps an expression so that a path step or predicate can follow it. */
  private static String step(String expr) {
    if (LITERAL.matcher(expr).matches()) {
      return expr;
    }
    if (expr.startsWith("$") && isPathLike(expr) || expr.startsWith("(") && closesAtEnd(expr)
        || expr.startsWith("[") && closesAtEnd(expr)) {
      return expr;
    }
    return "(" + expr + ")";
  }

  /** Whether {@code $a.b("x").c[0]} is one path: no top-level spaces or operators. */
  private static boolean isPathLike(String expr) {
    int depth = 0;
    boolean inString = false;
    boolean inName = false;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (inName) {
        inName = c != '`';
        continue;
      }
      switch (c) {
        case '"' -> inString = true;
        case '`' -> inName = true;
        case '(', '[', '{' -> depth++;
        case ')', ']', '}' -> depth--;
        default -> {
          if (depth == 0 && !(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.')) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Whether the bracket opening {@code expr} closes at its last character. */
  private static boolean closesAtEnd(String expr) {
    char open = expr.charAt(0);
    char close = open == '(' ? ')' : ']';
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '"') {
        inString = true;
      } else if (c == open) {
        depth++;
      } else if (c == close) {
        depth--;
        if (depth == 0) {
          return i == expr.length() - 1;
        }
      }
    }
    return false;
  }

  private String index(Index i) {
    String ref = nodeReference(i);
    if (ref != null) {
      throw new Unsupported("$node[\"" + ref + "\"] must be followed by .json");
    }
    if (i.object() instanceof Call c && nodeReference(c.callee()) == null && isSelector(i.object())) {
      throw new Unsupported("$(...) must be followed by .item, .first(), .last() or .all()");
    }
    String base = emit(i.object());
    JsNode key = i.index();
    if (key instanceof Str s) {
      if (s.value().equals("length")) {
        return "$len(" + base + ")";
      }
      return path(base, fieldName(s.value()));
    }
    if (key instanceof Num n && isNonNegativeInteger(n.value())) {
      return step(base) + "[" + number(n.value()) + "]";
    }
    String k = fresh("key");
    String b = fresh("base");
    return "(" + b + " := " + base + "; " + k + " := " + emit(key) + "; $type(" + k + ") = \"number\" ? " + b + "["
        + k + "] : $lookup(" + b + ", $string(" + k + ")))";
  }

  private static boolean isNonNegativeInteger(Number n) {
    return (n instanceof Long || n instanceof Integer) && n.longValue() >= 0;
  }

  // ---- calls ----

  private String call(Call c) {
    JsNode callee = c.callee();
    List<JsNode> args = c.args();
    if (args.stream().anyMatch(a -> a instanceof Spread)) {
      throw new Unsupported("spread arguments ('...') are not supported");
    }
    if (callee instanceof Ident id) {
      return globalCall(id.name(), args);
    }
    if (callee instanceof Member m) {
      String ref = nodeReference(m.object());
      if (ref != null && isSelector(m.object())) {
        return selectorCall(ref, m.name(), args);
      }
      if (isIdent(m.object(), "$input")) {
        return inputCall(m.name(), args);
      }
      if (m.object() instanceof Ident owner && Set.of("Math", "JSON", "Object", "DateTime", "Array", "Number", "String",
          "Date").contains(owner.name()) && !scope.containsKey(owner.name())) {
        return staticCall(owner.name(), m.name(), args);
      }
      return method(m.object(), m.name(), args);
    }
    throw new Unsupported("only calls of named functions and methods are supported");
  }

  private String selectorCall(String ref, String method, List<JsNode> args) {
    String items = "$nodeItems(" + quote(ref) + ")";
    if (!args.isEmpty()) {
      throw new Unsupported("$('" + ref + "')." + method + "() with branch or run arguments is not supported");
    }
    return switch (method) {
      case "first" -> items + "[0]";
      case "last" -> items + "[-1]";
      case "all" -> "[" + items + "]";
      default -> throw new Unsupported("$('" + ref + "')." + method + "() is not supported (only .item, .first(), "
          + ".last() and .all())");
    };
  }

  private String inputCall(String method, List<JsNode> args) {
    if (!args.isEmpty()) {
      throw new Unsupported("$input." + method + "() with arguments is not supported");
    }
    return switch (method) {
      case "first" -> "$inputItems()[0]";
      case "last" -> "$inputItems()[-1]";
      case "all" -> "[$inputItems()]";
      default -> throw new Unsupported("$input." + method + "() is not supported (only $input.item, $input.first(), "
          + "$input.last() and $input.all())");
    };
  }

  private void arity(String what, List<JsNode> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw new Unsupported(what + " with " + args.size() + " argument" + (args.size() == 1 ? "" : "s")
          + " is not supported (expected " + (min == max ? String.valueOf(min) : min + " to " + max) + ")");
    }
  }

  private String globalCall(String name, List<JsNode> args) {
    if (scope.containsKey(name)) {
      throw new Unsupported("calling the arrow function parameter '" + name + "' is not supported");
    }
    switch (name) {
      case "$items" -> {
        arity("$items()", args, 0, 1);
        if (args.isEmpty()) {
          return "[$inputItems()]";
        }
        if (args.get(0) instanceof Str s) {
          return "[$nodeItems(" + quote(s.value()) + ")]";
        }
        throw new Unsupported("$items(...) needs a node name as a string literal");
      }
      case "$" -> throw new Unsupported("$(...) must be followed by .item, .first(), .last() or .all()");
      case "parseInt" -> {
        arity("parseInt()", args, 1, 2);
        if (args.size() == 2 && !(args.get(1) instanceof Num n && n.value().longValue() == 10)) {
          throw new Unsupported("parseInt() with a radix other than 10 is not supported");
        }
        String v = fresh("n");
        return "(" + v + " := $number($string(" + emit(args.get(0)) + ")); " + v + " < 0 ? $ceil(" + v + ") : $floor("
            + v + "))";
      }
      case "parseFloat", "Number" -> {
        arity(name + "()", args, 1, 1);
        return "$number(" + emit(args.get(0)) + ")";
      }
      case "String" -> {
        arity("String()", args, 1, 1);
        return "$string(" + emit(args.get(0)) + ")";
      }
      case "Boolean" -> {
        arity("Boolean()", args, 1, 1);
        return "$truthy(" + emit(args.get(0)) + ")";
      }
      case "isNaN" -> {
        arity("isNaN()", args, 1, 1);
        return "$not($type(" + emit(args.get(0)) + ") = \"number\")";
      }
      case "$if" -> {
        arity("$if()", args, 3, 3);
        return "($truthy(" + emit(args.get(0)) + ") ? " + emit(args.get(1)) + " : " + emit(args.get(2)) + ")";
      }
      case "$ifEmpty" -> {
        arity("$ifEmpty()", args, 2, 2);
        return "$ifEmpty(" + emit(args.get(0)) + ", " + emit(args.get(1)) + ")";
      }
      case "$max", "$min" -> {
        return name + "([" + joinArgs(args) + "])";
      }
      default -> {
        String why = NO_EQUIVALENT.get(name);
        if (why != null) {
          throw new Unsupported(why);
        }
        throw new Unsupported("function '" + name + "()' has no Weft equivalent");
      }
    }
  }

  private String joinArgs(List<JsNode> args) {
    List<String> out = new ArrayList<>();
    for (JsNode a : args) {
      out.add(emit(a));
    }
    return String.join(", ", out);
  }

  private String staticCall(String owner, String name, List<JsNode> args) {
    String qualified = owner + "." + name + "()";
    switch (owner) {
      case "Math" -> {
        switch (name) {
          case "max", "min" -> {
            return "$" + name + "([" + joinArgs(args) + "])";
          }
          case "round" -> {
            arity(qualified, args, 1, 1);
            return "$floor(" + emit(args.get(0)) + " + 0.5)";
          }
          case "floor", "ceil", "abs", "sqrt" -> {
            arity(qualified, args, 1, 1);
            return "$" + name + "(" + emit(args.get(0)) + ")";
          }
          case "trunc" -> {
            arity(qualified, args, 1, 1);
            String v = fresh("n");
            return "(" + v + " := " + emit(args.get(0)) + "; " + v + " < 0 ? $ceil(" + v + ") : $floor(" + v + "))";
          }
          case "pow" -> {
            arity(qualified, args, 2, 2);
            return "$power(" + emit(args.get(0)) + ", " + emit(args.get(1)) + ")";
          }
          case "random" -> {
            arity(qualified, args, 0, 0);
            return "$random()";
          }
          default -> throw new Unsupported(qualified + " is not supported");
        }
      }
      case "JSON" -> {
        switch (name) {
          case "stringify" -> {
            arity(qualified, args, 1, 1);
            return "$jsonStringify(" + emit(args.get(0)) + ")";
          }
          case "parse" -> {
            arity(qualified, args, 1, 1);
            return "$jsonParse(" + emit(args.get(0)) + ")";
          }
          default -> throw new Unsupported(qualified + " is not supported");
        }
      }
      case "Object" -> {
        arity(qualified, args, 1, 1);
        switch (name) {
          case "keys" -> {
            return "[$keys(" + emit(args.get(0)) + ")]";
          }
          case "values" -> {
            String o = fresh("obj");
            return "(" + o + " := " + emit(args.get(0)) + "; [$map($keys(" + o + "), function($k) { $lookup(" + o
                + ", $k) })])";
          }
          default -> throw new Unsupported(qualified + " is not supported");
        }
      }
      case "Array" -> {
        if (name.equals("isArray")) {
          arity(qualified, args, 1, 1);
          return "($type(" + emit(args.get(0)) + ") = \"array\")";
        }
        throw new Unsupported(qualified + " is not supported");
      }
      case "DateTime" -> {
        switch (name) {
          case "fromISO" -> {
            arity(qualified, args, 1, 1);
            return "$dateParse(" + emit(args.get(0)) + ")";
          }
          case "fromFormat" -> {
            arity(qualified, args, 2, 2);
            return "$dateParse(" + emit(args.get(0)) + ", " + emit(args.get(1)) + ")";
          }
          case "fromMillis" -> {
            arity(qualified, args, 1, 1);
            return "$dateFromMillis(" + emit(args.get(0)) + ")";
          }
          case "fromSeconds" -> {
            arity(qualified, args, 1, 1);
            return "$dateFromMillis(" + wrapOperand(emit(args.get(0))) + " * 1000)";
          }
          case "now" -> {
            arity(qualified, args, 0, 0);
            return "$now";
          }
          default -> throw new Unsupported(qualified + " is not supported");
        }
      }
      case "Number", "String" -> {
        throw new Unsupported(qualified + " is not supported");
      }
      case "Date" -> {
        if (name.equals("now")) {
          arity(qualified, args, 0, 0);
          return "$dateToMillis($now)";
        }
        throw new Unsupported(qualified + " is not supported");
      }
      default -> throw new Unsupported(qualified + " is not supported");
    }
  }

  private String newExpression(New n) {
    if (isIdent(n.callee(), "Date")) {
      if (n.args().isEmpty()) {
        return "$now";
      }
      if (n.args().size() == 1) {
        JsNode a = n.args().get(0);
        if (a instanceof Num) {
          return "$dateFromMillis(" + emit(a) + ")";
        }
        return "$dateParse(" + emit(a) + ")";
      }
      throw new Unsupported("new Date() with several arguments is not supported");
    }
    throw new Unsupported("'new' is only supported for new Date(...)");
  }

  private String method(JsNode target, String name, List<JsNode> args) {
    String call = "." + name + "()";
    switch (name) {
      // ---- dates (Luxon DateTime; Weft dates are ISO strings) ----
      case "plus", "minus" -> {
        arity(call, args, 1, 2);
        String fn = name.equals("plus") ? "$datePlus" : "$dateMinus";
        String d = emit(target);
        if (args.size() == 2) {
          return fn + "(" + d + ", " + emit(args.get(0)) + ", " + unit(args.get(1), call) + ")";
        }
        JsNode a = args.get(0);
        if (a instanceof Obj o) {
          if (o.properties().isEmpty()) {
            return d;
          }
          for (Prop p : o.properties()) {
            if (p.spread() || p.shorthand()) {
              throw new Unsupported(call + " needs a duration object such as {days: 1}");
            }
            String u = DATE_UNITS.get(p.key());
            if (u == null) {
              throw new Unsupported(call + ": unknown duration unit '" + p.key() + "'");
            }
            d = fn + "(" + d + ", " + emit(p.value()) + ", " + quote(u) + ")";
          }
          return d;
        }
        return fn + "(" + d + ", " + emit(a) + ", \"milliseconds\")";
      }
      case "toFormat" -> {
        arity(call, args, 1, 1);
        return "$dateFormat(" + emit(target) + ", " + emit(args.get(0)) + ")";
      }
      case "toISO" -> {
        arity(call, args, 0, 0);
        return emit(target);
      }
      case "toISODate" -> {
        arity(call, args, 0, 0);
        return "$dateFormat(" + emit(target) + ", \"yyyy-MM-dd\")";
      }
      case "toISOString" -> {
        arity(call, args, 0, 0);
        return "$dateFormat(" + emit(target) + ", \"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'\", \"UTC\")";
      }
      case "toMillis", "getTime", "valueOf" -> {
        arity(call, args, 0, 0);
        return "$dateToMillis(" + emit(target) + ")";
      }
      case "toSeconds" -> {
        arity(call, args, 0, 0);
        return "($dateToMillis(" + emit(target) + ") / 1000)";
      }
      case "startOf", "endOf" -> {
        arity(call, args, 1, 1);
        String u = unit(args.get(0), call);
        return (name.equals("startOf") ? "$dateStartOf(" : "$dateEndOf(") + emit(target) + ", "
            + u.substring(0, u.length() - 2) + "\")";
      }
      case "setZone" -> {
        arity(call, args, 1, 1);
        return "$dateSetZone(" + emit(target) + ", " + emit(args.get(0)) + ")";
      }
      // ---- strings and arrays ----
      case "includes" -> {
        arity(call, args, 1, 1);
        return "$includes(" + emit(target) + ", " + emit(args.get(0)) + ")";
      }
      case "startsWith", "endsWith" -> {
        arity(call, args, 1, 1);
        return "$" + name + "(" + emit(target) + ", " + emit(args.get(0)) + ")";
      }
      case "toUpperCase", "toLowerCase" -> {
        arity(call, args, 0, 0);
        return (name.equals("toUpperCase") ? "$uppercase(" : "$lowercase(") + emit(target) + ")";
      }
      case "trim" -> {
        arity(call, args, 0, 0);
        return "$replace(" + emit(target) + ", /^\\s+|\\s+$/, \"\")";
      }
      case "trimStart" -> {
        arity(call, args, 0, 0);
        return "$replace(" + emit(target) + ", /^\\s+/, \"\")";
      }
      case "trimEnd" -> {
        arity(call, args, 0, 0);
        return "$replace(" + emit(target) + ", /\\s+$/, \"\")";
      }
      case "split" -> {
        arity(call, args, 0, 2);
        if (args.isEmpty()) {
          return "[" + emit(target) + "]";
        }
        return "[$split(" + emit(target) + ", " + emit(args.get(0))
            + (args.size() == 2 ? ", " + emit(args.get(1)) : "") + ")]";
      }
      case "join" -> {
        arity(call, args, 0, 1);
        String sep = args.isEmpty() ? "\",\"" : emit(args.get(0));
        return "$join($map(" + emit(target) + ", function($v) { $string($v) }), " + sep + ")";
      }
      case "replace", "replaceAll" -> {
        arity(call, args, 2, 2);
        if (!(args.get(1) instanceof Str) && !(args.get(1) instanceof Template)) {
          if (args.get(1) instanceof Arrow) {
            throw new Unsupported(call + " with a replacer function is not supported");
          }
        }
        return "$replace(" + emit(target) + ", $string(" + emit(args.get(0)) + "), $string(" + emit(args.get(1)) + ")"
            + (name.equals("replace") ? ", 1" : "") + ")";
      }
      case "slice", "substring" -> {
        arity(call, args, 1, 2);
        return slice(target, args, name.equals("substring"));
      }
      case "charAt" -> {
        arity(call, args, 1, 1);
        return "$substring(" + emit(target) + ", " + emit(args.get(0)) + ", 1)";
      }
      case "padStart", "padEnd" -> {
        arity(call, args, 1, 2);
        String width = emit(args.get(0));
        String fill = args.size() == 2 ? ", " + emit(args.get(1)) : "";
        return "$pad($string(" + emit(target) + "), " + (name.equals("padStart") ? "-" + wrapOperand(width) : width)
            + fill + ")";
      }
      case "indexOf" -> {
        arity(call, args, 1, 1);
        return indexOf(target, args.get(0));
      }
      case "concat" -> {
        String t = fresh("t");
        StringBuilder arrays = new StringBuilder(t);
        StringBuilder strings = new StringBuilder(t);
        for (JsNode a : args) {
          String e = emit(a);
          arrays.insert(0, "$append(").append(", ").append(e).append(")");
          strings.append(" & ").append(wrapOperand(e));
        }
        return "(" + t + " := " + emit(target) + "; $type(" + t + ") = \"array\" ? " + arrays + " : " + strings + ")";
      }
      case "reverse" -> {
        arity(call, args, 0, 0);
        return "[$reverse(" + emit(target) + ")]";
      }
      case "toString" -> {
        arity(call, args, 0, 0);
        return "$string(" + emit(target) + ")";
      }
      case "toFixed" -> {
        arity(call, args, 0, 1);
        return "$toFixed(" + emit(target) + ", " + (args.isEmpty() ? "0" : emit(args.get(0))) + ")";
      }
      case "isEmpty" -> {
        arity(call, args, 0, 0);
        return "$isEmpty(" + emit(target) + ")";
      }
      case "isNotEmpty" -> {
        arity(call, args, 0, 0);
        return "$not($isEmpty(" + emit(target) + "))";
      }
      case "hasOwnProperty" -> {
        arity(call, args, 1, 1);
        return "$exists($lookup(" + emit(target) + ", " + emit(args.get(0)) + "))";
      }
      // ---- n8n's data transformation functions ----
      case "toDateTime" -> {
        arity(call, args, 0, 1);
        return args.isEmpty() ? "$dateParse(" + emit(target) + ")"
            : "$dateParse(" + emit(target) + ", " + emit(args.get(0)) + ")";
      }
      case "toNumber" -> {
        arity(call, args, 0, 0);
        return "$number(" + emit(target) + ")";
      }
      case "toJsonString" -> {
        arity(call, args, 0, 0);
        return "$jsonStringify(" + emit(target) + ")";
      }
      case "first", "last" -> {
        arity(call, args, 0, 0);
        return step(emit(target)) + (name.equals("first") ? "[0]" : "[-1]");
      }
      case "sum", "average" -> {
        arity(call, args, 0, 0);
        return "$" + name + "(" + emit(target) + ")";
      }
      case "max", "min" -> {
        arity(call, args, 0, 0);
        return "$" + name + "(" + emit(target) + ")";
      }
      case "unique" -> {
        arity(call, args, 0, 0);
        return "[$distinct(" + emit(target) + ")]";
      }
      case "keys" -> {
        arity(call, args, 0, 0);
        return "[$keys(" + emit(target) + ")]";
      }
      case "map", "filter", "find", "some", "every" -> {
        arity(call, args, 1, 1);
        return higherOrder(name, target, args.get(0));
      }
      default -> throw new Unsupported("method " + call + " has no Weft equivalent");
    }
  }

  private String unit(JsNode node, String call) {
    if (node instanceof Str s) {
      String u = DATE_UNITS.get(s.value());
      if (u == null) {
        throw new Unsupported(call + ": unknown date unit '" + s.value() + "'");
      }
      return quote(u);
    }
    throw new Unsupported(call + " needs the unit as a string literal");
  }

  private String slice(JsNode target, List<JsNode> args, boolean substring) {
    String s = fresh("s");
    String n = fresh("n");
    String a = fresh("a");
    String b = fresh("b");
    String start = emit(args.get(0));
    String end = args.size() == 2 ? emit(args.get(1)) : n;
    String clampA;
    String clampB;
    if (substring) {
      clampA = "$min([$max([" + start + ", 0]), " + n + "])";
      clampB = "$min([$max([" + end + ", 0]), " + n + "])";
    } else {
      clampA = "(" + start + " < 0 ? $max([" + n + " + " + start + ", 0]) : $min([" + start + ", " + n + "]))";
      clampB = "(" + end + " < 0 ? $max([" + n + " + " + end + ", 0]) : $min([" + end + ", " + n + "]))";
    }
    String lo = substring ? "$min([" + a + ", " + b + "])" : a;
    String hi = substring ? "$max([" + a + ", " + b + "])" : b;
    return "(" + s + " := " + emit(target) + "; " + n + " := $type(" + s + ") = \"array\" ? $count(" + s + ") : $length("
        + "$string(" + s + ")); " + a + " := " + clampA + "; " + b + " := " + clampB + "; $type(" + s
        + ") = \"array\" ? [$filter(" + s + ", function($v, $i) { $i >= " + lo + " and $i < " + hi + " })] : "
        + "$substring($string(" + s + "), " + lo + ", $max([" + hi + " - " + lo + ", 0])))";
  }

  private String indexOf(JsNode target, JsNode needle) {
    String s = fresh("s");
    String v = fresh("v");
    String m = fresh("m");
    return "(" + s + " := " + emit(target) + "; " + v + " := " + emit(needle) + "; $type(" + s + ") = \"array\" ? ("
        + m + " := [$filter($map(" + s + ", function($e, $i) { $e = " + v + " ? $i : -1 }), function($x) { $x >= 0 "
        + "})]; $count(" + m + ") > 0 ? " + m + "[0] : -1) : ($contains($string(" + s + "), $string(" + v + ")) ? "
        + "$length($substringBefore($string(" + s + "), $string(" + v + "))) : -1))";
  }

  private String higherOrder(String name, JsNode target, JsNode fn) {
    if (!(fn instanceof Arrow arrow)) {
      throw new Unsupported("." + name + "() needs an arrow function such as x => x.id");
    }
    if (arrow.params().isEmpty() || arrow.params().size() > 2) {
      throw new Unsupported("." + name + "() needs an arrow function with one or two parameters");
    }
    Map<String, String> saved = new HashMap<>(scope);
    List<String> vars = new ArrayList<>();
    for (String p : arrow.params()) {
      String var = fresh(p.replaceAll("[^A-Za-z0-9_]", "_"));
      scope.put(p, var);
      vars.add(var);
    }
    String body;
    try {
      body = emit(arrow.body());
    } finally {
      scope.clear();
      scope.putAll(saved);
    }
    String list = emit(target);
    String params = String.join(", ", vars);
    return switch (name) {
      case "map" -> "[$map(" + list + ", function(" + params + ") { " + body + " })]";
      case "filter" -> "[$filter(" + list + ", function(" + params + ") { $truthy(" + body + ") })]";
      case "find" -> "$filter(" + list + ", function(" + params + ") { $truthy(" + body + ") })[0]";
      case "some" -> "($count($filter(" + list + ", function(" + params + ") { $truthy(" + body + ") })) > 0)";
      default -> "($count($filter(" + list + ", function(" + params + ") { $not($truthy(" + body + ")) })) = 0)";
    };
  }

  // ---- operators ----

  private static String wrapOperand(String expr) {
    return step(expr);
  }

  private String unary(Unary u) {
    return switch (u.op()) {
      case "!" -> "$not($truthy(" + emit(u.operand()) + "))";
      case "-" -> u.operand() instanceof Num n ? "-" + number(n.value()) : "-" + wrapOperand(emit(u.operand()));
      case "+" -> "$number(" + emit(u.operand()) + ")";
      case "typeof" -> "$typeOf(" + emit(u.operand()) + ")";
      case "await" -> throw new Unsupported("'await' is not supported in expressions");
      default -> throw new Unsupported("the operator '" + u.op() + "' is not supported");
    };
  }

  private String binary(Binary b) {
    String op = b.op();
    if (op.equals("===") || op.equals("!==") || op.equals("==") || op.equals("!=")) {
      boolean negate = op.startsWith("!");
      boolean loose = op.length() == 2;
      JsNode other = null;
      if (b.right() instanceof Undefined || loose && b.right() instanceof Null) {
        other = b.left();
      } else if (b.left() instanceof Undefined || loose && b.left() instanceof Null) {
        other = b.right();
      }
      if (other != null) {
        String v = emit(other);
        String missing = loose ? "($not($exists(" + v + ")) or " + wrapOperand(v) + " = null)" : "$not($exists(" + v
            + "))";
        if (negate) {
          return loose ? "$not(" + missing + ")" : "$exists(" + v + ")";
        }
        return missing;
      }
      return "(" + wrapOperand(emit(b.left())) + (negate ? " != " : " = ") + wrapOperand(emit(b.right())) + ")";
    }
    switch (op) {
      case "+" -> {
        return "$plus(" + emit(b.left()) + ", " + emit(b.right()) + ")";
      }
      case "-", "*", "/", "%", "<", ">", "<=", ">=" -> {
        return "(" + wrapOperand(emit(b.left())) + " " + op + " " + wrapOperand(emit(b.right())) + ")";
      }
      case "**" -> {
        return "$power(" + emit(b.left()) + ", " + emit(b.right()) + ")";
      }
      case "&&" -> {
        return "$and(" + emit(b.left()) + ", " + emit(b.right()) + ")";
      }
      case "||" -> {
        return "$or(" + emit(b.left()) + ", " + emit(b.right()) + ")";
      }
      case "??" -> {
        String v = fresh("v");
        return "(" + v + " := " + emit(b.left()) + "; $exists(" + v + ") and " + v + " != null ? " + v + " : "
            + emit(b.right()) + ")";
      }
      default -> throw new Unsupported("the operator '" + op + "' is not supported");
    }
  }
}
