package dev.weft.n8n.js;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads n8n Code and Function node JavaScript that only returns literal data, such as
 * {@code const data = [{id: 1, name: 'a',}]; return data;}, and yields that data as plain Java JSON values.
 *
 * <p>The accepted program is: comments, {@code const}/{@code let}/{@code var} declarations whose values are literals
 * (or earlier declared names), then {@code return value;}. Literals are JavaScript object syntax: unquoted, quoted and
 * numeric keys, shorthand properties naming a declared constant, spread of a declared constant, single- or
 * double-quoted strings, template literals without substitutions, numbers, booleans, {@code null}, {@code undefined}
 * (dropped from objects, {@code null} in arrays, as {@code JSON.stringify} does) and nested arrays and objects.
 * Anything else is logic, reported by an {@link UntranslatableException} naming the statement and why.
 */
public final class CodeLiterals {

  private static final Object UNDEFINED = new Object();

  private final String source;
  private final JsParser parser;
  private final Map<String, Object> constants = new HashMap<>();

  private CodeLiterals(String source) {
    this.source = source;
    this.parser = new JsParser(source);
  }

  /**
   * The value the code returns.
   *
   * @return maps, lists, strings, numbers ({@code Long} or {@code Double}), booleans and {@code null}
   * @throws UntranslatableException when the code is more than literal data
   */
  public static Object returnedValue(String javaScript) throws UntranslatableException {
    CodeLiterals reader;
    try {
      reader = new CodeLiterals(javaScript);
    } catch (JsSyntaxException e) {
      throw new UntranslatableException(excerpt(javaScript, e.position()), e.getMessage());
    }
    return reader.run();
  }

  private Object run() throws UntranslatableException {
    while (true) {
      if (parser.atEnd()) {
        throw new UntranslatableException(source, "the code never returns data");
      }
      if (parser.accept(";")) {
        continue;
      }
      int start = parser.peek().pos();
      try {
        if (parser.atWord("const") || parser.atWord("let") || parser.atWord("var")) {
          parser.next();
          declarations(start);
        } else if (parser.atWord("return")) {
          parser.next();
          Object value = parser.at(";") || parser.atEnd() ? UNDEFINED : value(parser.expression(), start);
          parser.accept(";");
          if (!parser.atEnd()) {
            int after = parser.peek().pos();
            throw new UntranslatableException(excerpt(source, after), "code after the return statement is logic, "
                + "not literal data");
          }
          if (value == UNDEFINED) {
            throw new UntranslatableException(statement(start), "the code returns nothing");
          }
          return value;
        } else {
          String what = parser.peek().kind() == JsLexer.Kind.IDENT && isKeyword(parser.peek().text())
              ? "the '" + parser.peek().text() + "' statement" : "a statement other than a declaration or return";
          throw new UntranslatableException(statement(start), what + " is logic, not literal data");
        }
      } catch (JsSyntaxException e) {
        throw new UntranslatableException(statement(start), e.getMessage());
      }
    }
  }

  private static boolean isKeyword(String word) {
    return switch (word) {
      case "if", "for", "while", "do", "switch", "try", "throw", "function", "class", "async", "await" -> true;
      default -> false;
    };
  }

  private void declarations(int start) throws UntranslatableException {
    while (true) {
      String name = parser.expectIdentifier();
      if (!parser.accept("=")) {
        throw new UntranslatableException(statement(start), "'" + name + "' is declared without a literal value");
      }
      constants.put(name, value(parser.assignment(), start));
      if (!parser.accept(",")) {
        break;
      }
    }
    if (!parser.accept(";") && !parser.atEnd() && !parser.atWord("return") && !parser.atWord("const")
        && !parser.atWord("let") && !parser.atWord("var")) {
      throw new UntranslatableException(statement(start), "unexpected " + parser.peek() + " after the declaration");
    }
  }

