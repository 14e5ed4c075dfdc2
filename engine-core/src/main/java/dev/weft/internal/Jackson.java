package dev.weft.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;

/** The engine's one Jackson configuration: JSON values as plain maps and lists, integers as {@code Long}. */
public final class Jackson {
  private static final ObjectMapper MAPPER = create();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Jackson() {}

  private static ObjectMapper create() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxStringLength(512 * 1024 * 1024).maxNestingDepth(2000).build());
    mapper.enable(DeserializationFeature.USE_LONG_FOR_INTS);
    mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    mapper.findAndRegisterModules();
    return mapper;
  }

  /** The shared mapper. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses a JSON object. */
  public static Map<String, Object> parseObject(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, MAP);
  }

  /** Parses any JSON value. */
  public static Object parse(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, Object.class);
  }

  /** Compact JSON text of a value. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Indented JSON text of a value. */
  public static String writePretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A deep copy of a JSON object through its JSON text, as a remote reader would see it. */
  public static Map<String, Object> copyAsJson(Map<String, Object> value) {
    try {
      return parseObject(write(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be read back as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
