package dev.weft.nodes.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {
  /** Hands out its bytes in chunks of 1 to {@code max} bytes, as a network does. */
  private static InputStream chunked(byte[] bytes, int max, long seed) {
    Random random = new Random(seed);
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(max)));
      }
    };
  }

  private static List<String> parts(InputStream in, String boundary) throws IOException {
    MultipartReader reader = new MultipartReader(in, boundary);
    List<String> out = new ArrayList<>();
    for (MultipartReader.Part p; (p = reader.next()) != null; ) {
      out.add(p.headers().getHeader("Content-Disposition", null) + "=" + new String(p.content().readAllBytes(),
          StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  @Test
  void readsPartsWhateverTheChunksTheBodyArrivesIn() throws Exception {
    byte[] file = new byte[200_000];
    new Random(7).nextBytes(file);
    String fileText = new String(file, StandardCharsets.ISO_8859_1);
    String body = "preamble to ignore\r\n--b0undary  \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
        + "line one\r\n--b0undar not yet\r\n"
        + "\r\n--b0undary\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + fileText
        + "\r\n--b0undary\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n"
        + "\r\n--b0undary--\r\nepilogue";
    byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
    List<String> expected = List.of("form-data; name=\"a\"=line one\r\n--b0undar not yet\r\n",
        "form-data; name=\"f\"; filename=\"x.bin\"=" + fileText, "form-data; name=\"empty\"=");
    for (int max : new int[] {1, 3, 17, 8192, 100_000}) {
      assertThat(parts(chunked(bytes, max, max), "b0undary")).as("chunks of up to %d bytes", max)
          .isEqualTo(expected);
    }
  }

  @Test
  void aPartLeftUnreadIsSkipped() throws Exception {
    String body = "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nskipped\r\n"
        + "--x\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nread\r\n--x--";
    MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "x");
    MultipartReader.Part first = reader.next();
    MultipartReader.Part second = reader.next();
    assertThat(first.content().read()).isEqualTo(-1);
    assertThat(new String(second.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("read");
    assertThat(reader.next()).isNull();
  }

  @Test
  void aBodyThatBreaksOffIsMalformed() {
    String body = "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end";
    assertThatThrownBy(() -> parts(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "x"))
        .isInstanceOf(MultipartReader.MalformedException.class).hasMessageContaining("closing boundary");
    assertThatThrownBy(() -> new MultipartReader(InputStream.nullInputStream(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
