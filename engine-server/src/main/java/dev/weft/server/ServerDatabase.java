package dev.weft.server;

import dev.weft.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The server's own tables (users, refresh tokens, execution events) on the engine stores' pool, migrated by Flyway
 * from {@code db/weft-server/<h2|postgresql>} with the history table {@value #HISTORY_TABLE}.
 */
final class ServerDatabase {
  static final String HISTORY_TABLE = "weft_server_schema_history";
  private final DataSource dataSource;
  final boolean postgres;

  private ServerDatabase(DataSource dataSource, boolean postgres) {
    this.dataSource = dataSource;
    this.postgres = postgres;
  }

  /** Migrates the server's tables in {@code schema} (or the default schema). */
  static ServerDatabase open(DataSource dataSource, String product, String schema) {
    boolean postgres = "PostgreSQL".equalsIgnoreCase(product);
    var flyway = Flyway.configure(ServerDatabase.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/weft-server/" + (postgres ? "postgresql" : "h2"))
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0");
    if (schema != null) {
      flyway = flyway.schemas(schema).defaultSchema(schema);
    }
    try {
      flyway.load().migrate();
    } catch (FlywayException e) {
      throw new StoreException("the server's tables could not be migrated on " + product + ": " + e.getMessage(), e);
    }
    return new ServerDatabase(dataSource, postgres);
  }

  /** Work on one connection in one transaction. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  <T> T tx(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
