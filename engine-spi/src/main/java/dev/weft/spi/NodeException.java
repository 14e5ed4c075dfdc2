package dev.weft.spi;

/**
 * A failure a user can act on. Say what was wrong in the message; name the parameter and the item where they are
 * known. The engine adds the node's name and type and reports the whole to the user.
 */
public class NodeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String parameter;
  private final int itemIndex;
  private final String description;

  /** A failure not tied to a parameter or item. */
  public NodeException(String message) {
    this(message, null, -1, null, null);
  }

  /** A failure not tied to a parameter or item, with its cause. */
  public NodeException(String message, Throwable cause) {
    this(message, null, -1, null, cause);
  }

  /**
   * A failure in full.
   *
   * @param message what went wrong
   * @param parameter the parameter at fault, or {@code null}
   * @param itemIndex the item being processed, or -1
   * @param description a longer explanation or a hint at the fix, or {@code null}
   * @param cause the underlying exception, or {@code null}
   */
  public NodeException(String message, String parameter, int itemIndex, String description, Throwable cause) {
    super(message, cause);
    this.parameter = parameter;
    this.itemIndex = itemIndex;
    this.description = description;
  }

  /** A bad parameter value. */
  public static NodeException parameter(String parameter, int itemIndex, String message) {
    return new NodeException(message, parameter, itemIndex, null, null);
  }

  /** A failure while processing one item. */
  public static NodeException item(int itemIndex, String message, Throwable cause) {
    return new NodeException(message, null, itemIndex, null, cause);
  }

  /** The parameter at fault, or {@code null}. */
  public String parameter() {
    return parameter;
  }

  /** The item being processed, or -1. */
  public int itemIndex() {
    return itemIndex;
  }

  /** A longer explanation, or {@code null}. */
  public String description() {
    return description;
  }
}
