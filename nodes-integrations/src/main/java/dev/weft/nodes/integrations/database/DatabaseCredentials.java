package dev.weft.nodes.integrations.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.weft.nodes.integrations.common.Clients;
import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Services;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The SQL database credential ({@code weft.database}): PostgreSQL, MySQL/MariaDB or H2, by host, port, database, user
 * and password. Each distinct credential gets one connection pool (HikariCP) shared by every node and execution of
 * the pack; a changed credential gets a new pool, and closing the pack closes the pools.
 */
public final class DatabaseCredentials {
  /** The credential type id. */
  public static final String TYPE = "weft.database";

  private DatabaseCredentials() {}

  /** The credential type. */
  public static CredentialType type() {
    return CredentialType.builder(TYPE).displayName("SQL database")
        .description("A PostgreSQL, MySQL/MariaDB or H2 database reached over JDBC")
        .fields(ParameterSpec.options("database", Option.of("postgres", "PostgreSQL"),
                Option.of("mysql", "MySQL / MariaDB"), Option.of("h2", "H2")).displayName("Database system").build(),
            ParameterSpec.string("host").displayName("Host").defaultValue("localhost").build(),
            ParameterSpec.number("port").displayName("Port").description("Empty for the system's default").build(),
            ParameterSpec.string("name").displayName("Database name").required()
                .description("For H2, the database URL after 'jdbc:h2:', such as mem:orders or ./data/orders").build(),
            ParameterSpec.string("user").displayName("User").build(),
            ParameterSpec.string("password").displayName("Password").secret().build(),
            ParameterSpec.bool("ssl").displayName("Require TLS").defaultValue(false).build(),
            ParameterSpec.number("maxConnections").displayName("Pool size").defaultValue(5).build())
        .tester(DatabaseCredentials::test)
        .build();
  }

  static CredentialTester.Result test(Credentials c, Services services) {
    java.util.Properties props = new java.util.Properties();
    if (c.string("user") != null) {
      props.setProperty("user", c.string("user"));
    }
    props.setProperty("password", c.string("password") == null ? "" : c.string("password"));
    try (Connection conn = java.sql.DriverManager.getConnection(url(c), props);
        Statement st = conn.createStatement()) {
      st.execute("SELECT 1");
      return CredentialTester.Result.ok("connected to " + conn.getMetaData().getDatabaseProductName() + " "
          + conn.getMetaData().getDatabaseProductVersion());
    } catch (Exception e) {
      return CredentialTester.Result.failed(ServiceErrors.redact(describe(e), secrets(c)));
    }
  }

  static List<String> secrets(Credentials c) {
    String p = c.string("password");
    return p == null ? List.of() : List.of(p);
  }

  static String describe(Throwable e) {
    Throwable t = e;
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SQLException) {
        t = c;
      }
    }
    String msg = t.getMessage() == null ? t.toString() : t.getMessage();
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      return msg + " (SQL state " + sql.getSQLState() + ")";
    }
    return msg;
  }

  /** The dialect of credentials. */
  static Dialect dialect(Credentials c) throws NodeException {
    try {
      return Dialect.of(c.string("database"));
    } catch (IllegalArgumentException e) {
      throw new NodeException("credential '" + TYPE + "': " + e.getMessage());
    }
  }

  /** The pool of these credentials in the pack's {@code pools}, made on first use. */
  static HikariDataSource pool(Clients<HikariDataSource> pools, Credentials c) throws NodeException {
    Dialect d = dialect(c);
    String url = url(c);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(c.string("user"));
    config.setPassword(c.string("password"));
    Object max = c.get("maxConnections");
    config.setMaximumPoolSize(max == null ? 5 : Math.max(1, (int) Double.parseDouble(String.valueOf(max))));
    config.setMinimumIdle(0);
    config.setIdleTimeout(60_000);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(-1);
    config.setPoolName("weft-db-" + (c.id() == null ? "anonymous" : c.id()));
    config.setDriverClassName(switch (d) {
      case POSTGRES -> "org.postgresql.Driver";
      case MYSQL -> "org.mariadb.jdbc.Driver";
      case H2 -> "org.h2.Driver";
    });
    return pools.get(c, cred -> new HikariDataSource(config), ds -> !ds.isClosed());
  }

  /** The JDBC URL of credentials. */
  static String url(Credentials c) throws NodeException {
    Dialect d = dialect(c);
    String host = c.string("host") == null || c.string("host").isBlank() ? "localhost" : c.string("host");
    Object portValue = c.get("port");
    int port;
    try {
      port = portValue == null || String.valueOf(portValue).isBlank() ? d.defaultPort
          : (int) Double.parseDouble(String.valueOf(portValue));
    } catch (NumberFormatException e) {
      throw new NodeException("credential '" + TYPE + "': port '" + portValue + "' is not a number");
    }
    return d.url(host, port, c.require("name"), Boolean.parseBoolean(String.valueOf(c.get("ssl"))));
  }
}
