package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.weft.persistence.jdbc.JdbcConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by a server that kept accounts in its own table {@code weft_server_user}: starting this server
 * moves them to the engine's user store, keeping passwords and refresh tokens, with the oldest account as admin.
 */
class UserMigrationTest {
  private static final String OLD_PASSWORD = "old password 1";

  @TempDir
  Path data;

  @Test
  void accountsAndRefreshTokensOfAnOlderServerCarryOverOnH2() throws Exception {
    JdbcConfig h2 = JdbcConfig.h2(data);
    migrate(h2, null);
    try (WeftServer server = WeftServer.create(TestServers.config(data)).start()) {
      checkCarriedOver(server, h2, null);
    }
  }

  @Test
  void accountsAndRefreshTokensOfAnOlderServerCarryOverOnPostgres() throws Exception {
    String schema = "weft_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    JdbcConfig pg = JdbcConfig.url(PostgresServerTest.URL)
        .withCredentials(PostgresServerTest.USER, PostgresServerTest.PASSWORD).withSchema(schema);
    try {
      migrate(pg, schema);
      try (WeftServer server = WeftServer.create(TestServers.config(data).withJdbc(pg)).start()) {
        checkCarriedOver(server, pg, schema);
      }
    } finally {
      try (Connection c = connect(pg); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
      }
    }
  }

  /** The tables as the server before the user store left them (engine V2, server V2), with two accounts. */
  private static void migrate(JdbcConfig db, String schema) throws Exception {
    boolean postgres = db.url().startsWith("jdbc:postgresql:");
    String folder = postgres ? "postgresql" : "h2";
    if (schema != null) {
      try (Connection c = connect(db.withSchema(null)); Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA \"" + schema + "\"");
      }
    }
    // the server's PostgreSQL scripts had no V2
    for (String[] set : new String[][] {{"db/weft/", "weft_schema_history", "2"},
        {"db/weft-server/", "weft_server_schema_history", postgres ? "1" : "2"}}) {
      var flyway = Flyway.configure().dataSource(db.url(), db.user(), db.password())
          .locations("classpath:" + set[0] + folder).table(set[1]).target(set[2])
          .baselineOnMigrate(true).baselineVersion("0"); // as ServerDatabase does, beside the engine's tables
      if (schema != null) {
        flyway = flyway.schemas(schema).defaultSchema(schema);
      }
      flyway.load().migrate();
    }
    Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
    try (Connection c = connect(db)) {
      String hash = BCrypt.withDefaults().hashToString(4, OLD_PASSWORD.toCharArray());
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO weft_server_user (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)")) {
        insertUser(ps, "u-first", "first@example.com", hash, t0);
        insertUser(ps, "u-second", "second@example.com", hash, t0.plus(Duration.ofDays(1)));
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO weft_server_refresh_token (token_hash, user_id,"
          + " expires_at, revoked) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, sha256("old-refresh-token"));
        ps.setString(2, "u-second");
        ps.setTimestamp(3, Timestamp.from(Instant.now().plus(Duration.ofDays(7))));
        ps.setBoolean(4, false);
        ps.executeUpdate();
      }
    }
  }

  private static void insertUser(PreparedStatement ps, String id, String email, String hash, Instant at)
      throws Exception {
    ps.setString(1, id);
    ps.setString(2, email);
    ps.setString(3, hash);
    ps.setTimestamp(4, Timestamp.from(at));
    ps.executeUpdate();
  }

  private static void checkCarriedOver(WeftServer server, JdbcConfig db, String schema) throws Exception {
    Http http = Http.to(server);
    assertThat(http.get("/api/auth/status").body()).containsEntry("setupRequired", false);
    Http.Res first = http.post("/api/auth/login", Map.of("email", "FIRST@example.com", "password", OLD_PASSWORD));
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    assertThat(map(first.body().get("user"))).containsEntry("id", "u-first").containsEntry("role", "admin");
    Http.Res second = http.post("/api/auth/login", Map.of("email", "second@example.com", "password", OLD_PASSWORD));
    assertThat(map(second.body().get("user"))).containsEntry("id", "u-second")
        .containsEntry("role", "member");
    Http.Res refreshed = http.post("/api/auth/refresh", Map.of("refreshToken", "old-refresh-token"));
    assertThat(refreshed.status()).as("a refresh token issued before the upgrade still works").isEqualTo(200);
    assertThat(map(refreshed.body().get("user"))).containsEntry("id", "u-second");
    assertThat(http.as((String) first.body().get("token")).get("/api/audit").status()).isEqualTo(200);

    Http.Res taken = http.as((String) first.body().get("token")).post("/api/auth/register",
        Map.of("email", "Second@Example.com", "password", "long enough 2"));
    assertThat(taken.status()).isEqualTo(409);
    try (Connection c = connect(db); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) ="
            + " 'weft_server_user'" + (schema == null ? "" : " AND table_schema = '" + schema + "'"))) {
      rs.next();
      assertThat(rs.getInt(1)).as("the server's own user table is gone").isZero();
    }
  }

  private static Connection connect(JdbcConfig db) throws Exception {
    Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
    if (db.schema() != null) {
      try (Statement st = c.createStatement()) {
        st.execute("SET search_path TO \"" + db.schema() + "\"");
      }
    }
    return c;
  }

  private static String sha256(String token) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
