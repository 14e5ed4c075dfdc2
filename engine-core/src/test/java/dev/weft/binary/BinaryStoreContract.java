package dev.weft.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import dev.weft.store.Race;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BinaryStore} must do. A backend's test extends this class and implements {@link #newStore()},
 * returning an empty store.
 */
public abstract class BinaryStoreContract {

  /** The store under test, empty at the start of each test. */
  protected BinaryStore store;

  /** An empty store. */
  protected abstract BinaryStore newStore() throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    store = newStore();
  }

  /** A stream of {@code size} pseudo-random bytes generated on the fly (never held in memory). */
  protected static InputStream generated(long size, long seed) {
    Random random = new Random(seed);
    return new InputStream() {
      long left = size;

      @Override
      public int read() {
        if (left == 0) {
          return -1;
        }
        left--;
        return random.nextInt(256);
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left == 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) random.nextInt(256);
        }
        left -= n;
        return n;
      }
    };
  }

  /** SHA-256 of a stream read to its end. */
  protected static byte[] sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
    }
    return digest.digest();
  }

  /** A stream that fails after {@code good} bytes, like a dropped upload. */
  protected static InputStream failingAfter(int good) {
    return new InputStream() {
      int served;

      @Override
      public int read() throws IOException {
        if (served == good) {
          throw new IOException("connection reset by peer");
        }
        served++;
        return 'x';
      }
    };
  }

  @Test
  void storedContentReadsBackWithItsMetadata() throws Exception {
    byte[] csv = "id,name\n1,Ada\n2,Grace\n".getBytes(StandardCharsets.UTF_8);

    BinaryData data = store.store(csv, "text/csv", "people.csv");

    assertThat(data.id()).isNotBlank();
    assertThat(data.mimeType()).isEqualTo("text/csv");
    assertThat(data.fileName()).isEqualTo("people.csv");
    assertThat(data.size()).isEqualTo(csv.length);
    assertThat(store.readAll(data)).isEqualTo(csv);
    try (InputStream in = store.open(data)) {
      assertThat(in.readAllBytes()).isEqualTo(csv);
    }
  }

  @Test
  void emptyContentAndMissingMetadataAreFine() throws Exception {
    BinaryData data = store.store(new byte[0], null, null);
    assertThat(data.size()).isZero();
    assertThat(data.mimeType()).isEqualTo("application/octet-stream");
    assertThat(data.fileName()).isNull();
    assertThat(store.readAll(data)).isEmpty();
  }

  @Test
  void largeContentIsStreamedInAndOutIntact() throws Exception {
    long size = 12L * 1024 * 1024 + 17;
    byte[] expected = sha256(generated(size, 42));

    BinaryData data = store.store(generated(size, 42), "application/zip", "big.zip");

    assertThat(data.size()).isEqualTo(size);
    try (InputStream in = store.open(data)) {
      assertThat(sha256(in)).isEqualTo(expected);
    }
  }

  @Test
  void idsAreRandomNotDerivedFromNamesOrContent() throws Exception {
    byte[] same = "same".getBytes(StandardCharsets.UTF_8);
    BinaryData a = store.store(same, "text/plain", "report.txt");
    BinaryData b = store.store(same, "text/plain", "report.txt");

    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(a.id()).doesNotContain("report").doesNotContain("/").doesNotContain("\\").doesNotContain("..");
    store.delete(a);
    assertThat(store.readAll(b)).isEqualTo(same);
  }

  @Test
  void fileNamesThatLookLikePathsAreJustNames() throws Exception {
    byte[] bytes = {1, 2, 3};
    BinaryData data = store.store(bytes, null, "../../../etc/passwd");
    assertThat(data.fileName()).isEqualTo("../../../etc/passwd");
    assertThat(store.readAll(data)).isEqualTo(bytes);
  }

  @Test
  void unknownContentFailsNamingTheIdAndFile() throws Exception {
    BinaryData ghost = new BinaryData("0123456789abcdef0123456789abcdef", "text/plain", "ghost.txt", 3);
    assertThatThrownBy(() -> store.open(ghost))
        .isInstanceOfSatisfying(BinaryNotFoundException.class,
            e -> assertThat(e.id()).isEqualTo(ghost.id()))
        .hasMessageContaining(ghost.id())
        .hasMessageContaining("ghost.txt");
  }

  @Test
  void deletedContentIsGoneAndDeletingTwiceIsFine() throws Exception {
    BinaryData data = store.store(new byte[] {9}, null, "x.bin");
    store.delete(data);
    store.delete(data);
    assertThatThrownBy(() -> store.open(data)).isInstanceOf(BinaryNotFoundException.class)
        .hasMessageContaining(data.id());
  }

  @Test
  void idsThatCouldEscapeTheStoreAreUnknown() throws Exception {
    BinaryData real = store.store(new byte[] {1}, null, null);
    for (String id : List.of("../" + real.id(), "..", ".", "/etc/passwd", "../../../../etc/passwd",
        real.id() + "/..", "C:\\Windows\\win.ini", "", real.id().substring(0, 2) + "/" + real.id(),
        "%2e%2e%2fetc%2fpasswd")) {
      BinaryData forged = new BinaryData(id, null, null, 1);
      assertThatThrownBy(() -> store.open(forged)).as("open of id '%s'", id)
          .isInstanceOf(BinaryNotFoundException.class);
      store.delete(forged);
    }
    assertThat(store.readAll(real)).containsExactly(1);
  }

  @Test
  void aWriteThatFailsMidwayStoresNothingAndReportsTheCause() throws Exception {
    assertThatThrownBy(() -> store.store(failingAfter(5000), "text/plain", "upload.txt"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("connection reset by peer");
  }

  @Test
  void concurrentWritesAndReadsDoNotInterfere() throws Exception {
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      int thread = t;
      tasks.add(() -> {
        for (int i = 0; i < 20; i++) {
          byte[] bytes = ("thread " + thread + " item " + i).repeat(50).getBytes(StandardCharsets.UTF_8);
          BinaryData data = store.store(new ByteArrayInputStream(bytes), "text/plain", "f.txt");
          if (!java.util.Arrays.equals(bytes, store.readAll(data))) {
            return false;
          }
          if (i % 2 == 0) {
            store.delete(data);
          }
        }
        return true;
      });
    }
    Set<Boolean> results = new HashSet<>();
    for (Race.Outcome<Boolean> o : Race.run(tasks)) {
      assertThat(o.error()).isNull();
      results.add(o.value());
    }
    assertThat(results).containsExactly(true);
  }
}
