package dev.weft.nodes.ai.model;

import java.util.Map;
import java.util.Objects;

/**
 * Structured output: the model's final answer must be JSON matching a schema. OpenAI-compatible servers get
 * {@code response_format: json_schema}; for Anthropic the schema becomes a tool the model answers with.
 *
 * @param name a name for the schema ({@code [a-zA-Z0-9_-]})
 * @param schema the JSON Schema (an object schema)
 */
public record ResponseFormat(String name, Map<String, Object> schema) {
  public ResponseFormat {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
  }
}
