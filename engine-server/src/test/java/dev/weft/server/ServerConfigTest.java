package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerConfigTest {
  @TempDir
  Path dir;

  @Test
  void theEnvironmentConfiguresTheServer() {
    ServerConfig c = ServerConfig.fromEnvironment(Map.of("WEFT_PORT", "8080", "WEFT_DATA", dir.toString(),
        "WEFT_CORS_ORIGINS", "https://a.example.com, http://localhost:5173", "WEFT_OPEN_REGISTRATION", "true",
        "WEFT_DB_URL", "jdbc:postgresql://db:5432/weft", "WEFT_DB_USER", "weft", "WEFT_DB_PASSWORD", "hunter2"));
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.dataFolder()).isEqualTo(dir);
    assertThat(c.corsOrigins()).containsExactly("https://a.example.com", "http://localhost:5173");
    assertThat(c.openRegistration()).isTrue();
    assertThat(c.database().url()).isEqualTo("jdbc:postgresql://db:5432/weft");
    assertThat(c.database().user()).isEqualTo("weft");
    assertThat(c.toString()).doesNotContain("hunter2");

    ServerConfig d = ServerConfig.fromEnvironment(Map.of());
    assertThat(d.port()).isEqualTo(5678);
    assertThat(d.dataFolder()).isEqualTo(Path.of("weft-data"));
    assertThat(d.database().url()).startsWith("jdbc:h2:file:").contains("weft-data");
  }

  @Test
  void aConfigFileIsReadAndTheEnvironmentWins() throws Exception {
    Path file = dir.resolve("weft.properties");
    Files.writeString(file, "weft.port=7000\nweft.host=127.0.0.1\nweft.authRateLimit=5\n");
    ServerConfig c = ServerConfig.fromEnvironment(Map.of("WEFT_CONFIG", file.toString(), "WEFT_PORT", "7001"));
    assertThat(c.port()).isEqualTo(7001);
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.authRequestsPerMinute()).isEqualTo(5);
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("WEFT_CONFIG", dir.resolve("missing").toString())))
        .hasMessageContaining("missing").hasMessageContaining("WEFT_CONFIG");
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("WEFT_PORT", "eighty")))
        .hasMessageContaining("WEFT_PORT").hasMessageContaining("eighty");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("WEFT_PORT", "70000")))
        .hasMessageContaining("65535");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("WEFT_CORS_ORIGINS", "https://a.com/path")))
        .hasMessageContaining("https://a.com/path");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("WEFT_OPEN_REGISTRATION", "maybe")))
        .hasMessageContaining("WEFT_OPEN_REGISTRATION");
  }

  @Test
  void generatedKeysAreReadableByTheOwnerOnlyAndKeptAcrossStarts() throws Exception {
    Path data = dir.resolve("data");
    ServerConfig config = TestServers.config(data);
    byte[] first;
    try (WeftServer server = WeftServer.create(config)) {
      first = Keys.jwtSecret(config);
      assertThat(server.engine()).isNotNull();
    }
    for (String name : List.of(Keys.ENCRYPTION_KEY_FILE, Keys.JWT_SECRET_FILE)) {
      Path key = data.resolve(name);
      assertThat(key).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
    assertThat(Keys.jwtSecret(config)).isEqualTo(first);
    assertThatThrownBy(() -> Keys.jwtSecret(config.withSecrets(null, "c2hvcnQ=")))
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void serveOptionsWinOverTheEnvironment() {
    ServeCommand command = new ServeCommand(Map.of("WEFT_PORT", "9000", "WEFT_DATA", dir.toString()));
    new CommandLine(command).parseArgs("--port", "9100", "--cors", "https://x.example.com", "--open-registration");
    ServerConfig c = command.config();
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.dataFolder()).isEqualTo(dir);
    assertThat(c.corsOrigins()).containsExactly("https://x.example.com");
    assertThat(c.openRegistration()).isTrue();
    ServeCommand withData = new ServeCommand(Map.of());
    new CommandLine(withData).parseArgs("--data", dir.resolve("d2").toString());
    assertThat(withData.config().database().url()).contains("d2");
  }
}
