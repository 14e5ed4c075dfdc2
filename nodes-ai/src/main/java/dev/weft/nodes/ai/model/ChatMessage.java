package dev.weft.nodes.ai.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of a conversation, independent of the provider: a system instruction, a user's text, the assistant's
 * text and tool calls, or the result of one tool call.
 *
 * @param role who speaks
 * @param content the text; {@code null} for an assistant message that only calls tools
 * @param toolCalls tools the assistant asks to call (assistant messages only)
 * @param toolCallId which call a tool result answers (tool messages only)
 * @param toolName the tool's name (tool messages only)
 * @param error whether a tool result reports a failure (tool messages only)
 */
public record ChatMessage(Role role, String content, List<ToolCall> toolCalls, String toolCallId, String toolName,
    boolean error) {

  /** Who speaks. */
  public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    /** The lower-case wire name ({@code system, user, assistant, tool}). */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The role with this wire name. */
    public static Role of(String wireName) {
      return valueOf(wireName.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** A system instruction. */
  public static ChatMessage system(String text) {
    return new ChatMessage(Role.SYSTEM, text, List.of(), null, null, false);
  }

  /** A user's message. */
  public static ChatMessage user(String text) {
    return new ChatMessage(Role.USER, text, List.of(), null, null, false);
  }

  /**
   * The messages of one request: the system instruction first when it is not blank (an empty one is left out, not
   * sent), then the turns in order.
   */
  public static List<ChatMessage> conversation(String systemMessage, List<ChatMessage> turns) {
    List<ChatMessage> messages = new ArrayList<>(turns.size() + 1);
    if (systemMessage != null && !systemMessage.isBlank()) {
      messages.add(system(systemMessage));
    }
    messages.addAll(turns);
    return messages;
  }

  /** The assistant's text. */
  public static ChatMessage assistant(String text) {
    return new ChatMessage(Role.ASSISTANT, text, List.of(), null, null, false);
  }

  /** The assistant's text (may be {@code null}) and tool calls. */
  public static ChatMessage assistant(String text, List<ToolCall> calls) {
    return new ChatMessage(Role.ASSISTANT, text, calls, null, null, false);
  }

  /** The result of a tool call: its JSON text, or an error message when {@code error}. */
  public static ChatMessage toolResult(ToolCall call, String content, boolean error) {
    return new ChatMessage(Role.TOOL, content, List.of(), call.id(), call.name(), error);
  }

  /** Whether the assistant asks for tool calls. */
  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }

  /** The message as JSON values, for run data and memory stores. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", role.wireName());
    if (content != null) {
      m.put("content", content);
    }
    if (!toolCalls.isEmpty()) {
      List<Object> calls = new ArrayList<>();
      for (ToolCall c : toolCalls) {
        calls.add(c.toMap());
      }
      m.put("toolCalls", calls);
    }
    if (toolCallId != null) {
      m.put("toolCallId", toolCallId);
    }
    if (toolName != null) {
      m.put("toolName", toolName);
    }
    if (error) {
      m.put("error", true);
    }
    return m;
  }

  /** A message from {@link #toMap()}'s form. */
  @SuppressWarnings("unchecked")
  public static ChatMessage fromMap(Map<String, Object> m) {
    List<ToolCall> calls = new ArrayList<>();
    Object rawCalls = m.get("toolCalls");
    if (rawCalls instanceof List<?> list) {
      for (Object c : list) {
        calls.add(ToolCall.fromMap((Map<String, Object>) c));
      }
    }
    return new ChatMessage(Role.of(String.valueOf(m.get("role"))), (String) m.get("content"), calls,
        (String) m.get("toolCallId"), (String) m.get("toolName"), Boolean.TRUE.equals(m.get("error")));
  }
}
