package dev.weft.nodes.ai.model;

import java.util.Map;
import java.util.Objects;

/**
 * A tool offered to a model.
 *
 * @param name the name the model calls it by ({@code [a-zA-Z0-9_-]}, at most 64 characters)
 * @param description what it does and when to use it
 * @param parameters JSON Schema of its arguments (an object schema)
 */
public record ToolSpec(String name, String description, Map<String, Object> parameters) {
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    parameters = parameters == null ? Map.of("type", "object", "properties", Map.of()) : parameters;
  }
}
