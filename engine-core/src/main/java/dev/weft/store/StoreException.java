package dev.weft.store;

/**
 * A store operation failed: a broken precondition (see the subclasses) or a backend failure (a lost database
 * connection, for example), in which case the cause is set.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public StoreException(String message) {
    super(message);
  }

  /** A backend failure and its cause. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
