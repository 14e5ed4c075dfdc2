package dev.weft.spi;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request received for a webhook trigger.
 *
 * <p>The body arrives unread ({@link #content()}): read small bodies (JSON, forms) with {@link #body()}, and stream
 * large ones (uploads) with {@link #bodyStream()} straight into the {@link BinaryStore}. It can be read once, one way
 * or the other.
 *
 * @param method HTTP method, upper case
 * @param path the path below the webhook root
 * @param pathParameters values of {@code :name} segments
 * @param headers header values by lower-case name
 * @param query query parameters
 * @param contentType the request's content type, or {@code null}
 * @param body the raw body when the request was built from bytes; {@code null} when it is still to be read from
 *     {@code content} (the accessor {@link #body()} reads it then)
 * @param content the body, read or still to be read (since SPI 1.2.0)
 */
public record WebhookRequest(
    String method,
    String path,
    Map<String, String> pathParameters,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    String contentType,
    byte[] body,
    WebhookBody content) {

  public WebhookRequest {
    if (content == null) {
      content = WebhookBody.of(body);
    }
  }

  /** A request with its body in memory (empty when {@code body} is {@code null}). */
  public WebhookRequest(String method, String path, Map<String, String> pathParameters,
      Map<String, List<String>> headers, Map<String, List<String>> query, String contentType, byte[] body) {
    this(method, path, pathParameters, headers, query, contentType, body, null);
  }

  /**
   * The whole body in memory (empty when there is none), read from the request on the first call: for small bodies
   * only. Large content belongs in {@link #bodyStream()}.
   *
   * @throws WebhookBody.TooLargeException when the body is larger than the host reads into memory (the host answers
   *     413)
   * @throws IllegalStateException when the body was streamed already
   */
  @Override
  public byte[] body() {
    return body != null ? body : content.bytes();
  }

  /**
   * The body as a stream, for content of any size (since SPI 1.2.0).
   *
   * @throws IllegalStateException when the body was streamed already
   */
  public InputStream bodyStream() {
    return body != null ? new java.io.ByteArrayInputStream(body) : content.stream();
  }

  /** The body's length as the caller declared it, or -1 when unknown (since SPI 1.2.0). */
  public long contentLength() {
    return body != null ? body.length : content.length();
  }

  /** This request with the path parameters a route matched (since SPI 1.2.0); the body stays unread. */
  public WebhookRequest withPathParameters(Map<String, String> parameters) {
    return new WebhookRequest(method, path, parameters, headers, query, contentType, body, content);
  }

  /** The first value of a header, or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
