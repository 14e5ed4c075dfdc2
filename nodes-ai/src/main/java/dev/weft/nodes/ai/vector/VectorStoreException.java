package dev.weft.nodes.ai.vector;

/** A vector store could not do what was asked: the database failed, or a vector does not fit the collection. */
public class VectorStoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with a message saying what was asked and what went wrong. */
  public VectorStoreException(String message) {
    super(message);
  }

  /** A failure caused by another exception. */
  public VectorStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
