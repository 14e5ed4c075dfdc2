package dev.weft.nodes.ai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** JSON text to and from plain Java values (maps, lists, strings, numbers, booleans), as items hold them. */
public final class JsonText {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private JsonText() {}

  /** The mapper the AI nodes use. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Writes a value as compact JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses any JSON value. */
  public static Object parse(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, Object.class);
  }

  /** Parses a JSON object. */
  public static Map<String, Object> parseObject(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, MAP);
  }
}
