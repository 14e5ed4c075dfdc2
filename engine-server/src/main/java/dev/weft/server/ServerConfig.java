package dev.weft.server;

import dev.weft.Weft;
import dev.weft.persistence.jdbc.JdbcConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * How a {@link WeftServer} runs. Start from {@link #defaults()} or {@link #fromEnvironment(Map)} and change what you
 * need with the {@code with...} methods; every instance is immutable.
 *
 * <p>Environment variables (and the same keys in a properties file named by {@code WEFT_CONFIG}, environment
 * winning): {@code WEFT_PORT} / {@code weft.port} (default 5678), {@code WEFT_HOST} / {@code weft.host} (default
 * {@code 0.0.0.0}), {@code WEFT_DATA} / {@code weft.data} (default {@code ./weft-data}), {@code WEFT_DB_URL} /
 * {@code weft.db.url} (H2 under the data folder when absent; a {@code jdbc:postgresql:} URL for PostgreSQL),
 * {@code WEFT_DB_USER}, {@code WEFT_DB_PASSWORD}, {@code WEFT_DB_SCHEMA}, {@code WEFT_DB_POOL_SIZE},
 * {@code WEFT_CORS_ORIGINS} (comma-separated origins allowed to call the API from a browser),
 * {@code WEFT_MAX_REQUEST_BYTES}, {@code WEFT_AUTH_RATE_LIMIT} (auth requests per minute and client address),
 * {@code WEFT_OPEN_REGISTRATION} ({@code true} lets anyone register; otherwise only the first user registers freely),
 * {@code WEFT_ENCRYPTION_KEY} (credential keys as {@code keyId=base64Key,...}; otherwise a key generated once into the
 * data folder) and {@code WEFT_JWT_SECRET} (base64 of at least 32 bytes; otherwise generated once into the data
 * folder).
 *
 * @param host the address to listen on
 * @param port the port; 0 picks a free one (see {@link WeftServer#port()})
 * @param dataFolder where the H2 database and generated keys live
 * @param jdbc the database, or {@code null} for H2 in the data folder
 * @param corsOrigins origins allowed to call the API from a browser; empty for none (same-origin only)
 * @param maxRequestBytes the largest request body accepted
 * @param authRequestsPerMinute how many login, register and refresh calls one client address may make a minute
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token is valid
 * @param openRegistration whether anyone may register (otherwise the first user, then signed-in users invite)
 * @param bcryptCost the bcrypt cost factor of password hashes (4 to 31)
 * @param encryptionKey credential keys ({@code keyId=base64Key,...}), or {@code null} for the data folder's key file
 * @param jwtSecret base64 of the token signing secret, or {@code null} for the data folder's key file
 * @param engine changes to the engine before it is built (node packs, services), or {@code null}
 * @param serveUi whether to serve the web UI bundled in the jar (when it is there)
 * @param testWebhookTimeout how long a test webhook listens for its one call
 */
public record ServerConfig(
    String host,
    int port,
    Path dataFolder,
    JdbcConfig jdbc,
    List<String> corsOrigins,
    long maxRequestBytes,
    int authRequestsPerMinute,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    boolean openRegistration,
    int bcryptCost,
    String encryptionKey,
    String jwtSecret,
    Consumer<Weft.Builder> engine,
    boolean serveUi,
    Duration testWebhookTimeout) {

  /** The default port. */
  public static final int DEFAULT_PORT = 5678;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    Objects.requireNonNull(dataFolder, "data folder");
    corsOrigins = List.copyOf(corsOrigins == null ? List.of() : corsOrigins);
    for (String origin : corsOrigins) {
      if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
        throw new IllegalArgumentException("CORS origin '" + origin
            + "' must be '*' or scheme://host[:port] such as https://app.example.com, without a path");
      }
    }
    if (maxRequestBytes < 1024) {
      throw new IllegalArgumentException("the request size limit must be at least 1024 bytes, got " + maxRequestBytes);
    }
    if (authRequestsPerMinute < 1) {
      throw new IllegalArgumentException("the auth rate limit must be at least 1 request a minute, got "
          + authRequestsPerMinute);
    }
    Objects.requireNonNull(accessTokenTtl, "access token lifetime");
    Objects.requireNonNull(refreshTokenTtl, "refresh token lifetime");
    if (accessTokenTtl.toSeconds() < 10 || refreshTokenTtl.compareTo(accessTokenTtl) < 0) {
      throw new IllegalArgumentException("access tokens must live at least 10 s and refresh tokens at least as long"
          + " as access tokens, got " + accessTokenTtl + " and " + refreshTokenTtl);
    }
    if (bcryptCost < 4 || bcryptCost > 31) {
      throw new IllegalArgumentException("the bcrypt cost must be between 4 and 31, got " + bcryptCost);
    }
    Objects.requireNonNull(testWebhookTimeout, "test webhook timeout");
  }

  /** Port 5678 on all addresses, data in {@code ./weft-data}, H2, no CORS, 16 MiB requests. */
  public static ServerConfig defaults() {
    return new ServerConfig("0.0.0.0", DEFAULT_PORT, Path.of("weft-data"), null, List.of(), 16L * 1024 * 1024, 20,
        Duration.ofMinutes(15), Duration.ofDays(30), false, 12, null, null, null, true, Duration.ofMinutes(2));
  }

  /**
   * The configuration the environment variables (and the properties file {@code WEFT_CONFIG} names) describe.
   *
   * @throws IllegalArgumentException naming the variable whose value is wrong, or the file that cannot be read
   */
  public static ServerConfig fromEnvironment(Map<String, String> env) {
    Properties file = new Properties();
    String configFile = env.get("WEFT_CONFIG");
    if (configFile != null && !configFile.isBlank()) {
      Path path = Path.of(configFile.trim());
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        file.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException("the config file " + path.toAbsolutePath() + " (WEFT_CONFIG) cannot be read: "
            + e.getMessage(), e);
      }
    }
    Settings s = new Settings(env, file);
    ServerConfig c = defaults();
    c = c.withHost(s.get("WEFT_HOST", "weft.host", c.host()));
    c = c.withPort(s.integer("WEFT_PORT", "weft.port", c.port()));
    c = c.withDataFolder(Path.of(s.get("WEFT_DATA", "weft.data", c.dataFolder().toString())));
    Properties db = new Properties();
    putIf(db, JdbcConfig.URL_PROPERTY, s.get("WEFT_DB_URL", JdbcConfig.URL_PROPERTY, null));
    putIf(db, JdbcConfig.USER_PROPERTY, s.get("WEFT_DB_USER", JdbcConfig.USER_PROPERTY, null));
    putIf(db, JdbcConfig.PASSWORD_PROPERTY, s.get("WEFT_DB_PASSWORD", JdbcConfig.PASSWORD_PROPERTY, null));
    putIf(db, JdbcConfig.POOL_SIZE_PROPERTY, s.get("WEFT_DB_POOL_SIZE", JdbcConfig.POOL_SIZE_PROPERTY, null));
    putIf(db, JdbcConfig.SCHEMA_PROPERTY, s.get("WEFT_DB_SCHEMA", JdbcConfig.SCHEMA_PROPERTY, null));
    if (!db.isEmpty()) {
      c = c.withJdbc(JdbcConfig.fromProperties(db, c.dataFolder()));
    }
    String cors = s.get("WEFT_CORS_ORIGINS", "weft.cors.origins", null);
    if (cors != null && !cors.isBlank()) {
      List<String> origins = new ArrayList<>();
      Arrays.stream(cors.split(",")).map(String::trim).filter(o -> !o.isEmpty()).forEach(origins::add);
      c = c.withCorsOrigins(origins);
    }
    c = c.withMaxRequestBytes(s.longValue("WEFT_MAX_REQUEST_BYTES", "weft.maxRequestBytes", c.maxRequestBytes()));
    c = c.withAuthRequestsPerMinute(s.integer("WEFT_AUTH_RATE_LIMIT", "weft.authRateLimit",
        c.authRequestsPerMinute()));
    c = c.withOpenRegistration(s.bool("WEFT_OPEN_REGISTRATION", "weft.openRegistration", c.openRegistration()));
    String key = s.get("WEFT_ENCRYPTION_KEY", "weft.encryptionKey", null);
    String jwt = s.get("WEFT_JWT_SECRET", "weft.jwtSecret", null);
    return c.withSecrets(key, jwt);
  }

  private static void putIf(Properties p, String key, String value) {
    if (value != null && !value.isBlank()) {
      p.setProperty(key, value);
    }
  }

  public ServerConfig withHost(String value) {
    return new ServerConfig(value, port, dataFolder, jdbc, corsOrigins, maxRequestBytes, authRequestsPerMinute,
        accessTokenTtl, refreshTokenTtl, openRegistration, bcryptCost, encryptionKey, jwtSecret, engine, serveUi,
        testWebhookTimeout);
  }

  public ServerConfig withPort(int value) {
    return new ServerConfig(host, value, dataFolder, jdbc, corsOrigins, maxRequestBytes, authRequestsPerMinute,
        accessTokenTtl, refreshTokenTtl, openRegistration, bcryptCost, encryptionKey, jwtSecret, engine, serveUi,
        testWebhookTimeout);
  }

  public ServerConfig withDataFolder(Path value) {
    return new ServerConfig(host, port, value, jdbc, corsOrigins, maxRequestBytes, authRequestsPerMinute,
        accessTokenTtl, refreshTokenTtl, openRegistration, bcryptCost, encryptionKey, jwtSecret, engine, serveUi,
        testWebhookTimeout);
  }

  /** A copy on this database ({@code null}: H2 in the data folder). */
  public ServerConfig withJdbc(JdbcConfig value) {
    return new ServerConfig(host, port, dataFolder, value, corsOrigins, maxRequestBytes, authRequestsPerMinute,
        accessTokenTtl, refreshTokenTtl, openRegistration, bcryptCost, encryptionKey, jwtSecret, engine, serveUi,
        testWebhookTimeout);
  }

  public ServerConfig withCorsOrigins(List<String> value) {
    return new ServerConfig(host, port, dataFolder, jdbc, value, maxRequestBytes, authRequestsPerMinute,
        accessTokenTtl, refreshTokenTtl, openRegistration, bcryptCost, encryptionKey, jwtSecret, engine, serveUi,
        testWebhookTimeout);
  }

  public ServerConfig withMaxRequestBytes(long value) {
    return new ServerConfig(host, port, dataFolder, jdbc, corsOrigins, value, authRequestsPerMinute,
        accessTokenTtl, refreshTokenTtl, openRegistration, bcryptCost, encryptionKey, jwtSecret, engine, serveUi,
        testWebhookTimeout);
  }

  public ServerConfig withAuthRequestsPerMinute(int value) {
    return new ServerConfig(host, port, dataFolder, jdbc, corsOrigins, maxRequestBytes, value,
        accessTokenTtl, refreshTokenTtl, openRegistration, bcryptCost, encryptionKey, jwtSecret, engine, serveUi,
        testWebhookTimeout);
  }

  public ServerConfig withTokenLifetimes(Duration access, Duration refresh) {
    return new ServerConfig(host, port, dataFolder, jdbc, corsOrigins, maxRequestBytes, authRequestsPerMinute,
        access, refresh, openRegistration, bcryptCost, encryptionKey, jwtSecret, engine, serveUi,
        testWebhookTimeout);
  }

  public ServerConfig withOpenRegistration(boolean value) {
    return new ServerConfig(host, port, dataFolder, jdbc, corsOrigins, maxRequestBytes, authRequestsPerMinute,
        accessTokenTtl, refreshTokenTtl, value, bcryptCost, encryptionKey, jwtSecret, engine, serveUi,
        testWebhookTimeout);
  }

  public ServerConfig withBcryptCost(int value) {
    return new ServerConfig(host, port, dataFolder, jdbc, corsOrigins, maxRequestBytes, authRequestsPerMinute,
        accessTokenTtl, refreshTokenTtl, openRegistration, value, encryptionKey, jwtSecret, engine, serveUi,
        testWebhookTimeout);
  }

  /** A copy with these credential keys and token secret ({@code null}: the data folder's generated ones). */
  public ServerConfig withSecrets(String credentialKeys, String tokenSecret) {
    return new ServerConfig(host, port, dataFolder, jdbc, corsOrigins, maxRequestBytes, authRequestsPerMinute,
        accessTokenTtl, refreshTokenTtl, openRegistration, bcryptCost, credentialKeys, tokenSecret, engine, serveUi,
        testWebhookTimeout);
  }

  /** A copy that lets {@code value} change the engine before it is built (add node packs, services, a clock). */
  public ServerConfig withEngine(Consumer<Weft.Builder> value) {
    return new ServerConfig(host, port, dataFolder, jdbc, corsOrigins, maxRequestBytes, authRequestsPerMinute,
        accessTokenTtl, refreshTokenTtl, openRegistration, bcryptCost, encryptionKey, jwtSecret, value, serveUi,
        testWebhookTimeout);
  }

  public ServerConfig withServeUi(boolean value) {
    return new ServerConfig(host, port, dataFolder, jdbc, corsOrigins, maxRequestBytes, authRequestsPerMinute,
        accessTokenTtl, refreshTokenTtl, openRegistration, bcryptCost, encryptionKey, jwtSecret, engine, value,
        testWebhookTimeout);
  }

  public ServerConfig withTestWebhookTimeout(Duration value) {
    return new ServerConfig(host, port, dataFolder, jdbc, corsOrigins, maxRequestBytes, authRequestsPerMinute,
        accessTokenTtl, refreshTokenTtl, openRegistration, bcryptCost, encryptionKey, jwtSecret, engine, serveUi,
        value);
  }

  /** The database to use: {@link #jdbc()} or H2 in the data folder. */
  public JdbcConfig database() {
    return jdbc != null ? jdbc : JdbcConfig.h2(dataFolder);
  }

  /** Everything but the secrets. */
  @Override
  public String toString() {
    return "ServerConfig[" + host + ":" + port + ", data=" + dataFolder + ", db=" + database() + ", cors="
        + corsOrigins + ", maxRequestBytes=" + maxRequestBytes + ", openRegistration=" + openRegistration
        + ", encryptionKey=" + (encryptionKey == null ? "data folder" : "<given>") + ", jwtSecret="
        + (jwtSecret == null ? "data folder" : "<given>") + "]";
  }

  /** Environment first, then the config file, then the default. */
  private record Settings(Map<String, String> env, Properties file) {
    String get(String envName, String property, String fallback) {
      String v = env.get(envName);
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
      v = file.getProperty(property);
      return v != null && !v.isBlank() ? v.trim() : fallback;
    }

    int integer(String envName, String property, int fallback) {
      String v = get(envName, property, null);
      if (v == null) {
        return fallback;
      }
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(envName + " (" + property + ") must be a whole number, got '" + v + "'");
      }
    }

    long longValue(String envName, String property, long fallback) {
      String v = get(envName, property, null);
      if (v == null) {
        return fallback;
      }
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(envName + " (" + property + ") must be a whole number, got '" + v + "'");
      }
    }

    boolean bool(String envName, String property, boolean fallback) {
      String v = get(envName, property, null);
      if (v == null) {
        return fallback;
      }
      if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(v);
      }
      throw new IllegalArgumentException(envName + " (" + property + ") must be true or false, got '" + v + "'");
    }
  }
}
