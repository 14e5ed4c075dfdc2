package dev.weft.expression;

/**
 * An expression could not be compiled or evaluated. The message says what went wrong and, when known, in which
 * expression and at which position of the template text ({@code 0}-based character offset).
 */
public class ExpressionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String expression;
  private final int position;

  /** A failure without expression context, e.g. raised by an {@link ExpressionScope} for an unknown node. */
  public ExpressionException(String reason) {
    this(reason, null, -1, null);
  }

  /** A failure without expression context, with its cause. */
  public ExpressionException(String reason, Throwable cause) {
    this(reason, null, -1, cause);
  }

  /**
   * A failure in an expression.
   *
   * @param reason what went wrong
   * @param expression the template text (or the expression) that failed; may be {@code null}
   * @param position the character offset in {@code expression} where it went wrong, or {@code -1}
   * @param cause the underlying exception, or {@code null}
   */
  public ExpressionException(String reason, String expression, int position, Throwable cause) {
    super(compose(reason, expression, position), cause);
    this.reason = reason;
    this.expression = expression;
    this.position = position;
  }

  private static String compose(String reason, String expression, int position) {
    if (expression == null) {
      return reason;
    }
    StringBuilder sb = new StringBuilder(reason);
    sb.append(" in expression '").append(abbreviate(expression)).append('\'');
    if (position >= 0) {
      sb.append(" at position ").append(position);
    }
    return sb.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 297) + "...";
  }

  /** What went wrong, without the expression and position. */
  public String reason() {
    return reason;
  }

  /** The template text that failed, or {@code null} when unknown. */
  public String expression() {
    return expression;
  }

  /** The character offset in {@link #expression()} where it failed, or {@code -1} when unknown. */
  public int position() {
    return position;
  }
}
