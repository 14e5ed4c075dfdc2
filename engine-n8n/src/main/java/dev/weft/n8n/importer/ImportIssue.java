package dev.weft.n8n.importer;

/**
 * Something in an n8n workflow the importer could not carry over, located as precisely as known.
 *
 * @param kind what sort of problem it is
 * @param node the n8n node's name, or {@code null} for the workflow as a whole
 * @param nodeType the n8n node type with its version ({@code n8n-nodes-base.set@3.4}), or {@code null}
 * @param parameter the parameter path inside the node ({@code conditions.string[0].value1}), or {@code null}
 * @param javaScript the JavaScript at fault, or {@code null}
 * @param message what is wrong and why
 */
public record ImportIssue(Kind kind, String node, String nodeType, String parameter, String javaScript,
    String message) {

  /** The kinds of import problem. */
  public enum Kind {
    /** The workflow JSON is not an n8n workflow (missing or malformed keys). */
    INVALID,
    /** No Weft node maps this n8n node type, type version or operation. */
    UNSUPPORTED_NODE,
    /** A parameter's value or option has no Weft equivalent. */
    UNSUPPORTED_PARAMETER,
    /** An expression's JavaScript has no JSONata translation. */
    UNTRANSLATABLE_EXPRESSION,
    /** A Code or Function node runs real logic rather than returning literal data. */
    UNSUPPORTED_CODE
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (node != null) {
      sb.append("node '").append(node).append("'");
      if (nodeType != null) {
        sb.append(" (").append(nodeType).append(")");
      }
      if (parameter != null) {
        sb.append(", parameter '").append(parameter).append("'");
      }
      sb.append(": ");
    }
    return sb.append(message).toString();
  }
}
