package dev.weft.trigger;

import dev.weft.spi.WebhookResponder;
import dev.weft.spi.WebhookResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook requests waiting for a node of the execution they started to answer them, by execution id. A trigger
 * registers the wait before the execution starts ({@link TriggerContextImpl#emitAwaitingReply}); a node answers
 * through {@link #responder()}, offered to nodes as the {@link WebhookResponder} service.
 *
 * <p>One registry per JVM: execution ids are random UUIDs, so the engines of a JVM (and queue workers running in the
 * same JVM as the engine that took the request) never collide. An entry lives only while its request waits: it goes
 * when answered, when the execution ends without an answer, or when the trigger stops waiting and cancels.
 */
public final class WebhookReplies {
  private static final Map<String, CompletableFuture<WebhookResponse>> WAITING = new ConcurrentHashMap<>();
  private static final WebhookResponder RESPONDER = (executionId, response) -> {
    CompletableFuture<WebhookResponse> waiting = executionId == null ? null : WAITING.get(executionId);
    return waiting != null && waiting.complete(response);
  };

  private WebhookReplies() {}

  /** The service nodes answer waiting requests through. */
  public static WebhookResponder responder() {
    return RESPONDER;
  }

  /** Registers a request waiting for execution {@code executionId}; the entry goes when the future completes. */
  static CompletableFuture<WebhookResponse> expect(String executionId) {
    CompletableFuture<WebhookResponse> answer = new CompletableFuture<>();
    WAITING.put(executionId, answer);
    answer.whenComplete((r, e) -> WAITING.remove(executionId, answer));
    return answer;
  }

  /** How many requests wait now (for tests). */
  static int waiting() {
    return WAITING.size();
  }
}
