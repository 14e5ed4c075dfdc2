package dev.weft.workflow;

/**
 * One thing wrong with a workflow, located as precisely as known.
 *
 * @param node the node's name, or {@code null} for the workflow as a whole
 * @param parameter the parameter path inside the node ({@code options.timeout}), or {@code null}
 * @param message what is wrong
 */
public record Problem(String node, String parameter, String message) {

  /** A problem of the workflow as a whole. */
  public static Problem workflow(String message) {
    return new Problem(null, null, message);
  }

  /** A problem of a node. */
  public static Problem node(String node, String message) {
    return new Problem(node, null, message);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (node != null) {
      sb.append("node '").append(node).append("'");
      if (parameter != null) {
        sb.append(", parameter '").append(parameter).append("'");
      }
      sb.append(": ");
    }
    return sb.append(message).toString();
  }
}
