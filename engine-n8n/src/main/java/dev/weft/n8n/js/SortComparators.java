package dev.weft.n8n.js;

import java.util.HashMap;
import java.util.Map;

/**
 * Recognises the one shape of JavaScript sort comparator that says no more than "order by this field": n8n's own
 * template for the Sort node's code,
 *
 * <pre>
 * fieldName = 'id';
 * if (a.json[fieldName] &lt; b.json[fieldName]) { return -1; }
 * if (a.json[fieldName] &gt; b.json[fieldName]) { return 1; }
 * return 0;
 * </pre>
 *
 * with the field named by a string constant, a literal key or a property ({@code a.json.id}), either operand first,
 * and the signs giving ascending or descending order. Anything else is logic, reported by an
 * {@link UntranslatableException} naming the statement and why.
 */
public final class SortComparators {

  /** The field a comparator orders by, and whether it orders from the largest value down. */
  public record FieldOrder(String field, boolean descending) {}

  private final String source;
  private final JsParser parser;
  private final Map<String, String> constants = new HashMap<>();
  private Integer whenALess;
  private Integer whenAGreater;
  private String field;

  private SortComparators(String source) {
    this.source = source;
    this.parser = new JsParser(source);
  }

  /**
   * The field order {@code code} (the body of {@code (a, b) => { ... }}) amounts to.
   *
   * @throws UntranslatableException when the code does anything but compare one field of {@code a.json} and
   *     {@code b.json}
   */
  public static FieldOrder fieldOrder(String code) throws UntranslatableException {
    try {
      return new SortComparators(code).run();
    } catch (JsSyntaxException e) {
      throw new UntranslatableException(code, e.getMessage());
    }
  }

  private FieldOrder run() throws UntranslatableException {
    while (!parser.atEnd()) {
      if (parser.accept(";")) {
        continue;
      }
      int start = parser.peek().pos();
      if (parser.atWord("if")) {
        parser.next();
        rule(start);
      } else if (parser.atWord("return")) {
        parser.next();
        JsNode value = parser.expression();
        parser.accept(";");
        if (!(value instanceof JsNode.Num n) || n.value().doubleValue() != 0) {
          throw logic(start, "the comparator's last return is not 0");
        }
        while (parser.accept(";")) {
          // trailing semicolons
        }
        if (!parser.atEnd()) {
          throw logic(parser.peek().pos(), "code after the last return is logic");
        }
        return result(start);
      } else {
        constant(start);
      }
    }
    throw new UntranslatableException(source, "the comparator never returns 0 for equal values");
  }

  /** {@code [const|let|var] name = 'text'}. */
  private void constant(int start) throws UntranslatableException {
    if (parser.atWord("const") || parser.atWord("let") || parser.atWord("var")) {
      parser.next();
    }
    JsNode node = parser.expression();
    parser.accept(";");
    if (node instanceof JsNode.Assign a && a.op().equals("=") && a.target() instanceof JsNode.Ident id
        && a.value() instanceof JsNode.Str s) {
      constants.put(id.name(), s.value());
      return;
    }
    throw logic(start, "only a field-name constant, two comparisons and 'return 0' make a field comparator");
  }

  /** {@code if (a.json[f] < b.json[f]) { return -1; }} and its variants. */
  private void rule(int start) throws UntranslatableException {
    parser.expect("(");
    JsNode test = parser.expression();
    parser.expect(")");
    boolean braces = parser.accept("{");
    if (!parser.atWord("return")) {
      throw logic(start, "the 'if' does more than return -1 or 1");
    }
    parser.next();
    JsNode returned = parser.expression();
    parser.accept(";");
    if (braces) {
      parser.expect("}");
    }
    int sign = sign(returned, start);
    if (!(test instanceof JsNode.Binary b) || !(b.op().equals("<") || b.op().equals(">"))) {
      throw logic(start, "the 'if' does not compare with < or >");
    }
    String left = operand(b.left(), start);
    String right = operand(b.right(), start);
    if (left.equals(right) || left.charAt(0) == right.charAt(0)) {
      throw logic(start, "the comparison does not set a against b");
    }
    String key = left.substring(2);
    if (!key.equals(right.substring(2)) || field != null && !field.equals(key)) {
      throw logic(start, "the comparator compares more than one field");
    }
    field = key;
    boolean aFirst = left.charAt(0) == 'a';
    boolean aLess = b.op().equals("<") == aFirst;
    if (aLess) {
      whenALess = sign;
    } else {
      whenAGreater = sign;
    }
  }

  /** {@code a.json[key]} or {@code b.json.key} as "a:key" / "b:key". */
  private String operand(JsNode node, int start) throws UntranslatableException {
    JsNode object;
    String key;
    if (node instanceof JsNode.Index i) {
      object = i.object();
      if (i.index() instanceof JsNode.Str s) {
        key = s.value();
      } else if (i.index() instanceof JsNode.Ident id && constants.containsKey(id.name())) {
        key = constants.get(id.name());
      } else {
        throw logic(start, "the field is not named by text or a text constant");
      }
    } else if (node instanceof JsNode.Member m) {
      object = m.object();
      key = m.name();
    } else {
      throw logic(start, "the comparison reads something other than a field of a.json or b.json");
    }
    if (object instanceof JsNode.Member json && json.name().equals("json")
        && json.object() instanceof JsNode.Ident item && (item.name().equals("a") || item.name().equals("b"))) {
      return item.name() + ":" + key;
    }
    throw logic(start, "the comparison reads something other than a field of a.json or b.json");
  }

  private int sign(JsNode node, int start) throws UntranslatableException {
    if (node instanceof JsNode.Num n && n.value().doubleValue() == 1) {
      return 1;
    }
    if (node instanceof JsNode.Unary u && u.op().equals("-") && u.operand() instanceof JsNode.Num n
        && n.value().doubleValue() == 1) {
      return -1;
    }
    throw logic(start, "the 'if' returns something other than -1 or 1");
  }

  private FieldOrder result(int start) throws UntranslatableException {
    if (field == null || whenALess == null || whenAGreater == null || whenALess.equals(whenAGreater)) {
      throw logic(start, "the comparator does not order both ways (less and greater) by one field");
    }
    return new FieldOrder(field, whenALess == 1);
  }

  private UntranslatableException logic(int pos, String why) {
    int end = source.indexOf('\n', pos);
    String excerpt = source.substring(pos, end < 0 ? source.length() : end).strip();
    return new UntranslatableException(excerpt, "a JavaScript sort comparator is logic: " + why);
  }
}
