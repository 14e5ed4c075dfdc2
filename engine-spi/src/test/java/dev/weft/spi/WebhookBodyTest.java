package dev.weft.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookBodyTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static WebhookRequest request(WebhookBody body) {
    return new WebhookRequest("POST", "p", Map.of(), Map.of(), Map.of(), "application/json", null, body);
  }

  @Test
  void aSmallBodyIsReadOnceAndKept() throws Exception {
    WebhookRequest r = request(WebhookBody.stream(new ByteArrayInputStream(bytes("{\"a\":1}")), 7, 1024));
    assertThat(r.contentLength()).isEqualTo(7);
    assertThat(r.content().inMemory()).isFalse();
    assertThat(r.body()).isEqualTo(bytes("{\"a\":1}"));
    assertThat(r.body()).isSameAs(r.body());
    try (InputStream again = r.bodyStream()) {
      assertThat(again.readAllBytes()).isEqualTo(bytes("{\"a\":1}"));
    }
  }

  @Test
  void aBodyOfUnknownLengthIsReadToItsEnd() {
    WebhookRequest r = request(WebhookBody.stream(new ByteArrayInputStream(bytes("hello")), -1, 1024));
    assertThat(r.contentLength()).isEqualTo(-1);
    assertThat(r.body()).isEqualTo(bytes("hello"));
    assertThat(r.contentLength()).isEqualTo(5);
  }

  @Test
  void readingWholeStopsAtTheLimit() {
    byte[] big = new byte[2048];
    assertThatThrownBy(() -> request(WebhookBody.stream(new ByteArrayInputStream(big), 2048, 1024)).body())
        .isInstanceOf(WebhookBody.TooLargeException.class).hasMessageContaining("1024 bytes");
    assertThatThrownBy(() -> request(WebhookBody.stream(new ByteArrayInputStream(big), -1, 1024)).body())
        .isInstanceOf(WebhookBody.TooLargeException.class);
  }

  @Test
  void aStreamedBodyIsNotReadWhole() throws Exception {
    byte[] big = new byte[4096];
    WebhookRequest r = request(WebhookBody.stream(new ByteArrayInputStream(big), big.length, 1024));
    try (InputStream in = r.bodyStream()) {
      assertThat(in.readAllBytes()).hasSize(4096);
    }
    assertThatThrownBy(r::body).isInstanceOf(IllegalStateException.class).hasMessageContaining("streamed already");
    assertThatThrownBy(r::bodyStream).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anInMemoryRequestKeepsItsOldShape() throws Exception {
    WebhookRequest r = new WebhookRequest("POST", "p", Map.of(), Map.of("x", List.of("1")), Map.of(), null,
        bytes("abc"));
    assertThat(r.body()).isEqualTo(bytes("abc"));
    assertThat(r.contentLength()).isEqualTo(3);
    assertThat(r.content().inMemory()).isTrue();
    try (InputStream in = r.bodyStream()) {
      assertThat(in.readAllBytes()).isEqualTo(bytes("abc"));
    }
    WebhookRequest none = new WebhookRequest("GET", "p", Map.of(), Map.of(), Map.of(), null, null);
    assertThat(none.body()).isEmpty();
    assertThat(none.contentLength()).isZero();
    assertThat(none.withPathParameters(Map.of("id", "7")).pathParameters()).containsEntry("id", "7");
  }

  @Test
  void aStreamedResponseOpensItsSourceWhenRead() {
    AtomicInteger opened = new AtomicInteger();
    WebhookResponse r = WebhookResponse.streamed(200, Map.of(), "application/octet-stream", 3, () -> {
      opened.incrementAndGet();
      return new ByteArrayInputStream(bytes("xyz"));
    });
    assertThat(r.isStreamed()).isTrue();
    assertThat(opened).hasValue(0);
    assertThat(r.body()).isEqualTo(bytes("xyz")); // a host that needs bytes (a bus message) reads it whole
    assertThat(opened).hasValue(1);
    assertThat(WebhookResponse.json(200, "{}").isStreamed()).isFalse();
    assertThatThrownBy(() -> new WebhookResponse(200, Map.of(), null, bytes("a"),
        new WebhookResponse.StreamedBody(1, () -> new ByteArrayInputStream(bytes("b")))))
        .isInstanceOf(IllegalArgumentException.class);
    WebhookResponse failing = WebhookResponse.streamed(200, Map.of(), null, -1, () -> {
      throw new java.io.IOException("gone");
    });
    assertThatThrownBy(failing::body).isInstanceOf(UncheckedIOException.class).hasMessageContaining("gone");
  }
}
