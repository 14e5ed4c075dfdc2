package dev.weft.spi;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request received for a webhook trigger.
 *
 * @param method HTTP method, upper case
 * @param path the path below the webhook root
 * @param pathParameters values of {@code :name} segments
 * @param headers header values by lower-case name
 * @param query query parameters
 * @param contentType the request's content type, or {@code null}
 * @param body the raw body (empty when there is none)
 */
public record WebhookRequest(
    String method,
    String path,
    Map<String, String> pathParameters,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    String contentType,
    byte[] body) {

  /** The first value of a header, or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
