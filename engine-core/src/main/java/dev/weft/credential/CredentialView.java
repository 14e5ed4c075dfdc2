package dev.weft.credential;

import java.time.Instant;
import java.util.Map;

/**
 * What people (APIs, user interfaces) see of a credential: everything except secret values. For each secret field of
 * the type, {@link #secrets()} says only whether a value is set.
 *
 * @param id the credential's id
 * @param name its name
 * @param type the credential type id
 * @param ownerId the owning user or tenant, or {@code null}
 * @param values the values of the non-secret fields that are set
 * @param secrets for every secret field of the type, whether a value is set
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param error why the values could not be shown (an unknown key id, an unknown type), or {@code null}; a view with
 *     an error shows no values
 */
public record CredentialView(
    String id,
    String name,
    String type,
    String ownerId,
    Map<String, Object> values,
    Map<String, Boolean> secrets,
    Instant createdAt,
    Instant updatedAt,
    String error) {

  public CredentialView {
    values = values == null ? Map.of() : values;
    secrets = secrets == null ? Map.of() : secrets;
  }

  /** Whether the values could be read; see {@link #error()}. */
  public boolean readable() {
    return error == null;
  }
}
