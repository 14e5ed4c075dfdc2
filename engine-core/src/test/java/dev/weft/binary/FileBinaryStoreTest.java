package dev.weft.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBinaryStoreTest extends BinaryStoreContract {
  @TempDir
  Path dir;

  @Override
  protected BinaryStore newStore() throws IOException {
    return new FileBinaryStore(dir.resolve("binary"));
  }

  private List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void contentLivesInsideTheFolderUnderItsId() throws Exception {
    BinaryData data = store.store(new byte[] {1, 2}, "image/png", "../../escape.png");

    List<Path> files = filesUnder(dir);
    assertThat(files).hasSize(1);
    Path file = files.get(0);
    assertThat(file.getFileName().toString()).isEqualTo(data.id());
    assertThat(file.startsWith(dir.resolve("binary"))).isTrue();
    assertThat(file.toString()).doesNotContain("escape");
  }

  @Test
  void aFailedWriteLeavesNoFileBehind() throws Exception {
    assertThatThrownBy(() -> store.store(failingAfter(100_000), "text/plain", "upload.txt"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("upload.txt");
    assertThat(filesUnder(dir)).isEmpty();
  }

  @Test
  void contentSurvivesANewStoreOnTheSameFolder() throws Exception {
    BinaryData data = store.store(new byte[] {7, 8, 9}, null, "keep.bin");
    FileBinaryStore reopened = new FileBinaryStore(dir.resolve("binary"));
    assertThat(reopened.readAll(data)).containsExactly(7, 8, 9);
  }

  @Test
  void deleteRemovesTheFile() throws Exception {
    BinaryData data = store.store(new byte[] {1}, null, null);
    store.delete(data);
    assertThat(filesUnder(dir)).isEmpty();
  }

  @Test
  void forgedIdsNeverReachFilesOutsideTheFolder() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "do not read");
    Path outside = Files.createDirectories(dir.resolve("binary").resolve("ab"));
    Files.writeString(outside.resolve("notes"), "not an id");
    for (String id : List.of("../secret.txt", "../../secret.txt", secret.toString(), "ab/notes", "tmp/../../secret.txt")) {
      BinaryData forged = new BinaryData(id, null, null, 1);
      assertThatThrownBy(() -> store.open(forged)).isInstanceOf(BinaryNotFoundException.class)
          .hasMessageContaining("not an id this store issues");
      store.delete(forged);
    }
    assertThat(Files.readString(secret)).isEqualTo("do not read");
    assertThat(Files.readString(outside.resolve("notes"))).isEqualTo("not an id");
  }

  @Test
  void leftoverTemporaryFilesCanBeCleanedUp() throws Exception {
    FileBinaryStore files = (FileBinaryStore) store;
    Files.writeString(files.root().resolve("tmp").resolve("upload-123.part"), "half a file");
    BinaryData kept = files.store(new byte[] {5}, null, null);

    assertThat(files.deleteTemporaryFiles()).isEqualTo(1);
    assertThat(filesUnder(dir)).hasSize(1);
    assertThat(files.readAll(kept)).containsExactly(5);
  }

  @Test
  void aFileWhereTheFolderShouldBeIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    assertThatThrownBy(() -> new FileBinaryStore(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("plain-file");
  }
}
