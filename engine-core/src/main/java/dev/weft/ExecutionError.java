package dev.weft;

/**
 * Why an execution failed, located as precisely as known.
 *
 * @param message what went wrong, naming the node
 * @param nodeName the failed node, or {@code null} for a failure of the execution as a whole (a timeout)
 * @param nodeType its type id, or {@code null}
 * @param parameter the parameter at fault, or {@code null}
 * @param itemIndex the item being processed, or -1
 * @param description a longer explanation, or {@code null}
 * @param cause the exception's class name, or {@code null}
 */
public record ExecutionError(
    String message,
    String nodeName,
    String nodeType,
    String parameter,
    int itemIndex,
    String description,
    String cause) {

  @Override
  public String toString() {
    return message;
  }
}
