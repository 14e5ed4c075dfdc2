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

  /**
   * The JSONata for the value the code returns, for code whose result is computed from expressions n8n also allows in
   * parameters ({@code $now}, {@code $runIndex}, {@code '10_' + $runIndex}, ...) rather than being literal data. The
   * program shape is the same: declarations, then {@code return value;}. When the returned value is an array of
   * objects (or one object), items given as {@code {json: {...}}} are unwrapped as n8n does.
   *
   * @throws UntranslatableException when the code has statements other than declarations and a return, or the value
   *     has no JSONata translation
   */
  public static String returnedJsonata(String javaScript) throws UntranslatableException {
    CodeLiterals reader;
    try {
      reader = new CodeLiterals(javaScript);
    } catch (JsSyntaxException e) {
      throw new UntranslatableException(excerpt(javaScript, e.position()), e.getMessage());
    }
    reader.symbolic = true;
    JsNode value = (JsNode) reader.run();
    JsNode items = unwrapItems(value);
    for (JsNode item : ((JsNode.Arr) items).elements()) {
      if (!(item instanceof JsNode.Obj)) {
        throw new UntranslatableException(javaScript, "the returned items are not written out as object literals, so "
            + "their shape depends on logic");
      }
    }
    try {
      return new JsonataEmitter().emit(items);
    } catch (JsonataEmitter.Unsupported e) {
      throw new UntranslatableException(javaScript, e.getMessage());
    }
  }

  /** n8n's item normalisation on the syntax tree: {@code [{json: X}]} becomes {@code [X]}, an object alone a list. */
  private static JsNode unwrapItems(JsNode value) {
    List<JsNode> elements = value instanceof JsNode.Arr a ? a.elements() : List.of(value);
    List<JsNode> out = new ArrayList<>();
    for (JsNode e : elements) {
      if (e instanceof JsNode.Obj o && o.properties().size() == 1 && !o.properties().get(0).spread()
          && "json".equals(o.properties().get(0).key())) {
        out.add(o.properties().get(0).value());
      } else {
        out.add(e);
      }
    }
    return new JsNode.Arr(out);
  }

  /** In symbolic mode declarations keep their syntax trees and the return value is a tree with them substituted. */
  private boolean symbolic;

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
          Object value;
          if (parser.at(";") || parser.atEnd()) {
            value = UNDEFINED;
          } else {
            JsNode returned = parser.expression();
            value = symbolic ? substitute(returned, start) : value(returned, start);
          }
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
      JsNode init = parser.assignment();
      constants.put(name, symbolic ? substitute(init, start) : value(init, start));
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

  /** The tree with declared names replaced by their (already substituted) trees. */
  private JsNode substitute(JsNode node, int start) throws UntranslatableException {
    if (node instanceof JsNode.Ident id) {
      Object declared = constants.get(id.name());
      return declared instanceof JsNode n ? n : node;
    }
    if (node instanceof JsNode.Arr a) {
      List<JsNode> out = new ArrayList<>();
      for (JsNode e : a.elements()) {
        out.add(substitute(e, start));
      }
      return new JsNode.Arr(out);
    }
    if (node instanceof JsNode.Obj o) {
      List<JsNode.Prop> out = new ArrayList<>();
      for (JsNode.Prop p : o.properties()) {
        out.add(new JsNode.Prop(p.key(), substitute(p.value(), start), p.shorthand(), p.spread()));
      }
      return new JsNode.Obj(out);
    }
    if (node instanceof JsNode.Spread sp) {
      return new JsNode.Spread(substitute(sp.argument(), start));
    }
    if (node instanceof JsNode.Binary b) {
      return new JsNode.Binary(b.op(), substitute(b.left(), start), substitute(b.right(), start));
    }
    if (node instanceof JsNode.Unary u) {
      return new JsNode.Unary(u.op(), substitute(u.operand(), start));
    }
    if (node instanceof JsNode.Cond c) {
      return new JsNode.Cond(substitute(c.test(), start), substitute(c.then(), start), substitute(c.otherwise(), start));
    }
    if (node instanceof JsNode.Template t) {
      List<JsNode> out = new ArrayList<>();
      for (JsNode e : t.expressions()) {
        out.add(substitute(e, start));
      }
      return new JsNode.Template(t.texts(), out);
    }
    if (node instanceof JsNode.Assign || node instanceof JsNode.Update) {
      throw new UntranslatableException(statement(start), "an assignment is logic, not data");
    }
    return node;
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
    int parsedTo = parser.peek().pos();
    if (parsedTo > start && parsedTo < end) {
      end = parsedTo; // the statement was read up to here: a declaration without its semicolon
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
