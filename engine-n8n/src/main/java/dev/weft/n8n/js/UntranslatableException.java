package dev.weft.n8n.js;

/**
 * JavaScript the importer cannot turn into Weft: an expression with no JSONata equivalent, or Code node logic that
 * is more than literal data. The message names the JavaScript and the reason; the importer adds node and parameter.
 */
public final class UntranslatableException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String javaScript;
  private final String reason;

  /**
   * An untranslatable piece of JavaScript.
   *
   * @param javaScript the JavaScript text at fault (the whole expression or statement)
   * @param reason why it cannot be translated
   */
  public UntranslatableException(String javaScript, String reason) {
    super("cannot translate `" + javaScript.strip() + "`: " + reason);
    this.javaScript = javaScript.strip();
    this.reason = reason;
  }

  /** The JavaScript text at fault. */
  public String javaScript() {
    return javaScript;
  }

  /** Why it cannot be translated. */
  public String reason() {
    return reason;
  }
}
