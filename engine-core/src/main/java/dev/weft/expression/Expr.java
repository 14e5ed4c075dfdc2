package dev.weft.expression;

/** One compiled {@code {{ }}} expression. Implementations are immutable and thread-safe. */
interface Expr {
  /** The plain JSON result ({@code null} for null and undefined). */
  Object evaluate(ExpressionScope scope) throws ExpressionException;

  /** Whether the expression reads other nodes' data ({@code $node}, {@code $nodeItems}). */
  boolean referencesOtherNodes();

  /** An empty {@code {{ }}}: always undefined. */
  Expr EMPTY = new Expr() {
    @Override
    public Object evaluate(ExpressionScope scope) {
      return null;
    }

    @Override
    public boolean referencesOtherNodes() {
      return false;
    }
  };
}
