package dev.weft.persistence.jdbc;

import dev.weft.store.DuplicateIdException;
import dev.weft.store.DuplicateValueException;
import dev.weft.store.Page;
import dev.weft.store.RecordNotFoundException;
import dev.weft.store.StaleVersionException;
import dev.weft.store.StoreException;
import dev.weft.store.UserRecord;
import dev.weft.store.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link UserStore} on table {@code weft_user}. The unique index on {@code email_key} (the address trimmed and
 * lower-cased in Java) decides races for an address, across processes alike; updates are one compare-and-set
 * statement on the version.
 */
final class JdbcUserStore implements UserStore {
  private static final String KIND = "user";
  private static final String COLUMNS =
      "id, email, display_name, role, password_hash, disabled, created_at, updated_at, version";

  private final Database db;
  private final Clock clock;

  JdbcUserStore(Database db, Clock clock) {
    this.db = db;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public UserRecord create(UserRecord record) {
    Objects.requireNonNull(record, "record");
    String id = record.id() == null ? UUID.randomUUID().toString() : record.id();
    Instant now = Jdbc.micros(clock.instant());
    UserRecord stored = new UserRecord(id, record.email(), record.displayName(), record.role(), record.passwordHash(),
        record.disabled(), now, now, 1);
    try {
      return db.tx("creating user '" + id + "'", c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO weft_user (" + COLUMNS
            + ", email_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, id);
          ps.setString(2, stored.email());
          ps.setString(3, stored.displayName());
          ps.setString(4, stored.role());
          ps.setString(5, stored.passwordHash());
          ps.setBoolean(6, stored.disabled());
          Jdbc.setInstant(ps, 7, now);
          Jdbc.setInstant(ps, 8, now);
          ps.setLong(9, 1);
          ps.setString(10, UserRecord.emailKey(stored.email()));
          ps.executeUpdate();
        }
        return stored;
      });
    } catch (StoreException e) {
      throw uniqueViolation(e) ? taken(id, record.email(), true) : e;
    }
  }

  @Override
  public UserRecord update(UserRecord record, long expectedVersion) {
    Objects.requireNonNull(record, "record");
    String id = Objects.requireNonNull(record.id(), "id of the user to update");
    Instant now = Jdbc.micros(clock.instant());
    try {
      return db.tx("updating user '" + id + "'", c -> {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE weft_user SET email = ?, email_key = ?,"
            + " display_name = ?, role = ?, password_hash = ?, disabled = ?, updated_at = ?, version = version + 1"
            + " WHERE id = ? AND version = ?")) {
          ps.setString(1, record.email());
          ps.setString(2, UserRecord.emailKey(record.email()));
          ps.setString(3, record.displayName());
          ps.setString(4, record.role());
          ps.setString(5, record.passwordHash());
          ps.setBoolean(6, record.disabled());
          Jdbc.setInstant(ps, 7, now);
          ps.setString(8, id);
          ps.setLong(9, expectedVersion);
          updated = ps.executeUpdate();
        }
        if (updated == 0) {
          throw staleOrMissing(c, id, expectedVersion);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM weft_user WHERE id = ?")) {
          ps.setString(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return row(rs);
          }
        }
      });
    } catch (StoreException e) {
      throw uniqueViolation(e) ? taken(id, record.email(), false) : e;
    }
  }

  private static RuntimeException staleOrMissing(Connection c, String id, long expectedVersion)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM weft_user WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new RecordNotFoundException(KIND, id);
        }
        return new StaleVersionException(KIND, id, expectedVersion, rs.getLong(1));
      }
    }
  }

  private static boolean uniqueViolation(StoreException e) {
    return e.getCause() instanceof SQLException s && Jdbc.isUniqueViolation(s);
  }

  /**
   * Which unique value a failed write collided with, read after its transaction rolled back (PostgreSQL allows no
   * further statement in a failed transaction).
   */
  private StoreException taken(String id, String email, boolean idMayBeTaken) {
    if (idMayBeTaken && get(id).isPresent()) {
      return new DuplicateIdException(KIND, id);
    }
    return new DuplicateValueException(KIND, "email", email, findByEmail(email).map(UserRecord::id).orElse(null));
  }

  @Override
  public Optional<UserRecord> get(String id) {
    return id == null ? Optional.empty() : findOne("reading user '" + id + "'", "id", id);
  }

  @Override
  public Optional<UserRecord> findByEmail(String email) {
    return email == null ? Optional.empty()
        : findOne("finding the user with e-mail '" + email + "'", "email_key", UserRecord.emailKey(email));
  }

  private Optional<UserRecord> findOne(String what, String column, String value) {
    return db.tx(what, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM weft_user WHERE " + column
          + " = ?")) {
        ps.setString(1, value);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.<UserRecord>empty();
        }
      }
    });
  }

  private static UserRecord row(ResultSet rs) throws SQLException {
    return new UserRecord(rs.getString("id"), rs.getString("email"), rs.getString("display_name"),
        rs.getString("role"), rs.getString("password_hash"), rs.getBoolean("disabled"),
        Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "updated_at"), rs.getLong("version"));
  }

  @Override
  public Page<UserRecord> list(int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException("a page needs offset >= 0 and limit >= 1, got " + offset + " and " + limit);
    }
    return db.tx("listing users", c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM weft_user");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
      List<UserRecord> items = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM weft_user ORDER BY email_key, id LIMIT ? OFFSET ?")) {
        ps.setInt(1, limit);
        ps.setLong(2, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(row(rs));
          }
        }
      }
      return new Page<>(items, total, offset, limit);
    });
  }

  @Override
  public long count() {
    return db.tx("counting users", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM weft_user");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public boolean delete(String id) {
    if (id == null) {
      return false;
    }
    return db.tx("deleting user '" + id + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_user WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() > 0;
      }
    });
  }
}
