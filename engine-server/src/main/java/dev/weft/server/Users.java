package dev.weft.server;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.weft.store.DuplicateValueException;
import dev.weft.store.UserRecord;
import dev.weft.store.UserStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Accounts on the engine's {@link UserStore}: e-mail addresses (stored lower-cased) and bcrypt password hashes. The
 * first account is the admin; later ones are members.
 */
final class Users {
  /** The role of the first account: it may read the audit log. */
  static final String ADMIN = "admin";
  /** The role of every later account. */
  static final String MEMBER = "member";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  private final UserStore store;
  private final int cost;
  /** Compared against when an e-mail is unknown, so that a login takes as long either way. */
  private final String dummyHash;

  /** A user, as the API shows it (never the password hash). */
  record User(String id, String email, String role, Instant createdAt) {
    static User of(UserRecord r) {
      return new User(r.id(), r.email(), r.role(), r.createdAt());
    }

    boolean admin() {
      return ADMIN.equals(role);
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("email", email);
      m.put("role", role);
      m.put("createdAt", createdAt.toString());
      return m;
    }
  }

  Users(UserStore store, int cost) {
    this.store = store;
    this.cost = cost;
    this.dummyHash = BCrypt.withDefaults().hashToString(cost, UUID.randomUUID().toString().toCharArray());
  }

  long count() {
    return store.count();
  }

  /**
   * Creates an account: the admin when it is the first one, a member otherwise.
   *
   * @throws ApiException 400 naming the field when the e-mail or password is unusable, 409 when the e-mail is taken
   */
  User create(String email, String password) {
    String normalized = normalizeEmail(email);
    checkPassword(password);
    String hash = BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    String role = store.count() == 0 ? ADMIN : MEMBER;
    try {
      return User.of(store.create(UserRecord.of(normalized, null, role, hash)));
    } catch (DuplicateValueException e) {
      throw ApiException.conflict("email_taken", "a user with e-mail '" + normalized + "' already exists",
          Map.of("field", "email"));
    }
  }

  /**
   * The enabled user with this e-mail and password, or empty (after the same work either way).
   */
  Optional<User> authenticate(String email, String password) {
    Optional<UserRecord> row = email == null ? Optional.empty() : store.findByEmail(email);
    String hash = row.map(UserRecord::passwordHash).orElse(null);
    char[] given = (password == null ? "" : password).toCharArray();
    boolean ok = BCrypt.verifyer().verify(given, hash == null ? dummyHash : hash).verified;
    return ok && hash != null && !row.get().disabled() ? row.map(User::of) : Optional.empty();
  }

  /** The id of the account with this e-mail (ignoring case), if there is one. */
  Optional<String> idOf(String email) {
    return email == null ? Optional.empty() : store.findByEmail(email).map(UserRecord::id);
  }

  /** The user with this id, unless there is none or it is disabled. */
  Optional<User> get(String id) {
    return store.get(id).filter(r -> !r.disabled()).map(User::of);
  }

  static String normalizeEmail(String email) {
    if (email == null || email.isBlank()) {
      throw ApiException.invalid("email", "field 'email' is required");
    }
    String normalized = email.trim().toLowerCase(Locale.ROOT);
    if (normalized.length() > 320 || !EMAIL.matcher(normalized).matches()) {
      throw ApiException.invalid("email", "field 'email' must be an e-mail address such as ada@example.com");
    }
    return normalized;
  }

  static void checkPassword(String password) {
    if (password == null || password.isEmpty()) {
      throw ApiException.invalid("password", "field 'password' is required");
    }
    if (password.length() < 8) {
      throw ApiException.invalid("password", "field 'password' must have at least 8 characters, it has "
          + password.length());
    }
    int bytes = password.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > 72) {
      throw ApiException.invalid("password", "field 'password' must be at most 72 bytes in UTF-8 (a bcrypt limit), it"
          + " has " + bytes);
    }
  }
}
