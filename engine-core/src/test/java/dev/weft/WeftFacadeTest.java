package dev.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeftFacadeTest {
  @TempDir
  Path dir;

  @Test
  void anEngineWithoutOptionalPartsSaysHowToConfigureThem() {
    try (Weft weft = Weft.builder().discoverNodePacks(false).build()) {
      assertThatThrownBy(weft::plugins).hasMessageContaining("pluginsDirectory");
      assertThatThrownBy(weft::credentials).hasMessageContaining("credentialStore");
      assertThat(weft.nodeTypes()).isEmpty();
    }
  }

  @Test
  void pluginsLoadFromTheConfiguredFolderAndABrokenOneIsReported() throws Exception {
    Files.writeString(dir.resolve("broken.zip"), "not a zip");
    try (Weft weft = Weft.builder().discoverNodePacks(false).pluginsDirectory(dir).build()) {
      assertThat(weft.plugins().list()).singleElement().satisfies(p -> assertThat(p.error()).isNotBlank());
    }
  }
}
