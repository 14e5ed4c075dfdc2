package dev.weft.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.binary.FileBinaryStore;
import dev.weft.server.ServerConfig;
import dev.weft.server.WeftServer;
import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import dev.weft.workflow.Workflow;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled Webhook and Respond to Webhook nodes behind the real server move 64 MiB files (raw bodies and form
 * uploads) as streams: the server reads at most 1 MiB of a body into memory, the binary store refuses content held in
 * memory, and a binary answer reaches the caller while the store is still being read.
 */
class WebhookStreamingServerTest {
  private static final long SIZE = 64L * 1024 * 1024;
  @TempDir
  static Path folder;
  static StreamOnlyStore store;
  static WeftServer server;

  @BeforeAll
  static void start() throws Exception {
    store = new StreamOnlyStore(new FileBinaryStore(folder.resolve("binaries")));
    server = WeftServer.create(ServerConfig.defaults().withHost("127.0.0.1").withPort(0)
        .withDataFolder(folder.resolve("data")).withBcryptCost(4).withServeUi(false)
        .withMaxRequestBytes(1024 * 1024).withEngine(b -> b.binaryStore(store))).start();
    server.engine().activate(Workflow.fromJson("""
        { "id": "wf-echo", "name": "echo",
          "nodes": [ { "name": "Hook", "type": "weft.webhook", "parameters": { "path": "echo",
                         "responseMode": "lastNode", "responseData": "firstEntryBinary" } } ],
          "connections": [] }"""));
    server.engine().activate(Workflow.fromJson("""
        { "id": "wf-respond", "name": "respond",
          "nodes": [ { "name": "Hook", "type": "weft.webhook", "parameters": { "path": "respond",
                         "responseMode": "responseNode" } },
                     { "name": "Respond", "type": "weft.respondToWebhook", "parameters": { "respondWith": "binary",
                         "headers": [ { "name": "Content-Type", "value": "application/x-archive" } ] } } ],
          "connections": [ { "from": "Hook", "to": "Respond" } ] }"""));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anUploadIsStoredAsAStreamAndAnsweredBackAsOne() throws Exception {
    roundTrip("/webhook/echo", "application/octet-stream", false);
  }

  @Test
  void aMultipartFileUploadIsStoredAsAStream() throws Exception {
    roundTrip("/webhook/echo", "application/octet-stream", true);
  }

  @Test
  void aRespondToWebhookNodeStreamsItsBinaryAnswer() throws Exception {
    roundTrip("/webhook/respond", "application/x-archive", false);
  }

  /** Sends 64 MiB (as the body, or as the file field {@code data} of a form) and reads them back. */
  private void roundTrip(String path, String answeredType, boolean multipart) throws Exception {
    int before = store.stored.size();
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.port() + path).toURL()
        .openConnection();
    c.setConnectTimeout(30_000);
    c.setReadTimeout(120_000);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    byte[] head = ("--f0rm\r\nContent-Disposition: form-data; name=\"data\"; filename=\"big.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] tail = "\r\n--f0rm--\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    c.setFixedLengthStreamingMode(multipart ? SIZE + head.length + tail.length : SIZE);
    c.setRequestProperty("Content-Type", multipart ? "multipart/form-data; boundary=f0rm" : "application/octet-stream");
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    try (OutputStream out = c.getOutputStream(); InputStream pattern = pattern(SIZE)) {
      if (multipart) {
        out.write(head);
      }
      byte[] chunk = new byte[65536];
      for (int n; (n = pattern.read(chunk)) > 0; ) {
        out.write(chunk, 0, n);
        sent.update(chunk, 0, n);
      }
      if (multipart) {
        out.write(tail);
      }
    }
    assertThat(c.getResponseCode()).isEqualTo(200);
    byte[] sentHash = sent.digest();

    assertThat(store.stored).hasSize(before + 1);
    BinaryData data = store.stored.get(before);
    assertThat(data.size()).isEqualTo(SIZE);
    assertThat(store.hashes.get(data.id())).isEqualTo(sentHash);

    assertThat(c.getContentType()).isEqualTo(answeredType);
    MessageDigest received = MessageDigest.getInstance("SHA-256");
    long total;
    try (DigestInputStream in = new DigestInputStream(c.getInputStream(), received)) {
      total = in.readNBytes(1024 * 1024).length;
      // read whole into memory first, the answer would have been read to its end before its first byte went out
      assertThat(store.served.get()).isLessThan(SIZE / 2);
      total += in.transferTo(OutputStream.nullOutputStream());
    }
    assertThat(total).isEqualTo(SIZE);
    assertThat(received.digest()).isEqualTo(sentHash);
  }

  private static InputStream pattern(long size) {
    return new InputStream() {
      private long position;

      @Override
      public int read() {
        return position < size ? (byte) (position * 31 + (position++ >> 8)) & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        int n = (int) Math.min(len, size - position);
        if (n <= 0) {
          return -1;
        }
        for (int i = 0; i < n; i++, position++) {
          b[off + i] = (byte) (position * 31 + (position >> 8));
        }
        return n;
      }
    };
  }

  /**
   * A file store that takes content only as a stream (content handed over as a {@code byte[]}, or as a stream over
   * one, fails the test), records the SHA-256 of what it stores, and counts the bytes read from what it serves.
   */
  static final class StreamOnlyStore implements BinaryStore {
    private final BinaryStore files;
    final List<BinaryData> stored = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> hashes = new ConcurrentHashMap<>();
    final AtomicLong served = new AtomicLong();

    StreamOnlyStore(BinaryStore files) {
      this.files = files;
    }

    @Override
    public BinaryData store(InputStream content, String mimeType, String fileName) throws IOException {
      if (content instanceof ByteArrayInputStream) {
        throw new AssertionError("the content was read whole into memory before it reached the binary store");
      }
      MessageDigest sha;
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      BinaryData data = files.store(new DigestInputStream(content, sha), mimeType, fileName);
      hashes.put(data.id(), sha.digest());
      stored.add(data);
      return data;
    }

    @Override
    public BinaryData store(byte[] content, String mimeType, String fileName) {
      throw new AssertionError(content.length + " bytes were held whole in memory and handed over as a byte[]");
    }

    @Override
    public InputStream open(BinaryData data) throws IOException {
      served.set(0);
      return new FilterInputStream(files.open(data)) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          served.addAndGet(Math.max(n, 0));
          return n;
        }
      };
    }

    @Override
    public byte[] readAll(BinaryData data) {
      throw new AssertionError("a binary answer was read whole into memory");
    }

    @Override
    public void delete(BinaryData data) throws IOException {
      files.delete(data);
    }
  }
}
