package dev.weft.server;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Accounts: e-mail addresses and bcrypt password hashes in {@code weft_server_user}. */
final class Users {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  private final ServerDatabase db;
  private final int cost;
  private final Clock clock;
  /** Compared against when an e-mail is unknown, so that a login takes as long either way. */
  private final String dummyHash;

  /** A user. */
  record User(String id, String email, Instant createdAt) {
    Map<String, Object> toJson() {
      return Map.of("id", id, "email", email, "createdAt", createdAt.toString());
    }
  }

  Users(ServerDatabase db, int cost, Clock clock) {
    this.db = db;
    this.cost = cost;
    this.clock = clock;
    this.dummyHash = BCrypt.withDefaults().hashToString(cost, UUID.randomUUID().toString().toCharArray());
  }

  long count() {
    return db.tx("counting users", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM weft_server_user");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /**
   * Creates an account.
   *
   * @throws ApiException 400 naming the field when the e-mail or password is unusable, 409 when the e-mail is taken
   */
  User create(String email, String password) {
    String normalized = normalizeEmail(email);
    checkPassword(password);
    String hash = BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    User user = new User(UUID.randomUUID().toString(), normalized, clock.instant());
    return db.tx("creating user " + normalized, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM weft_server_user WHERE email = ?")) {
        ps.setString(1, normalized);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            throw ApiException.conflict("email_taken", "a user with e-mail '" + normalized + "' already exists",
                Map.of("field", "email"));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO weft_server_user (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, user.id());
        ps.setString(2, user.email());
        ps.setString(3, hash);
        ps.setTimestamp(4, ServerDatabase.ts(user.createdAt()));
        ps.executeUpdate();
      }
      return user;
    });
  }

  /** The user with this e-mail and password, or empty (after the same work either way). */
  Optional<User> authenticate(String email, String password) {
    String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    record Row(User user, String hash) {}
    Row row = db.tx("finding user " + normalized, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, email, password_hash, created_at FROM weft_server_user WHERE email = ?")) {
        ps.setString(1, normalized);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? new Row(new User(rs.getString(1), rs.getString(2),
              ServerDatabase.instant(rs.getTimestamp(4))), rs.getString(3)) : null;
        }
      }
    });
    char[] given = (password == null ? "" : password).toCharArray();
    boolean ok = BCrypt.verifyer().verify(given, row == null ? dummyHash : row.hash()).verified;
    return row != null && ok ? Optional.of(row.user()) : Optional.empty();
  }

  Optional<User> get(String id) {
    return db.tx("finding user " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, email, created_at FROM weft_server_user WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new User(rs.getString(1), rs.getString(2),
              ServerDatabase.instant(rs.getTimestamp(3)))) : Optional.<User>empty();
        }
      }
    });
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
