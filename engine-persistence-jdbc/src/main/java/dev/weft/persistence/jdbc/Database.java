package dev.weft.persistence.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.weft.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The pool, the dialect and the transaction helper the stores share. Opening one checks that the database answers,
 * creates the schema when missing and migrates it.
 */
final class Database implements AutoCloseable {
  /** The Flyway history table: its own name, so an application's Flyway history in the same schema is untouched. */
  static final String HISTORY_TABLE = "weft_schema_history";

  /** Work done on one connection inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  final Dialect dialect;
  final String safeUrl;
  final String schema;
  private final HikariDataSource pool;
  /** The single writer that commits concurrent execution writes together. */
  final GroupCommit writes;

  private Database(Dialect dialect, String safeUrl, String schema, HikariDataSource pool) {
    this.dialect = dialect;
    this.safeUrl = safeUrl;
    this.schema = schema;
    this.pool = pool;
    this.writes = new GroupCommit(this, "weft-jdbc-writer");
  }

  static Database open(JdbcConfig config) {
    Dialect dialect = Dialect.of(config.url());
    String url = config.url();
    if (dialect == Dialect.H2 && url.startsWith("jdbc:h2:mem:")
        && !url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_DELAY")) {
      // an in-memory H2 database vanishes with its last connection; keep it while the stores are open
      url = url + ";DB_CLOSE_DELAY=-1";
    }
    String safeUrl = Jdbc.safeUrl(url);
    String where = dialect.product + " database " + safeUrl
        + (config.user() == null ? "" : " as user '" + config.user() + "'")
        + (config.schema() == null ? "" : " (schema '" + config.schema() + "')");
    ensureSchema(url, config, where);

    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("weft-jdbc");
    hikari.setJdbcUrl(url);
    hikari.setUsername(config.user());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setMinimumIdle(Math.min(2, config.poolSize()));
    hikari.setAutoCommit(false);
    hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
    hikari.setValidationTimeout(Math.min(5000, config.connectionTimeout().toMillis()));
    hikari.setInitializationFailTimeout(config.connectionTimeout().toMillis());
    if (config.schema() != null && dialect == Dialect.POSTGRESQL) {
      // a startup parameter, not a SET inside a transaction that a later rollback would undo
      hikari.addDataSourceProperty("currentSchema", config.schema());
    } else if (config.schema() != null) {
      hikari.setSchema(config.schema());
    }
    if (dialect.connectionInitSql != null) {
      hikari.setConnectionInitSql(dialect.connectionInitSql);
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hikari);
    } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
      throw new StoreException("cannot open the " + where + ": " + rootMessage(e, config.password()), e);
    }
    try {
      migrate(pool, dialect, config.schema(), where, config.password());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(dialect, safeUrl, config.schema(), pool);
  }

  /**
   * Connects once without the pool: fails with one clear message when the database is down, and creates the schema
   * when missing (before the pool's connections select it).
   */
  private static void ensureSchema(String url, JdbcConfig config, String where) {
    try (Connection c = DriverManager.getConnection(url, config.user(), config.password())) {
      if (config.schema() == null) {
        return;
      }
      c.setAutoCommit(true);
      boolean exists;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
        ps.setString(1, config.schema());
        try (ResultSet rs = ps.executeQuery()) {
          exists = rs.next();
        }
      }
      if (!exists) {
        try (Statement st = c.createStatement()) {
          st.execute("CREATE SCHEMA IF NOT EXISTS \"" + config.schema() + "\"");
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot open the " + where + ": " + rootMessage(e, config.password()), e);
    }
  }

  private static void migrate(DataSource pool, Dialect dialect, String schema, String where, String password) {
    var flyway = Flyway.configure(Database.class.getClassLoader())
        .dataSource(pool)
        .locations("classpath:db/weft/" + dialect.migrations)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(false);
    if (schema != null) {
      flyway = flyway.schemas(schema).defaultSchema(schema);
    }
    try {
      flyway.load().migrate();
    } catch (FlywayException e) {
      throw new StoreException("migrating the Weft tables of the " + where + " failed: "
          + rootMessage(e, password), e);
    }
  }

  /** The innermost cause's message, without the password should a driver ever echo it. */
  static String rootMessage(Throwable e, String password) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (e.getMessage() != null && root != e && !e.getMessage().contains(message)) {
      message = e.getMessage() + " (" + message + ")";
    }
    if (password != null && !password.isEmpty()) {
      message = message.replace(password, "***");
    }
    return message;
  }

  DataSource dataSource() {
    return pool;
  }

  /**
   * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws. A
   * {@link StoreException} thrown by the work passes unchanged; an {@link SQLException} becomes a
   * {@link StoreException} whose message starts with {@code what} (which names the record kind and id).
   */
  <T> T tx(String what, Work<T> work) {
    try (Connection c = pool.getConnection()) {
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed on the " + dialect.product + " database " + safeUrl + ": "
          + rootMessage(e, null), e);
    }
  }

  /** Commits the writes still queued, then closes the pool. */
  @Override
  public void close() {
    try {
      writes.close();
    } finally {
      pool.close();
    }
  }
}
