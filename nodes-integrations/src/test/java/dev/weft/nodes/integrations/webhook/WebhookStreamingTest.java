package dev.weft.nodes.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Weft;
import dev.weft.binary.InMemoryBinaryStore;
import dev.weft.nodes.integrations.StreamingStore;
import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.Item;
import dev.weft.spi.WebhookBody;
import dev.weft.spi.WebhookRequest;
import dev.weft.spi.WebhookResponse;
import dev.weft.workflow.Workflow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Webhook bodies go between the caller and the binary store as streams: uploads are stored without being read into
 * memory (the request refuses to be read whole beyond 1 KiB, the store refuses byte arrays), and binary answers are
 * streamed from the store (a store whose {@code readAll} fails).
 */
class WebhookStreamingTest {
  private static final long SIZE = 16L * 1024 * 1024;

  private static Weft engine(BinaryStore store, List<Item> seen) {
    return Weft.builder().discoverNodePacks(false)
        .nodePack(new dev.weft.nodes.integrations.IntegrationNodes()).binaryStore(store)
        .node(new WebhookTriggerNodeTest.Record(seen))
        .build();
  }

  private static void activate(Weft weft, String hookParameters, String then) throws Exception {
    weft.activate(Workflow.fromJson("""
        { "id": "wf-stream", "name": "stream",
          "nodes": [ { "name": "Hook", "type": "weft.webhook", "parameters": %s },
                     { "name": "Record", "type": "test.record" } %s ],
          "connections": [ { "from": "Hook", "to": "Record" } %s ] }""".formatted(hookParameters,
        then.isEmpty() ? "" : ", " + then, then.isEmpty() ? "" : ", { \"from\": \"Record\", \"to\": \"Respond\" }")));
  }

  /** A request whose body can only be streamed: reading it whole fails beyond 1 KiB. */
  private static WebhookRequest streamed(String path, String contentType, InputStream body, long length) {
    return new WebhookRequest("POST", path, Map.of(), Map.of(), Map.of(), contentType, null,
        WebhookBody.stream(body, length, 1024));
  }

  /** Sends {@code SIZE} bytes to a webhook and checks they reached the store whole, as a stream. */
  private static BinaryData upload(String hookParameters, String contentType, long declaredLength) throws Exception {
    StreamingStore store = new StreamingStore();
    List<Item> seen = new CopyOnWriteArrayList<>();
    try (Weft weft = engine(store, seen)) {
      activate(weft, hookParameters, "");
      Buffer body = StreamingStore.largeBody(SIZE);
      String sha = StreamingStore.sha256(body);
      WebhookResponse r = weft.webhooks().handle(streamed("upload", contentType, body.inputStream(),
          declaredLength));

      assertThat(r.status()).isEqualTo(200);
      assertThat(seen.get(0).json().get("body")).isEqualTo(Map.of());
      BinaryData data = seen.get(0).binary().get("data");
      assertThat(data.size()).isEqualTo(SIZE);
      assertThat(store.sha256(data)).isEqualTo(sha);
      return data;
    }
  }

  @Test
  void aBinaryUploadIsStreamedIntoTheStore() throws Exception {
    BinaryData data = upload("{ \"path\": \"upload\", \"responseMode\": \"lastNode\" }", "application/zip", SIZE);
    assertThat(data.mimeType()).isEqualTo("application/zip");
  }

  @Test
  void theRawModeStreamsAnyContentTypeAndABodyOfUnknownLength() throws Exception {
    BinaryData data = upload("{ \"path\": \"upload\", \"responseMode\": \"lastNode\", \"rawBody\": true }",
        "application/json", -1);
    assertThat(data.mimeType()).isEqualTo("application/json");
  }

  @Test
  void aMultipartFileIsStreamedIntoTheStoreAndItsFieldsRead() throws Exception {
    StreamingStore store = new StreamingStore();
    List<Item> seen = new CopyOnWriteArrayList<>();
    try (Weft weft = engine(store, seen)) {
      activate(weft, "{ \"path\": \"form\", \"responseMode\": \"lastNode\" }", "");
      Buffer file = StreamingStore.largeBody(SIZE);
      String sha = StreamingStore.sha256(file);
      InputStream body = new SequenceInputStream(java.util.Collections.enumeration(List.of(
          ascii("--zz9\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nQ3 report\r\n--zz9\r\n"
              + "Content-Disposition: form-data; name=\"doc\"; filename=\"q3.bin\"\r\n"
              + "Content-Type: application/octet-stream\r\n\r\n"),
          file.inputStream(), ascii("\r\n--zz9--\r\n"))));
      WebhookResponse r = weft.webhooks().handle(streamed("form", "multipart/form-data; boundary=zz9", body, -1));

      assertThat(r.status()).isEqualTo(200);
      assertThat(seen.get(0).json().get("body")).isEqualTo(Map.of("title", List.of("Q3 report")));
      BinaryData doc = seen.get(0).binary().get("doc");
      assertThat(doc.fileName()).isEqualTo("q3.bin");
      assertThat(doc.size()).isEqualTo(SIZE);
      assertThat(store.sha256(doc)).isEqualTo(sha);

      WebhookResponse broken = weft.webhooks().handle(streamed("form", "multipart/form-data; boundary=zz9",
          ascii("--zz9\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a\"\r\n\r\ncut off"), -1));
      assertThat(broken.status()).isEqualTo(400);
      assertThat(new String(broken.body(), StandardCharsets.UTF_8)).contains("closing boundary");

      WebhookResponse fieldTooLarge = weft.webhooks().handle(streamed("form", "multipart/form-data; boundary=zz9",
          ascii("--zz9\r\nContent-Disposition: form-data; name=\"big\"\r\n\r\n" + "x".repeat(2000)
              + "\r\n--zz9--"), -1));
      assertThat(fieldTooLarge.status()).isEqualTo(413);
    }
  }

