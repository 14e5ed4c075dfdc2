package dev.weft.persistence.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * The databases the tests run on: a fresh in-memory H2 database, or a fresh schema in the PostgreSQL database
 * {@code test} on 127.0.0.1:5432 (user {@code postgres}, trust auth; override with {@code -Dweft.test.pg.url},
 * {@code -Dweft.test.pg.user}, {@code -Dweft.test.pg.password}). Each test class gets its own, dropped after it, so
 * runs never collide.
 */
final class TestDatabases {
  static final String PG_URL = System.getProperty("weft.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = System.getProperty("weft.test.pg.user", "postgres");
  static final String PG_PASSWORD = System.getProperty("weft.test.pg.password", "");

  /** Every table the stores write, children first. */
  private static final List<String> TABLES = List.of("weft_workflow_version", "weft_workflow",
      "weft_execution_custom", "weft_execution_data", "weft_execution", "weft_credential", "weft_queue",
      "weft_dead_letter", "weft_binary_chunk", "weft_binary", "weft_user", "weft_audit", "weft_webhook");

  private TestDatabases() {}

  static JdbcConfig h2Config() {
    return JdbcConfig.url("jdbc:h2:mem:weft-" + UUID.randomUUID());
  }

  static JdbcConfig postgresConfig() {
    return JdbcConfig.url(PG_URL).withCredentials(PG_USER, PG_PASSWORD)
        .withSchema("weft_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
  }

  static JdbcStores open(boolean postgres) {
    return JdbcStores.open(postgres ? postgresConfig() : h2Config());
  }

  /** Empties every Weft table. */
  static void truncate(JdbcStores stores) throws SQLException {
    try (Connection c = stores.dataSource().getConnection(); Statement st = c.createStatement()) {
      for (String table : TABLES) {
        st.executeUpdate("DELETE FROM " + table);
      }
      c.commit();
    }
  }

  /** Drops what {@link #open} made (the PostgreSQL schema; the H2 in-memory database) and closes the pool. */
  static void dropAndClose(JdbcStores stores) throws SQLException {
    if (stores == null) {
      return;
    }
    try (Connection c = stores.dataSource().getConnection(); Statement st = c.createStatement()) {
      if (stores.databaseProduct().equals("PostgreSQL")) {
        st.execute("DROP SCHEMA \"" + stores.database().schema + "\" CASCADE");
      } else {
        st.execute("DROP ALL OBJECTS");
      }
      c.commit();
    } finally {
      stores.close();
    }
  }

  /** A plain connection to the test PostgreSQL, outside any pool. */
  static Connection postgresConnection() throws SQLException {
    return DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
  }
}
