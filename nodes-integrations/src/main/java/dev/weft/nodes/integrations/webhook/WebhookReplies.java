package dev.weft.nodes.integrations.webhook;

import dev.weft.spi.WebhookResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers that Respond to Webhook nodes chose, by execution id, until the Webhook trigger that started the execution
 * sends them. In-process only; entries nobody collects (an execution not started by a webhook) expire.
 */
final class WebhookReplies {
  private static final Duration KEEP = Duration.ofMinutes(10);
  private static final Map<String, Entry> REPLIES = new ConcurrentHashMap<>();

  private record Entry(WebhookResponse response, long at) {}

  private WebhookReplies() {}

  /** Records the answer of an execution; the first one wins, as only one answer can be sent. */
  static boolean put(String executionId, WebhookResponse response) {
    long now = System.nanoTime();
    REPLIES.values().removeIf(e -> now - e.at() > KEEP.toNanos());
    return REPLIES.putIfAbsent(executionId, new Entry(response, now)) == null;
  }

  /** Takes the answer recorded for an execution, or {@code null}. */
  static WebhookResponse take(String executionId) {
    Entry e = executionId == null ? null : REPLIES.remove(executionId);
    return e == null ? null : e.response();
  }
}
