package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import dev.weft.spi.WebhookResponse;
import dev.weft.workflow.Workflow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook bodies through the real server: a 64 MiB upload reaches the handler as the request's stream (the server's
 * in-memory limit is 1 MiB, so reading it whole would fail), and a 64 MiB streamed answer reaches the caller while it is
 * still being read from its source.
 */
class WebhookStreamingTest {
  private static final long SIZE = 64L * 1024 * 1024;
  private static final AtomicLong SERVED = new AtomicLong();
  @TempDir
  static Path data;
  static WeftServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServers.start(data, c -> c.withMaxRequestBytes(1024 * 1024)
        .withEngine(c.engine().andThen(b -> b.node(new StreamTrigger()))));
    server.engine().activate(Workflow.fromJson("""
        { "id": "wf-streams", "name": "streams",
          "nodes": [ { "name": "Up", "type": "test.streamWebhook", "parameters": { "path": "up", "mode": "upload" } },
                     { "name": "Down", "type": "test.streamWebhook", "parameters": { "path": "down", "mode": "download" } } ],
          "connections": [] }"""));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private HttpURLConnection open(String method, String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.port() + path).toURL()
        .openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(30_000);
    c.setReadTimeout(120_000);
    return c;
  }

  @Test
  void aLargeUploadReachesTheHandlerAsAStream() throws Exception {
    HttpURLConnection c = open("POST", "/webhook/up");
    c.setDoOutput(true);
    c.setFixedLengthStreamingMode(SIZE);
    c.setRequestProperty("Content-Type", "application/octet-stream");
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    try (OutputStream out = c.getOutputStream()) {
      Pattern pattern = new Pattern(SIZE);
      byte[] chunk = new byte[65536];
      for (int n; (n = pattern.read(chunk)) > 0; ) {
        out.write(chunk, 0, n);
        sent.update(chunk, 0, n);
      }
    }
    assertThat(c.getResponseCode()).isEqualTo(200);
    String answer;
    try (InputStream in = c.getInputStream()) {
      answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(answer).isEqualTo("{\"declared\":" + SIZE + ",\"size\":" + SIZE + ",\"sha256\":\""
        + HexFormat.of().formatHex(sent.digest()) + "\"}");
  }

  @Test
  void aSmallBodyIsStillReadWholeAndOneOverTheLimitGets413() throws Exception {
    HttpURLConnection small = open("POST", "/webhook/up?whole=true");
    small.setDoOutput(true);
    small.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = small.getOutputStream()) {
      out.write("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(small.getResponseCode()).isEqualTo(200);
    try (InputStream in = small.getInputStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"whole\":7}");
    }

    HttpURLConnection big = open("POST", "/webhook/up?whole=true");
    big.setDoOutput(true);
    big.setChunkedStreamingMode(8192); // no declared length: the limit applies as the body is read
    big.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = big.getOutputStream()) {
      out.write(new byte[1024 * 1024 + 4096]);
    } catch (IOException closedEarly) {
      // the server may answer and close before the whole body is sent
    }
    assertThat(big.getResponseCode()).isEqualTo(413);
  }

  @Test
  void aLargeStreamedAnswerReachesTheCallerWhileItIsRead() throws Exception {
    HttpURLConnection c = open("GET", "/webhook/down");
    assertThat(c.getResponseCode()).isEqualTo(200);
    assertThat(c.getContentType()).isEqualTo("application/octet-stream");
    MessageDigest received = MessageDigest.getInstance("SHA-256");
    long total;
    try (DigestInputStream in = new DigestInputStream(c.getInputStream(), received)) {
      total = in.readNBytes(1024 * 1024).length;
      // held whole in memory first, the answer would have been read to its end before its first byte went out
      assertThat(SERVED.get()).isLessThan(SIZE / 2);
      total += in.transferTo(OutputStream.nullOutputStream());
    }
    assertThat(total).isEqualTo(SIZE);
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    try (DigestInputStream in = new DigestInputStream(new Pattern(SIZE), expected)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    assertThat(received.digest()).isEqualTo(expected.digest());
  }

  /** {@code size} bytes of a repeating, non-trivial pattern, generated as they are read. */
  static class Pattern extends InputStream {
    private static final byte[] BLOCK = new byte[65536];
    private final long size;
    private long position;

    static {
      for (int i = 0; i < BLOCK.length; i++) {
        BLOCK[i] = (byte) (i * 31 + (i >> 8));
      }
    }

    Pattern(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      return position < size ? BLOCK[(int) (position++ % BLOCK.length)] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int at = (int) (position % BLOCK.length);
      int n = (int) Math.min(Math.min(len, BLOCK.length - at), size - position);
      if (n <= 0) {
        return len == 0 ? 0 : -1;
      }
      System.arraycopy(BLOCK, at, b, off, n);
      position += n;
      return n;
    }
  }

  /**
   * Serves {@code path}: in mode {@code upload} it streams the body into a SHA-256 and answers size and hash (or, with
   * {@code ?whole=true}, reads it whole as JSON); in mode {@code download} it answers 64 MiB streamed from a pattern.
   */
  static final class StreamTrigger implements TriggerNode {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.streamWebhook").displayName("Streaming webhook").group("trigger").inputs()
          .parameters(ParameterSpec.string("path").required().build(), ParameterSpec.string("mode").build())
          .build();
    }

    @Override
    public TriggerActivation activate(TriggerContext context) throws Exception {
      String path = context.parameter("path", String.class);
      if ("download".equals(context.parameter("mode", String.class))) {
        return context.webhook("GET", path, request -> WebhookResponse.streamed(200, Map.of(),
            "application/octet-stream", SIZE, () -> new Pattern(SIZE) {
              @Override
              public int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                SERVED.addAndGet(Math.max(n, 0));
                return n;
              }
            }));
      }
      return context.webhook("POST", path, request -> {
        if (request.query().containsKey("whole")) {
          return WebhookResponse.json(200, "{\"whole\":" + (request.body().length) + "}");
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (InputStream in = request.bodyStream()) {
          byte[] chunk = new byte[65536];
          for (int n; (n = in.read(chunk)) > 0; ) {
            sha.update(chunk, 0, n);
            size += n;
          }
        }
        return WebhookResponse.json(200, "{\"declared\":" + request.contentLength() + ",\"size\":" + size
            + ",\"sha256\":\"" + HexFormat.of().formatHex(sha.digest()) + "\"}");
      });
    }
  }
}
