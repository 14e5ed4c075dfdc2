package dev.weft.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored credential. The values are sealed (encrypted) before they reach the store: the store never sees secrets.
 *
 * @param id the store's id; {@code null} on a record not yet created (the store then assigns one)
 * @param name the credential's name, not blank
 * @param type the credential type id, for example {@code weft.httpBearerAuth}
 * @param ownerId the owning user or tenant, or {@code null}
 * @param sealedData the encrypted values as text (see {@code dev.weft.credential.CredentialCipher})
 * @param createdAt set by the store on create
 * @param updatedAt set by the store on create and on every update
 */
public record CredentialRecord(
    String id, String name, String type, String ownerId, String sealedData, Instant createdAt, Instant updatedAt) {

  public CredentialRecord {
    Objects.requireNonNull(name, "credential name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("credential name must not be blank (credential id " + id + ")");
    }
    Objects.requireNonNull(type, "type of credential " + name);
    Objects.requireNonNull(sealedData, "sealed data of credential " + name);
  }

  /** A copy with another id. */
  public CredentialRecord withId(String value) {
    return new CredentialRecord(value, name, type, ownerId, sealedData, createdAt, updatedAt);
  }

  /** A copy with another name. */
  public CredentialRecord withName(String value) {
    return new CredentialRecord(id, value, type, ownerId, sealedData, createdAt, updatedAt);
  }

  /** A copy with other sealed data. */
  public CredentialRecord withSealedData(String value) {
    return new CredentialRecord(id, name, type, ownerId, value, createdAt, updatedAt);
  }

  /** Shows everything but the sealed data, of which only the length is shown. */
  @Override
  public String toString() {
    return "CredentialRecord[id=" + id + ", name=" + name + ", type=" + type + ", ownerId=" + ownerId
        + ", sealedData=<" + sealedData.length() + " chars>, createdAt=" + createdAt + ", updatedAt=" + updatedAt
        + "]";
  }
}
