package dev.weft.expression;

/** Shared helpers for the expression tests. */
final class Expressions {
  static final ExpressionEngine ENGINE = new ExpressionEngine(ExpressionLimits.defaults());

  private Expressions() {}

  /** Compiles and evaluates {@code template} against {@code scope}. */
  static Object eval(String template, ExpressionScope scope) throws ExpressionException {
    return ENGINE.compile(template).evaluate(scope);
  }

  /** Evaluates against an item with no fields. */
  static Object eval(String template) throws ExpressionException {
    return eval(template, new TestScope());
  }
}
