package dev.weft.nodes.ai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.util.Map;

/** Parameter reading the AI nodes share. */
public final class Params {
  private Params() {}

  /**
   * A text parameter for one item that must not be blank.
   *
   * @throws NodeException naming the parameter and item, saying {@code what} is empty
   */
  public static String required(NodeContext context, String name, int i, String what) throws NodeException {
    String value = context.string(name, i);
    if (value == null || value.isBlank()) {
      throw NodeException.parameter(name, i, what + " is empty for this item");
    }
    return value;
  }

  /**
   * A JSON-object parameter (an object, or JSON text of one) for item {@code i}; empty when unset or blank.
   *
   * @throws NodeException naming the parameter when the value is not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(NodeContext context, String name, int i) throws NodeException {
    Object value = context.parameter(name, i);
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
