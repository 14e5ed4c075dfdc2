package dev.weft.persistence.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where and how {@link JdbcStores} reach their database. Start from {@link #h2(Path)} (the embedded default: a file
 * under a data folder) or {@link #url(String)} (any supported JDBC URL, PostgreSQL in production), or read
 * {@link #fromProperties(Properties, Path)}.
 *
 * @param url the JDBC URL: {@code jdbc:h2:...} or {@code jdbc:postgresql://host:port/database}
 * @param user the database user, or {@code null}
 * @param password the user's password, or {@code null}; never printed ({@link #toString()} hides it)
 * @param poolSize the most connections the pool opens, at least 1
 * @param schema the schema that holds Weft's tables, created when missing; {@code null} for the database's default
 *     ({@code PUBLIC} on H2, {@code public} on PostgreSQL). Lowercase letters, digits and {@code _} only
 * @param connectionTimeout how long to wait for a connection (at open and from the pool) before failing
 * @param clock where the stores take timestamps, delivery times and lease expiry from
 */
public record JdbcConfig(
    String url, String user, String password, int poolSize, String schema, Duration connectionTimeout, Clock clock) {

  /** The pool size of the factory methods. */
  public static final int DEFAULT_POOL_SIZE = 10;
  /** The connection timeout of the factory methods. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
  /** The property naming the JDBC URL; the one property needed to run on PostgreSQL. */
  public static final String URL_PROPERTY = "weft.db.url";
  /** The property naming the database user. */
  public static final String USER_PROPERTY = "weft.db.user";
  /** The property holding the database password. */
  public static final String PASSWORD_PROPERTY = "weft.db.password";
  /** The property setting the pool size. */
  public static final String POOL_SIZE_PROPERTY = "weft.db.poolSize";
  /** The property naming the schema. */
  public static final String SCHEMA_PROPERTY = "weft.db.schema";

  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public JdbcConfig {
    Objects.requireNonNull(url, "JDBC URL");
    if (url.isBlank()) {
      throw new IllegalArgumentException("the JDBC URL must not be blank");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("the pool size for " + Jdbc.safeUrl(url) + " must be at least 1, got "
          + poolSize);
    }
    if (schema != null && !SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException("schema '" + schema + "' for " + Jdbc.safeUrl(url)
          + " must be 1 to 63 lowercase letters, digits or '_', starting with a letter or '_'");
    }
    Objects.requireNonNull(connectionTimeout, "connection timeout");
    if (connectionTimeout.toMillis() < 250) {
      throw new IllegalArgumentException("the connection timeout for " + Jdbc.safeUrl(url)
          + " must be at least 250 ms, got " + connectionTimeout);
    }
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * H2 in the file {@code weft.mv.db} under {@code dataFolder} (created when missing), writing every commit to the
   * file before the commit returns ({@code WRITE_DELAY=0}), so that a process killed right after a commit keeps it.
   * H2's own default delays writes by up to half a second, losing the last commits on a crash; pass such a URL to
   * {@link #url(String)} to trade that for speed. Text and binary values up to {@value #H2_INPLACE_LOB} bytes (most
   * executions' run data and checkpoints) are kept in their row ({@code MAX_LENGTH_INPLACE_LOB}) rather than in H2's
   * separate LOB storage, which cost several more pages to write per execution write.
   */
  public static JdbcConfig h2(Path dataFolder) {
    Objects.requireNonNull(dataFolder, "data folder");
    String base = dataFolder.toAbsolutePath().normalize().resolve("weft").toString().replace('\\', '/');
    return url("jdbc:h2:file:" + base + ";WRITE_DELAY=0;MAX_LENGTH_INPLACE_LOB=" + H2_INPLACE_LOB);
  }

  /** The largest LOB value the embedded H2 database keeps inside its row. */
  static final int H2_INPLACE_LOB = 32768;

  /** The database at {@code url}, without user or password. */
  public static JdbcConfig url(String url) {
    return new JdbcConfig(url, null, null, DEFAULT_POOL_SIZE, null, DEFAULT_CONNECTION_TIMEOUT, Clock.systemUTC());
  }

  /**
   * The database the properties name: {@value #URL_PROPERTY} (H2 under {@code dataFolder} when absent),
   * {@value #USER_PROPERTY}, {@value #PASSWORD_PROPERTY}, {@value #POOL_SIZE_PROPERTY} and
   * {@value #SCHEMA_PROPERTY}.
   *
   * @throws IllegalArgumentException when the pool size is not a number, naming the property
   */
  public static JdbcConfig fromProperties(Properties properties, Path dataFolder) {
    String url = properties.getProperty(URL_PROPERTY);
    JdbcConfig config = url == null || url.isBlank() ? h2(dataFolder) : url(url.trim());
    config = config.withCredentials(properties.getProperty(USER_PROPERTY), properties.getProperty(PASSWORD_PROPERTY));
    String pool = properties.getProperty(POOL_SIZE_PROPERTY);
    if (pool != null) {
      try {
        config = config.withPoolSize(Integer.parseInt(pool.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "property " + POOL_SIZE_PROPERTY + " must be a whole number, got '" + pool + "'", e);
      }
    }
    String schema = properties.getProperty(SCHEMA_PROPERTY);
    return schema == null || schema.isBlank() ? config : config.withSchema(schema.trim());
  }

  /** A copy with this user and password. */
  public JdbcConfig withCredentials(String newUser, String newPassword) {
    return new JdbcConfig(url, newUser, newPassword, poolSize, schema, connectionTimeout, clock);
  }

  /** A copy with another pool size. */
  public JdbcConfig withPoolSize(int value) {
    return new JdbcConfig(url, user, password, value, schema, connectionTimeout, clock);
  }

  /** A copy whose tables live in {@code value} (created when missing). */
  public JdbcConfig withSchema(String value) {
    return new JdbcConfig(url, user, password, poolSize, value, connectionTimeout, clock);
  }

  /** A copy with another connection timeout. */
  public JdbcConfig withConnectionTimeout(Duration value) {
    return new JdbcConfig(url, user, password, poolSize, schema, value, clock);
  }

  /** A copy whose stores take their time from {@code value}. */
  public JdbcConfig withClock(Clock value) {
    return new JdbcConfig(url, user, password, poolSize, schema, connectionTimeout, value);
  }

  /** Everything but the password. */
  @Override
  public String toString() {
    return "JdbcConfig[url=" + Jdbc.safeUrl(url) + ", user=" + user + ", password=" + (password == null ? "none"
        : "<hidden>") + ", poolSize=" + poolSize + ", schema=" + schema + ", connectionTimeout=" + connectionTimeout
        + "]";
  }
}
