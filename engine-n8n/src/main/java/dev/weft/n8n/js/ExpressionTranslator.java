package dev.weft.n8n.js;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates n8n parameter expressions into Weft templates.
 *
 * <p>An n8n parameter string that starts with {@code =} is a template whose {@code {{ }}} segments hold JavaScript. The
 * Weft template keeps the text between the segments and holds JSONata inside {@code {{ }}}; a value that is exactly one
 * segment keeps the type of its result in both. Each segment is parsed (tokenizer and Pratt parser, never regular
 * expressions) and translated node by node: n8n's data accessors ({@code $json}, {@code $node["X"].json},
 * {@code $('X').item.json}, {@code $input}, {@code $items()}), Luxon dates, {@code Math}, {@code JSON}, operators with
 * JavaScript's semantics and the common string and array methods.
 */
public final class ExpressionTranslator {

  private ExpressionTranslator() {}

  /** Whether an n8n parameter value is an expression (a string starting with {@code =}). */
  public static boolean isExpression(Object value) {
    return value instanceof String s && s.startsWith("=");
  }

  /**
   * Translates an n8n expression value (starting with {@code =}) into a Weft template.
   *
   * @throws UntranslatableException naming the first {@code {{ }}} segment that cannot be translated and why
   */
  public static String translateTemplate(String n8nValue) throws UntranslatableException {
    String body = n8nValue.startsWith("=") ? n8nValue.substring(1) : n8nValue;
    StringBuilder out = new StringBuilder();
    for (Segment seg : segments(body)) {
      if (seg.code() == null) {
        out.append(seg.text());
      } else {
        out.append("{{ ").append(translateExpression(seg.code())).append(" }}");
      }
    }
    return out.toString();
  }

  /**
   * Fixed text as a Weft parameter value: unchanged, unless it contains {@code {{}, which Weft would read as an
   * expression; then it becomes a template whose only expression is the text as a JSONata string literal.
   */
  public static String literalText(String text) {
    return text.contains("{{") ? "{{ " + JsonataEmitter.quote(text) + " }}" : text;
  }

  /**
   * Translates one JavaScript expression (the inside of a {@code {{ }}}) into JSONata.
   *
   * @throws UntranslatableException when it cannot be parsed or has no Weft equivalent
   */
  public static String translateExpression(String javaScript) throws UntranslatableException {
    if (javaScript.isBlank()) {
      throw new UntranslatableException(javaScript, "the expression is empty");
    }
    JsNode tree;
    try {
      tree = JsParser.parseExpression(javaScript);
    } catch (JsSyntaxException e) {
      throw new UntranslatableException(javaScript, e.getMessage() + " at character " + (e.position() + 1));
    }
    try {
      return new JsonataEmitter().emit(tree);
    } catch (JsonataEmitter.Unsupported e) {
      throw new UntranslatableException(javaScript, e.getMessage());
    }
  }

  /** A piece of an n8n template: literal text ({@code code == null}) or the JavaScript of a {@code {{ }}}. */
  record Segment(String text, String code) {}

  /**
   * Splits an n8n template into text and {@code {{ }}} segments. The closing {@code }}} is found by scanning the
   * JavaScript (strings, template literals and nested braces), so {@code {{ {a: {b: 1}} }}} is one segment.
   */
  static List<Segment> segments(String template) throws UntranslatableException {
    List<Segment> out = new ArrayList<>();
    int pos = 0;
    while (pos < template.length()) {
      int open = template.indexOf("{{", pos);
      if (open < 0) {
        out.add(new Segment(template.substring(pos), null));
        break;
      }
      if (open > pos) {
        out.add(new Segment(template.substring(pos, open), null));
      }
      int close = closing(template, open + 2);
      if (close < 0) {
        throw new UntranslatableException(template.substring(open), "the '{{' is never closed with '}}'");
      }
      out.add(new Segment(null, template.substring(open + 2, close)));
      pos = close + 2;
    }
    return out;
  }

  /** Position of the {@code }}} that closes a segment whose code starts at {@code p}, or -1. */
  private static int closing(String s, int p) {
    int depth = 0;
    while (p < s.length()) {
      char c = s.charAt(p);
      if (c == '"' || c == '\'' || c == '`') {
        int end = p + 1;
        while (end < s.length() && s.charAt(end) != c) {
          end += s.charAt(end) == '\\' ? 2 : 1;
        }
        if (end >= s.length()) {
          return -1;
        }
        p = end + 1;
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0 && p + 1 < s.length() && s.charAt(p + 1) == '}') {
          return p;
        }
        if (depth > 0) {
          depth--;
        }
      }
      p++;
    }
    return -1;
  }
}
