package dev.weft.nodes.ai.model;

import java.util.List;

/**
 * A chat model's answer.
 *
 * @param id the provider's id of the response, or {@code null}
 * @param model the model that answered (as the provider names it)
 * @param message the assistant's message: text and/or tool calls
 * @param finishReason why it stopped: {@code stop}, {@code tool_calls}, {@code length}, or the provider's own word
 * @param usage tokens used
 */
public record ChatResponse(String id, String model, ChatMessage message, String finishReason, Usage usage) {
  public ChatResponse {
    usage = usage == null ? Usage.ZERO : usage;
  }

  /** The assistant's text, or {@code null}. */
  public String text() {
    return message.content();
  }

  /** The assistant's text, or an empty string when it wrote none (a message with only tool calls). */
  public String textOrEmpty() {
    String text = message.content();
    return text == null ? "" : text;
  }

  /** The tool calls the assistant asks for. */
  public List<ToolCall> toolCalls() {
    return message.toolCalls();
  }
}
