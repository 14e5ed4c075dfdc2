package dev.weft.n8n.js;

import dev.weft.n8n.js.JsLexer.Kind;
import dev.weft.n8n.js.JsLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Pratt parser for JavaScript expressions. It also offers the token-level helpers the literal Code reader needs to
 * walk simple statements ({@link #atWord}, {@link #expect}, ...).
 */
final class JsParser {

  private static final Map<String, Integer> BINARY = Map.ofEntries(
      Map.entry("??", 4), Map.entry("||", 5), Map.entry("&&", 6), Map.entry("|", 7), Map.entry("^", 8),
      Map.entry("&", 9), Map.entry("==", 10), Map.entry("!=", 10), Map.entry("===", 10), Map.entry("!==", 10),
      Map.entry("<", 11), Map.entry(">", 11), Map.entry("<=", 11), Map.entry(">=", 11),
      Map.entry("instanceof", 11), Map.entry("in", 11), Map.entry("<<", 12), Map.entry(">>", 12),
      Map.entry(">>>", 12), Map.entry("+", 13), Map.entry("-", 13), Map.entry("*", 14), Map.entry("/", 14),
      Map.entry("%", 14), Map.entry("**", 15));

  private static final int ASSIGN = 2;
  private static final int CONDITIONAL = 3;
  private static final int PREFIX = 16;

  private final List<Token> tokens;
  private int index;

  JsParser(String source) {
    this.tokens = JsLexer.tokenize(source);
  }

  /** Parses a whole expression; trailing input is an error. */
  static JsNode parseExpression(String source) {
    JsParser p = new JsParser(source);
    JsNode node = p.expression();
    if (p.peek().kind() != Kind.EOF) {
      throw new JsSyntaxException("unexpected " + p.peek() + " after the expression", p.peek().pos());
    }
    return node;
  }

  // ---- token helpers ----

  Token peek() {
    return tokens.get(index);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  Token next() {
    Token t = tokens.get(index);
    if (t.kind() != Kind.EOF) {
      index++;
    }
    return t;
  }

  boolean at(String punct) {
    return peek().is(punct);
  }

  boolean atWord(String word) {
    return peek().isWord(word);
  }

  boolean atEnd() {
    return peek().kind() == Kind.EOF;
  }

  boolean accept(String punct) {
    if (at(punct)) {
      index++;
      return true;
    }
    return false;
  }

  Token expect(String punct) {
    if (!at(punct)) {
      throw new JsSyntaxException("expected '" + punct + "' but found " + peek(), peek().pos());
    }
    return next();
  }

  String expectIdentifier() {
    Token t = peek();
    if (t.kind() != Kind.IDENT) {
      throw new JsSyntaxException("expected a name but found " + t, t.pos());
    }
    index++;
    return t.text();
  }

  // ---- expressions ----

  /** An expression including the comma operator. */
  JsNode expression() {
    JsNode first = assignment();
    if (!at(",")) {
      return first;
    }
    List<JsNode> list = new ArrayList<>();
    list.add(first);
    while (accept(",")) {
      list.add(assignment());
    }
    return new JsNode.Seq(List.copyOf(list));
  }

  /** An expression without the comma operator (an argument, an array element, an initializer). */
  JsNode assignment() {
    return parse(ASSIGN);
  }

  private JsNode parse(int minPower) {
    JsNode left = prefix();
    while (true) {
      Token t = peek();
      String op = t.kind() == Kind.PUNCT || t.isWord("instanceof") || t.isWord("in") ? t.text() : null;
      if (op == null) {
        return left;
      }
      if (op.equals("?") && minPower <= CONDITIONAL) {
        next();
        JsNode then = parse(ASSIGN);
        expect(":");
        JsNode otherwise = parse(ASSIGN);
        left = new JsNode.Cond(left, then, otherwise);
        continue;
      }
      if (isAssignment(op) && minPower <= ASSIGN) {
        next();
        left = new JsNode.Assign(op, left, parse(ASSIGN));
        continue;
      }
      Integer power = BINARY.get(op);
      if (power == null || power < minPower) {
        return left;
      }
      next();
      JsNode right = op.equals("**") ? parse(power) : parse(power + 1);
      left = new JsNode.Binary(op, left, right);
    }
  }

  private static boolean isAssignment(String op) {
    return switch (op) {
      case "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=" -> true;
      default -> false;
    };
  }

  private JsNode prefix() {
    Token t = peek();
    if (t.kind() == Kind.PUNCT) {
      switch (t.text()) {
        case "!", "-", "+", "~" -> {
          next();
          return new JsNode.Unary(t.text(), parse(PREFIX));
        }
        case "++", "--" -> {
          next();
          return new JsNode.Update(t.text() + "prefix", parse(PREFIX));
        }
        default -> { }
      }
    } else if (t.isWord("typeof") || t.isWord("void") || t.isWord("delete") || t.isWord("await")) {
      next();
      return new JsNode.Unary(t.text(), parse(PREFIX));
    }
    return postfix(primary());
  }

  private JsNode postfix(JsNode node) {
    while (true) {
      if (accept(".") || accept("?.")) {
        if (at("(")) {
          node = new JsNode.Call(node, arguments());
          continue;
        }
        if (at("[")) {
          next();
          JsNode idx = expression();
          expect("]");
          node = new JsNode.Index(node, idx);
          continue;
        }
        Token name = next();
        if (name.kind() != Kind.IDENT) {
          throw new JsSyntaxException("expected a property name after '.' but found " + name, name.pos());
        }
        node = new JsNode.Member(node, name.text());
      } else if (at("[")) {
        next();
        JsNode idx = expression();
        expect("]");
        node = new JsNode.Index(node, idx);
      } else if (at("(")) {
        node = new JsNode.Call(node, arguments());
      } else if (at("++") || at("--")) {
        node = new JsNode.Update(next().text() + "postfix", node);
      } else if (peek().kind() == Kind.TEMPLATE) {
        throw new JsSyntaxException("tagged template literals are not supported", peek().pos());
      } else {
        return node;
      }
    }
  }

  private List<JsNode> arguments() {
    expect("(");
    List<JsNode> args = new ArrayList<>();
    while (!at(")")) {
      if (accept("...")) {
        args.add(new JsNode.Spread(assignment()));
      } else {
        args.add(assignment());
      }
      if (!accept(",")) {
        break;
      }
    }
    expect(")");
    return List.copyOf(args);
  }

  private JsNode primary() {
    Token t = next();
    switch (t.kind()) {
      case NUMBER:
        return new JsNode.Num((Number) t.value());
      case STRING:
        return new JsNode.Str((String) t.value());
      case TEMPLATE:
        return template(t);
      case EOF:
        throw new JsSyntaxException("the expression ends too early", t.pos());
      case IDENT:
        return identifier(t);
      default:
        break;
    }
    switch (t.text()) {
      case "(" -> {
        if (arrowAhead(index - 1)) {
          index--;
          return arrow();
        }
        JsNode inner = expression();
        expect(")");
        return inner;
      }
      case "[" -> {
        List<JsNode> elements = new ArrayList<>();
        while (!at("]")) {
          if (at(",")) {
            throw new JsSyntaxException("array holes are not supported", peek().pos());
          }
          elements.add(accept("...") ? new JsNode.Spread(assignment()) : assignment());
          if (!accept(",")) {
            break;
          }
        }
        expect("]");
        return new JsNode.Arr(List.copyOf(elements));
      }
      case "{" -> {
        return object();
      }
      default -> throw new JsSyntaxException("unexpected " + t, t.pos());
    }
  }

  private JsNode identifier(Token t) {
    switch (t.text()) {
      case "true":
        return new JsNode.Bool(true);
      case "false":
        return new JsNode.Bool(false);
      case "null":
        return new JsNode.Null();
      case "undefined":
        return new JsNode.Undefined();
      case "new": {
        JsNode callee = primary();
        while (accept(".")) {
          callee = new JsNode.Member(callee, expectIdentifier());
        }
        List<JsNode> args = at("(") ? arguments() : List.of();
        return new JsNode.New(callee, args);
      }
      case "function":
        throw new JsSyntaxException("function expressions are not supported", t.pos());
      case "async":
        throw new JsSyntaxException("async functions are not supported", t.pos());
      case "this":
        throw new JsSyntaxException("'this' is not supported", t.pos());
      case "class":
        throw new JsSyntaxException("classes are not supported", t.pos());
      default:
        break;
    }
    if (at("=>")) {
      next();
      return new JsNode.Arrow(List.of(t.text()), arrowBody());
    }
    return new JsNode.Ident(t.text());
  }

  /** Whether the '(' at {@code open} starts an arrow function's parameter list. */
  private boolean arrowAhead(int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Kind.EOF) {
        return false;
      }
      if (t.is("(") || t.is("[") || t.is("{")) {
        depth++;
      } else if (t.is(")") || t.is("]") || t.is("}")) {
        depth--;
        if (depth == 0) {
          return i + 1 < tokens.size() && tokens.get(i + 1).is("=>");
        }
      }
    }
    return false;
  }

  private JsNode arrow() {
    expect("(");
    List<String> params = new ArrayList<>();
    while (!at(")")) {
      Token p = peek();
      if (p.kind() != Kind.IDENT) {
        throw new JsSyntaxException("arrow function parameters other than plain names (destructuring, defaults) "
            + "are not supported", p.pos());
      }
      params.add(next().text());
      if (at("=")) {
        throw new JsSyntaxException("default parameter values are not supported", peek().pos());
      }
      if (!accept(",")) {
        break;
      }
    }
    expect(")");
    expect("=>");
    return new JsNode.Arrow(List.copyOf(params), arrowBody());
  }

  private JsNode arrowBody() {
    if (at("{")) {
      throw new JsSyntaxException("arrow functions with a block body are not supported", peek().pos());
    }
    return assignment();
  }

  private JsNode object() {
    List<JsNode.Prop> props = new ArrayList<>();
    while (!at("}")) {
      if (accept("...")) {
        props.add(new JsNode.Prop(null, assignment(), false, true));
      } else {
        Token keyToken = next();
        String key;
        switch (keyToken.kind()) {
          case IDENT, STRING -> key = (String) keyToken.value();
          case NUMBER -> key = numberKey((Number) keyToken.value());
          default -> {
            if (keyToken.is("[")) {
              throw new JsSyntaxException("computed property names are not supported", keyToken.pos());
            }
            throw new JsSyntaxException("expected a property name but found " + keyToken, keyToken.pos());
          }
        }
        if (accept(":")) {
          props.add(new JsNode.Prop(key, assignment(), false, false));
        } else if (at("(")) {
          throw new JsSyntaxException("methods in object literals are not supported", peek().pos());
        } else if (keyToken.kind() == Kind.IDENT) {
          props.add(new JsNode.Prop(key, new JsNode.Ident(key), true, false));
        } else {
          throw new JsSyntaxException("expected ':' after property name " + keyToken, peek().pos());
        }
      }
      if (!accept(",")) {
        break;
      }
    }
    expect("}");
    return new JsNode.Obj(List.copyOf(props));
  }

  private static String numberKey(Number n) {
    if (n instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString(d.longValue());
    }
    return n.toString();
  }

  private static JsNode template(Token t) {
    List<String> parts = t.parts();
    List<String> texts = new ArrayList<>();
    List<JsNode> expressions = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (i % 2 == 0) {
        texts.add(parts.get(i));
      } else {
        try {
          expressions.add(parseExpression(parts.get(i)));
        } catch (JsSyntaxException e) {
          throw new JsSyntaxException(e.getMessage() + " (inside ${" + parts.get(i) + "})", t.pos());
        }
      }
    }
    return new JsNode.Template(List.copyOf(texts), List.copyOf(expressions));
  }
}
