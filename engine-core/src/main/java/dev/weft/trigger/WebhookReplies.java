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

  /**
   * A responder that answers a request waiting in this JVM, or else sends the answer over the bus to the instance
   * that holds it (queue mode: the request came in on a main or webhook process, the node runs on a worker).
   */
  public static WebhookResponder responder(dev.weft.cluster.ClusterBus bus) {
    if (bus == null) {
      return RESPONDER;
    }
    return (executionId, response) -> {
      if (RESPONDER.respond(executionId, response)) {
        return true;
      }
      if (executionId == null || response == null) {
        return false;
      }
      Map<String, Object> message = new java.util.LinkedHashMap<>();
      message.put("executionId", executionId);
      message.put("status", response.status());
      message.put("headers", response.headers());
      message.put("contentType", response.contentType());
      // a bus message carries bytes: a streamed answer (binary data) is read whole here, so in queue mode a large
      // binary answer crosses in memory; answered in this JVM it streams
      message.put("body", java.util.Base64.getEncoder().encodeToString(response.body()));
      bus.publish(dev.weft.cluster.ClusterBus.WEBHOOK_REPLY, message);
      return true; // the holder answers if it still waits; nobody else could
    };
  }

  /** Hands an answer that came over the bus to the request waiting here, if one does. */
  @SuppressWarnings("unchecked")
  public static void deliver(Map<String, Object> message) {
    Object body = message.get("body");
    WebhookResponse response = new WebhookResponse(((Number) message.getOrDefault("status", 200L)).intValue(),
        message.get("headers") instanceof Map<?, ?> h ? (Map<String, String>) h : Map.of(),
        (String) message.get("contentType"),
        body == null ? new byte[0] : java.util.Base64.getDecoder().decode(String.valueOf(body)));
    RESPONDER.respond(String.valueOf(message.get("executionId")), response);
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
