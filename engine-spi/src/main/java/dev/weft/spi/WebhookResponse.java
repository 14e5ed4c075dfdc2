package dev.weft.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answer to a webhook request: a body in memory, or (since SPI 1.2.0) content the host streams to the caller from
 * a {@link StreamedBody} it opens when it writes the answer, so that a large file never sits whole in memory.
 *
 * @param status HTTP status
 * @param headers response headers
 * @param contentType content type of the body
 * @param body response body; {@code null} when the body is {@code streamed}
 * @param streamed content streamed to the caller, or {@code null} when the body is in memory (since SPI 1.2.0)
 */
public record WebhookResponse(int status, Map<String, String> headers, String contentType, byte[] body,
    StreamedBody streamed) {
  public WebhookResponse {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    if (streamed == null) {
      body = body == null ? new byte[0] : body;
    } else if (body != null && body.length > 0) {
      throw new IllegalArgumentException("a response has a body in memory or a streamed one, not both");
    } else {
      body = null;
    }
  }

  /** An answer with its body in memory. */
  public WebhookResponse(int status, Map<String, String> headers, String contentType, byte[] body) {
    this(status, headers, contentType, body, null);
  }

  /** A JSON answer. */
  public static WebhookResponse json(int status, String json) {
    return new WebhookResponse(status, Map.of(), "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** A text answer. */
  public static WebhookResponse text(int status, String text) {
    return new WebhookResponse(status, Map.of(), "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An answer the host streams to the caller from {@code source}, opened when the answer is written and closed after
   * (since SPI 1.2.0).
   *
   * @param length the content's length in bytes, or -1 when unknown
   */
  public static WebhookResponse streamed(int status, Map<String, String> headers, String contentType, long length,
      Source source) {
    return new WebhookResponse(status, headers, contentType, null, new StreamedBody(length, source));
  }

  /**
   * An answer that streams binary content from the store to the caller (since SPI 1.2.0).
   *
   * @param contentType the content type, or {@code null} for the data's own
   */
  public static WebhookResponse binary(int status, Map<String, String> headers, String contentType, BinaryData data,
      BinaryStore store) {
    java.util.Objects.requireNonNull(store, "store");
    return streamed(status, headers, contentType != null ? contentType : data.mimeType(), data.size(),
        () -> store.open(data));
  }

  /** Whether the body is streamed rather than held in memory (since SPI 1.2.0). */
  public boolean isStreamed() {
    return streamed != null;
  }

  /**
   * The body in memory. A streamed body is read whole on each call: for hosts that must have the bytes (an answer
   * sent to another instance as a message), never for large content.
   *
   * @throws UncheckedIOException when a streamed body cannot be read
   */
  @Override
  public byte[] body() {
    if (streamed == null) {
      return body;
    }
    try (InputStream in = streamed.source().open()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("the streamed response body could not be read: " + e.getMessage(), e);
    }
  }

  /** Opens content to stream to the caller. */
  @FunctionalInterface
  public interface Source {
    /** Opens the content; the host closes the stream after writing it. */
    InputStream open() throws IOException;
  }

  /**
   * A body streamed to the caller (since SPI 1.2.0).
   *
   * @param length the content's length in bytes, or -1 when unknown
   * @param source opens the content when the answer is written
   */
  public record StreamedBody(long length, Source source) {
    public StreamedBody {
      java.util.Objects.requireNonNull(source, "source");
      length = length < 0 ? -1 : length;
    }
  }
}
