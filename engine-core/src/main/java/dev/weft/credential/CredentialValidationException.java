package dev.weft.credential;

import java.util.List;

/**
 * Credential values do not fit their {@link dev.weft.spi.CredentialType}: an unknown type, a missing required field,
 * an unknown field or a value of the wrong kind. {@link #problems()} lists every problem; the message joins them.
 */
public class CredentialValidationException extends CredentialException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * Invalid values.
   *
   * @param credentialId the credential being updated, or {@code null} on create
   * @param credentialName the credential's name
   * @param problems what is wrong, one entry per problem, each naming the type and field
   */
  public CredentialValidationException(String credentialId, String credentialName, List<String> problems) {
    super(credentialId, "credential '" + credentialName + "'" + (credentialId == null ? "" : " (" + credentialId + ")")
        + " is invalid: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, each naming the credential type and field. */
  public List<String> problems() {
    return problems;
  }
}
