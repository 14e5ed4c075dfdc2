package dev.weft.spi;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answer to a webhook request.
 *
 * @param status HTTP status
 * @param headers response headers
 * @param contentType content type of the body
 * @param body response body
 */
public record WebhookResponse(int status, Map<String, String> headers, String contentType, byte[] body) {
  public WebhookResponse {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** A JSON answer. */
  public static WebhookResponse json(int status, String json) {
    return new WebhookResponse(status, Map.of(), "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** A text answer. */
  public static WebhookResponse text(int status, String text) {
    return new WebhookResponse(status, Map.of(), "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }
}