  private Object value(JsNode node, int start) throws UntranslatableException {
    if (node instanceof JsNode.Num n) {
      return n.value();
    }
    if (node instanceof JsNode.Str s) {
      return s.value();
    }
    if (node instanceof JsNode.Bool b) {
      return b.value();
    }
    if (node instanceof JsNode.Null) {
      return null;
    }
    if (node instanceof JsNode.Undefined) {
      return UNDEFINED;
    }
    if (node instanceof JsNode.Template t) {
      if (!t.expressions().isEmpty()) {
        throw new UntranslatableException(statement(start), "a template literal with ${...} substitutions is computed, "
            + "not literal data");
      }
      return t.texts().get(0);
    }
    if (node instanceof JsNode.Unary u && u.op().equals("-") && u.operand() instanceof JsNode.Num n) {
      return n.value() instanceof Double d ? (Object) (-d) : (Object) (-n.value().longValue());
    }
    if (node instanceof JsNode.Unary u && u.op().equals("+") && u.operand() instanceof JsNode.Num n) {
      return n.value();
    }
    if (node instanceof JsNode.Ident id) {
      if (constants.containsKey(id.name())) {
        return constants.get(id.name());
      }
      throw new UntranslatableException(statement(start), "'" + id.name() + "' is not literal data"
          + (id.name().startsWith("$") || id.name().equals("items") || id.name().equals("item")
              ? " (it reads the execution's data)" : " (it is not a constant declared above)"));
    }
    if (node instanceof JsNode.Arr a) {
      List<Object> list = new ArrayList<>();
      for (JsNode e : a.elements()) {
        if (e instanceof JsNode.Spread s) {
          Object spread = value(s.argument(), start);
          if (!(spread instanceof List<?> items)) {
            throw new UntranslatableException(statement(start), "only arrays can be spread into an array");
          }
          list.addAll(items);
        } else {
          Object v = value(e, start);
          list.add(v == UNDEFINED ? null : v);
        }
      }
      return list;
    }
    if (node instanceof JsNode.Obj o) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (JsNode.Prop p : o.properties()) {
        if (p.spread()) {
          Object spread = value(p.value(), start);
          if (!(spread instanceof Map<?, ?> m)) {
            throw new UntranslatableException(statement(start), "only objects can be spread into an object");
          }
          for (Map.Entry<?, ?> e : m.entrySet()) {
            map.put(String.valueOf(e.getKey()), e.getValue());
          }
          continue;
        }
        Object v = value(p.value(), start);
        if (v == UNDEFINED) {
          map.remove(p.key());
        } else {
          map.put(p.key(), v);
        }
      }
      return map;
    }
    String kind;
    if (node instanceof JsNode.Call) {
      kind = "a function call";
    } else if (node instanceof JsNode.New) {
      kind = "'new'";
    } else if (node instanceof JsNode.Member || node instanceof JsNode.Index) {
      kind = "reading a property";
    } else if (node instanceof JsNode.Binary b) {
      kind = "the operator '" + b.op() + "'";
    } else if (node instanceof JsNode.Cond) {
      kind = "a conditional";
    } else if (node instanceof JsNode.Arrow) {
      kind = "a function";
    } else {
      kind = "this expression";
    }
    throw new UntranslatableException(statement(start), kind + " is computed, not literal data");
  }

  /** The source of the statement starting at {@code start}, up to its end or a sensible length. */
  private String statement(int start) {
    int end = source.indexOf(';', start);
    int newline = source.indexOf('\n', start);
    if (end < 0 || newline >= 0 && newline < end && source.substring(start, newline).strip().endsWith(")")) {
      end = newline;
    }
    if (end < 0) {
      end = source.length();
    }
    String text = source.substring(start, Math.min(end, start + 200)).strip();
    return end - start > 200 ? text + "…" : text;
  }

  private static String excerpt(String source, int pos) {
    int start = Math.max(0, Math.min(pos, source.length()));
    int end = source.indexOf('\n', start);
    return source.substring(start, end < 0 ? source.length() : end).strip();
  }
}
