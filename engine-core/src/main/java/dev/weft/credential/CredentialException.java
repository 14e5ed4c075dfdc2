package dev.weft.credential;

/**
 * A credential could not be read, written, decrypted or tested. The message names the credential (id, type, field)
 * and never contains a secret value.
 */
public class CredentialException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String credentialId;

  /**
   * A failure.
   *
   * @param credentialId the credential at fault, or {@code null} (one being created, for example)
   * @param message what went wrong
   */
  public CredentialException(String credentialId, String message) {
    super(message);
    this.credentialId = credentialId;
  }

  /**
   * A failure with its cause. The cause must not carry secret values in its message.
   *
   * @param credentialId the credential at fault, or {@code null}
   * @param message what went wrong
   * @param cause the underlying exception
   */
  public CredentialException(String credentialId, String message, Throwable cause) {
    super(message, cause);
    this.credentialId = credentialId;
  }

  /** The credential at fault, or {@code null}. */
  public String credentialId() {
    return credentialId;
  }
}
