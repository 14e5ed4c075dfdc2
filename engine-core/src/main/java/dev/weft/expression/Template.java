package dev.weft.expression;

import java.util.List;

/**
 * A compiled parameter value: literal text with {@code {{ }}} expressions in it. Immutable and thread-safe; compile
 * once with {@link ExpressionEngine#compile(String)}, evaluate per item.
 *
 * <p>A template that is exactly one expression ({@code "{{ $json.total }}"}, surrounding whitespace aside) yields the
 * expression's value with its type: a number, boolean, object, list, string or {@code null}. Any other template
 * yields a string in which each expression's value is written: nothing for null, numbers as JavaScript prints them
 * ({@code 1}, {@code 0.30000000000000004}), objects and lists as compact JSON.
 */
public final class Template {
  private final String source;
  private final String[] literals; // literals[i] precedes exprs[i]; literals[exprs.length] is the tail
  private final Expr[] exprs;
  private final boolean single;
  private final boolean otherNodes;
  private final int maxChars;

  Template(String source, String[] literals, Expr[] exprs, boolean single, int maxChars) {
    this.source = source;
    this.literals = literals;
    this.exprs = exprs;
    this.single = single;
    this.maxChars = maxChars;
    boolean refs = false;
    for (Expr e : exprs) {
      refs |= e.referencesOtherNodes();
    }
    this.otherNodes = refs;
  }

  /**
   * Evaluates the template for one item.
   *
   * @return for a single expression its plain JSON value ({@code Map}, {@code List}, {@code String}, {@code Long},
   *     {@code Double}, {@code Boolean} or {@code null}); otherwise a {@code String}
   * @throws ExpressionException naming the expression and why it failed
   */
  public Object evaluate(ExpressionScope scope) throws ExpressionException {
    if (single) {
      return exprs[0].evaluate(scope);
    }
    if (exprs.length == 0) {
      return literals[0];
    }
    StringBuilder out = new StringBuilder(source.length() + 16);
    for (int i = 0; i < exprs.length; i++) {
      out.append(literals[i]);
      out.append(Values.templateText(exprs[i].evaluate(scope)));
      if (out.length() > maxChars) {
        throw new ExpressionException("the text is longer than the limit of " + maxChars + " characters", source, -1,
            null);
      }
    }
    out.append(literals[exprs.length]);
    return out.toString();
  }

  /** Whether the template is exactly one {@code {{ }}} and nothing else but whitespace (its value keeps its type). */
  public boolean isSingleExpression() {
    return single;
  }

  /** The template text as written. */
  public String source() {
    return source;
  }

  /**
   * Whether an expression reads other nodes' data ({@code $node(…)}, {@code $nodeItems(…)}), so the executor must keep
   * their run data until this template has run.
   */
  public boolean referencesOtherNodes() {
    return otherNodes;
  }

  /** The expressions' count, for tests. */
  int expressionCount() {
    return exprs.length;
  }

  /** The compiled expressions, for tests. */
  List<Expr> expressions() {
    return List.of(exprs);
  }

  @Override
  public String toString() {
    return "Template[" + source + "]";
  }
}