  private static InputStream ascii(String s) {
    return new Buffer().writeUtf8(s).inputStream();
  }

  @Test
  void smallJsonIsStillReadWholeAndABodyOverTheLimitGets413() throws Exception {
    List<Item> seen = new CopyOnWriteArrayList<>();
    try (Weft weft = engine(new InMemoryBinaryStore(), seen)) {
      activate(weft, "{ \"path\": \"json\", \"responseMode\": \"lastNode\" }", "");
      byte[] json = "{\"id\": 7}".getBytes(StandardCharsets.UTF_8);
      WebhookResponse ok = weft.webhooks().handle(streamed("json", "application/json",
          new Buffer().write(json).inputStream(), json.length));
      assertThat(ok.status()).isEqualTo(200);
      assertThat(seen.get(0).json().get("body")).isEqualTo(Map.of("id", 7L));

      WebhookResponse tooLarge = weft.webhooks().handle(streamed("json", "application/json",
          StreamingStore.largeBody(4096).inputStream(), -1));
      assertThat(tooLarge.status()).isEqualTo(413);
      assertThat(new String(tooLarge.body(), StandardCharsets.UTF_8)).contains("larger than 1024 bytes");
    }
  }

  @Test
  void binaryAnswersStreamFromTheStore() throws Exception {
    NoReadAllStore store = new NoReadAllStore();
    List<Item> seen = new CopyOnWriteArrayList<>();
    byte[] content = StreamingStore.largeBody(300_000).readByteArray();
    try (Weft weft = engine(store, seen)) {
      activate(weft, "{ \"path\": \"echo\", \"responseMode\": \"lastNode\", \"responseData\": \"firstEntryBinary\","
          + " \"rawBody\": true }", "");
      WebhookResponse last = weft.webhooks().handle(new WebhookRequest("POST", "echo", Map.of(), Map.of(), Map.of(),
          "image/png", content));
      assertThat(last.isStreamed()).isTrue();
      assertThat(last.streamed().length()).isEqualTo(content.length);
      assertThat(last.contentType()).isEqualTo("image/png");
      try (InputStream in = last.streamed().source().open()) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
    }
    try (Weft weft = engine(store, seen)) {
      activate(weft, "{ \"path\": \"respond\", \"responseMode\": \"responseNode\", \"rawBody\": true }", """
          { "name": "Respond", "type": "weft.respondToWebhook",
            "parameters": { "respondWith": "binary", "responseCode": 201,
                            "headers": [ { "name": "Content-Type", "value": "application/x-test" } ] } }""");
      WebhookResponse responded = weft.webhooks().handle(new WebhookRequest("POST", "respond", Map.of(), Map.of(),
          Map.of(), "image/png", content));
      assertThat(responded.status()).isEqualTo(201);
      assertThat(responded.isStreamed()).isTrue();
      assertThat(responded.contentType()).isEqualTo("application/x-test");
      try (InputStream in = responded.streamed().source().open()) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
    }
  }

  /** A store in memory whose {@code readAll} (the way binary answers were read whole before) fails the test. */
  private static final class NoReadAllStore implements BinaryStore {
    private final Map<String, byte[]> contents = new ConcurrentHashMap<>();

    @Override
    public BinaryData store(InputStream content, String mimeType, String fileName) throws IOException {
      byte[] bytes = content.readAllBytes();
      String id = UUID.randomUUID().toString();
      contents.put(id, bytes);
      return new BinaryData(id, mimeType, fileName, bytes.length);
    }

    @Override
    public InputStream open(BinaryData data) {
      return new ByteArrayInputStream(contents.get(data.id()));
    }

    @Override
    public byte[] readAll(BinaryData data) {
      throw new AssertionError("a binary answer was read whole into memory");
    }

    @Override
    public void delete(BinaryData data) {
      contents.remove(data.id());
    }
  }
}
