package dev.weft.n8n.js;

/** JavaScript that cannot be read: a syntax error, or syntax outside the subset the importer models. */
final class JsSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int position;

  JsSyntaxException(String message, int position) {
    super(message);
    this.position = position;
  }

  /** Character offset in the source where the problem is. */
  int position() {
    return position;
  }
}
