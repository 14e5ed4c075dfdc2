package dev.weft.nodes.ai.model;

import java.util.List;
import java.util.Objects;

/**
 * One call to a chat model, independent of the provider.
 *
 * @param model the model id ({@code gpt-4o-mini}, {@code claude-sonnet-4-5}, {@code llama3.1})
 * @param messages the conversation so far, system messages included
 * @param tools tools the model may call; empty for none
 * @param temperature sampling temperature, or {@code null} for the provider's default
 * @param maxTokens the most tokens to generate, or {@code null} for the provider's default
 * @param responseFormat structured output, or {@code null} for free text
 */
public record ChatRequest(String model, List<ChatMessage> messages, List<ToolSpec> tools, Double temperature,
    Integer maxTokens, ResponseFormat responseFormat) {

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    tools = tools == null ? List.of() : List.copyOf(tools);
  }

  /** A request for these messages and nothing else. */
  public static ChatRequest of(String model, List<ChatMessage> messages) {
    return new ChatRequest(model, messages, List.of(), null, null, null);
  }

  /** The same request with other messages. */
  public ChatRequest withMessages(List<ChatMessage> value) {
    return new ChatRequest(model, value, tools, temperature, maxTokens, responseFormat);
  }

  /** The same request with tools. */
  public ChatRequest withTools(List<ToolSpec> value) {
    return new ChatRequest(model, messages, value, temperature, maxTokens, responseFormat);
  }

  /** The same request with sampling settings. */
  public ChatRequest withSampling(Double temperatureValue, Integer maxTokensValue) {
    return new ChatRequest(model, messages, tools, temperatureValue, maxTokensValue, responseFormat);
  }

  /** The same request asking for structured output ({@code null} for free text). */
  public ChatRequest withResponseFormat(ResponseFormat value) {
    return new ChatRequest(model, messages, tools, temperature, maxTokens, value);
  }
}
