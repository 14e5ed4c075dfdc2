package dev.weft.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A stored user account. The password hash is opaque to the store (the server hashes with bcrypt); it is never
 * printed by {@link #toString()}.
 *
 * @param id the store's id; {@code null} on a record not yet created (the store then assigns one)
 * @param email the e-mail address as given, not blank; unique ignoring case (see {@link #emailKey(String)})
 * @param displayName the name shown for the user, or {@code null}
 * @param role the user's role, for example {@code admin} or {@code member}; not blank, not interpreted by the store
 * @param passwordHash the password hash, or {@code null} for an account that cannot sign in with a password
 * @param disabled whether the account is switched off (the store keeps it; the server refuses its sign-ins)
 * @param createdAt set by the store on create
 * @param updatedAt set by the store on create and on every update
 * @param version the optimistic version, 1 after create, one more after every update
 */
public record UserRecord(String id, String email, String displayName, String role, String passwordHash,
    boolean disabled, Instant createdAt, Instant updatedAt, long version) {

  public UserRecord {
    Objects.requireNonNull(email, "e-mail of user " + id);
    if (email.isBlank()) {
      throw new IllegalArgumentException("e-mail of user " + id + " must not be blank");
    }
    Objects.requireNonNull(role, "role of user " + email);
    if (role.isBlank()) {
      throw new IllegalArgumentException("role of user " + email + " must not be blank");
    }
  }

  /** A new account (no id, timestamps or version yet) that is enabled. */
  public static UserRecord of(String email, String displayName, String role, String passwordHash) {
    return new UserRecord(null, email, displayName, role, passwordHash, false, null, null, 0);
  }

  /**
   * The form of an e-mail address that uniqueness and look-ups compare: trimmed and lower-cased (ROOT locale), so
   * {@code Ada@Example.com} and {@code ada@example.com} are the same account.
   */
  public static String emailKey(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  /** A copy with another id. */
  public UserRecord withId(String value) {
    return new UserRecord(value, email, displayName, role, passwordHash, disabled, createdAt, updatedAt, version);
  }

  /** A copy with another e-mail address. */
  public UserRecord withEmail(String value) {
    return new UserRecord(id, value, displayName, role, passwordHash, disabled, createdAt, updatedAt, version);
  }

  /** A copy with another display name. */
  public UserRecord withDisplayName(String value) {
    return new UserRecord(id, email, value, role, passwordHash, disabled, createdAt, updatedAt, version);
  }

  /** A copy with another role. */
  public UserRecord withRole(String value) {
    return new UserRecord(id, email, displayName, value, passwordHash, disabled, createdAt, updatedAt, version);
  }

  /** A copy with another password hash. */
  public UserRecord withPasswordHash(String value) {
    return new UserRecord(id, email, displayName, role, value, disabled, createdAt, updatedAt, version);
  }

  /** A copy that is disabled or enabled. */
  public UserRecord withDisabled(boolean value) {
    return new UserRecord(id, email, displayName, role, passwordHash, value, createdAt, updatedAt, version);
  }

  /** Shows everything but the password hash, of which only whether it is set is shown. */
  @Override
  public String toString() {
    return "UserRecord[id=" + id + ", email=" + email + ", displayName=" + displayName + ", role=" + role
        + ", passwordHash=" + (passwordHash == null ? "none" : "<set>") + ", disabled=" + disabled + ", createdAt="
        + createdAt + ", updatedAt=" + updatedAt + ", version=" + version + "]";
  }
}
