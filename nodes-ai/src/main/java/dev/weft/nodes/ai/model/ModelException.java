package dev.weft.nodes.ai.model;

import dev.weft.spi.NodeException;

/**
 * A model provider refused or failed a call. The message names the provider, the HTTP status and what the provider
 * said, never a credential.
 */
public final class ModelException extends NodeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /**
   * A failure.
   *
   * @param message what went wrong, secrets removed
   * @param status the HTTP status, or 0 when the call failed before an answer
   * @param cause the underlying exception, or {@code null}
   */
  public ModelException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }
}
