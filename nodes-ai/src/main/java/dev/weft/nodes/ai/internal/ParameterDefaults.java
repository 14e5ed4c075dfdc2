package dev.weft.nodes.ai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.util.Map;

/**
 * Parameter values whose default is an expression: the engine hands a default over as it is written, so a default
 * such as {@code {{ $json.text }}} is evaluated here against the item when the workflow leaves the parameter unset.
 */
public final class ParameterDefaults {
  private ParameterDefaults() {}

  /** The parameter's value for item {@code i}; an unset parameter's expression default evaluated. */
  public static Object value(NodeContext context, String name, int i) throws NodeException {
    Object value = context.parameter(name, i);
    if (!context.hasParameter(name) && value instanceof String s && s.contains("{{")) {
      return context.evaluate(s, i);
    }
    return value;
  }

  /**
   * A JSON-object parameter (an object, or JSON text of one) for item {@code i}; empty when unset or empty.
   *
   * @throws NodeException naming the parameter when the value is not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(NodeContext context, String name, int i) throws NodeException {
    Object value = value(context, name, i);
    if (value == null || value instanceof String s && s.isBlank()) {
      return Map.of();
    }
    if (value instanceof String s) {
      try {
        value = context.service(ObjectMapper.class).readValue(s, Object.class);
      } catch (JsonProcessingException e) {
        throw NodeException.parameter(name, i, name + " is not valid JSON: " + e.getOriginalMessage());
      }
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw NodeException.parameter(name, i, name + " must be a JSON object, not " + Json.typeOf(value));
    }
    return Json.copy((Map<String, Object>) map);
  }
}
