package dev.weft.persistence.jdbc;

import dev.weft.store.CredentialRecord;
import dev.weft.store.CredentialStore;
import dev.weft.store.DuplicateIdException;
import dev.weft.store.RecordNotFoundException;
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
 * {@link CredentialStore} on table {@code weft_credential}. It holds the sealed text only: the key that opens it is
 * never given to this store, so a copy of the database alone reveals no secret.
 */
final class JdbcCredentialStore implements CredentialStore {
  private static final String KIND = "credential";
  private static final String COLUMNS = "id, name, type, owner_id, sealed_data, created_at, updated_at";

  private final Database db;
  private final Clock clock;

  JdbcCredentialStore(Database db, Clock clock) {
    this.db = db;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CredentialRecord create(CredentialRecord record) {
    Objects.requireNonNull(record, "record");
    String id = record.id() == null ? UUID.randomUUID().toString() : record.id();
    Instant now = Jdbc.micros(clock.instant());
    CredentialRecord stored =
        new CredentialRecord(id, record.name(), record.type(), record.ownerId(), record.sealedData(), now, now);
    return db.tx("creating credential '" + id + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO weft_credential (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, stored.name());
        ps.setString(3, stored.type());
        ps.setString(4, stored.ownerId());
        ps.setString(5, stored.sealedData());
        Jdbc.setInstant(ps, 6, now);
        Jdbc.setInstant(ps, 7, now);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (Jdbc.isUniqueViolation(e)) {
          throw new DuplicateIdException(KIND, id);
        }
        throw e;
      }
      return stored;
    });
  }

  @Override
  public CredentialRecord update(CredentialRecord record) {
    Objects.requireNonNull(record, "record");
    String id = Objects.requireNonNull(record.id(), "id of the credential to update");
    Instant now = Jdbc.micros(clock.instant());
    return db.tx("updating credential '" + id + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE weft_credential SET name = ?, type = ?, owner_id = ?,"
          + " sealed_data = ?, updated_at = ? WHERE id = ?")) {
        ps.setString(1, record.name());
        ps.setString(2, record.type());
        ps.setString(3, record.ownerId());
        ps.setString(4, record.sealedData());
        Jdbc.setInstant(ps, 5, now);
        ps.setString(6, id);
        if (ps.executeUpdate() == 0) {
          throw new RecordNotFoundException(KIND, id);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT created_at FROM weft_credential WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new CredentialRecord(id, record.name(), record.type(), record.ownerId(), record.sealedData(),
              Jdbc.getInstant(rs, "created_at"), now);
        }
      }
    });
  }

  @Override
  public Optional<CredentialRecord> get(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return db.tx("reading credential '" + id + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM weft_credential WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.<CredentialRecord>empty();
        }
      }
    });
  }

  private static CredentialRecord row(ResultSet rs) throws SQLException {
    return new CredentialRecord(rs.getString("id"), rs.getString("name"), rs.getString("type"),
        rs.getString("owner_id"), rs.getString("sealed_data"), Jdbc.getInstant(rs, "created_at"),
        Jdbc.getInstant(rs, "updated_at"));
  }

  @Override
  public List<CredentialRecord> list(String ownerId, String type) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM weft_credential WHERE 1 = 1");
    List<String> params = new ArrayList<>();
    if (ownerId != null) {
      sql.append(" AND owner_id = ?");
      params.add(ownerId);
    }
    if (type != null) {
      sql.append(" AND type = ?");
      params.add(type);
    }
    sql.append(' ').append(db.dialect.orderByName);
    return db.tx("listing credentials", c -> {
      List<CredentialRecord> result = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < params.size(); i++) {
          ps.setString(i + 1, params.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            result.add(row(rs));
          }
        }
      }
      return result;
    });
  }

  @Override
  public boolean delete(String id) {
    if (id == null) {
      return false;
    }
    return db.tx("deleting credential '" + id + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_credential WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() > 0;
      }
    });
  }
}
