package dev.weft.nodes.ai.model;

import java.util.function.Consumer;

/**
 * A chat model reached over its provider's API. An instance is made for one node activation: it carries the
 * credentials, timeouts and the execution's cancellation.
 */
public interface ChatModel {

  /** The provider: {@code openAi} or {@code anthropic}. */
  String provider();

  /**
   * Sends the request and waits for the whole answer.
   *
   * @throws ModelException when the provider refuses or fails (after retries), naming the provider and status
   */
  ChatResponse chat(ChatRequest request) throws ModelException;

  /**
   * Sends the request as a stream: {@code onToken} receives each piece of text as the provider sends it, on the
   * calling thread; the whole answer is returned at the end.
   *
   * @throws ModelException when the provider refuses or fails (after retries), naming the provider and status
   */
  ChatResponse stream(ChatRequest request, Consumer<String> onToken) throws ModelException;
}
