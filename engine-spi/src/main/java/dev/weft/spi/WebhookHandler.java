package dev.weft.spi;

/** Handles one webhook request, typically by emitting an execution and answering from its outcome. */
@FunctionalInterface
public interface WebhookHandler {

  /** Answers the request. */
  WebhookResponse handle(WebhookRequest request) throws Exception;
}
