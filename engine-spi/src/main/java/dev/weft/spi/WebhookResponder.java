package dev.weft.spi;

/**
 * Answers the webhook request that started an execution while the execution goes on: a Respond to Webhook node hands
 * its answer over here, the waiting caller gets it at once, and the nodes after it keep running.
 *
 * <p>The engine offers one as a service ({@code context.service(WebhookResponder.class)}). A request waits for such an
 * answer when its trigger started the execution with {@link TriggerContext#emitAwaitingReply}.
 */
@FunctionalInterface
public interface WebhookResponder {

  /**
   * Sends the answer to the request waiting for this execution.
   *
   * @param executionId the execution the request started ({@link ExecutionInfo#executionId()})
   * @param response the answer
   * @return whether a request took it; {@code false} when none waits for this execution (it was not started by such a
   *     webhook, an earlier node answered already, or the request gave up waiting)
   */
  boolean respond(String executionId, WebhookResponse response);
}
