package dev.weft.nodes.ai.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.weft.nodes.ai.internal.JsonText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A model's request to call a tool.
 *
 * @param id the provider's id for the call, echoed by the tool result
 * @param name the tool's name
 * @param argumentsJson the arguments as the model wrote them (JSON text, possibly invalid)
 */
public record ToolCall(String id, String name, String argumentsJson) {
  public ToolCall {
    Objects.requireNonNull(name, "name");
    argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
  }

  /**
   * The arguments as a JSON object.
   *
   * @throws IllegalArgumentException saying why when the model wrote no valid JSON object
   */
  public Map<String, Object> arguments() {
    try {
      Object parsed = JsonText.parse(argumentsJson);
      if (parsed instanceof Map<?, ?>) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        return map;
      }
      throw new IllegalArgumentException("the arguments must be a JSON object, got: " + argumentsJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the arguments are not valid JSON (" + e.getOriginalMessage() + "): "
          + argumentsJson);
    }
  }

  /** As JSON values. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("arguments", argumentsJson);
    return m;
  }

  /** From {@link #toMap()}'s form. */
  public static ToolCall fromMap(Map<String, Object> m) {
    return new ToolCall((String) m.get("id"), (String) m.get("name"), (String) m.get("arguments"));
  }
}
