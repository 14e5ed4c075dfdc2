package dev.weft.persistence.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.weft.store.StoreException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes and reads the JSON columns: maps keep their key order, integral numbers come back as {@code Long}. */
final class JsonCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};

  private JsonCodec() {}

  /**
   * JSON text of a value.
   *
   * @param what the field and record, for example {@code "run data of execution 'e-1'"}
   */
  static String write(Object value, String what) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException(what + " cannot be stored as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A JSON object read back; corrupt text fails with a {@link CorruptRecordException} naming the record. */
  static Map<String, Object> readMap(String json, String kind, String id, String field) {
    if (json == null) {
      return new LinkedHashMap<>();
    }
    try {
      Map<String, Object> map = MAPPER.readValue(json, MAP);
      if (map == null) {
        throw new CorruptRecordException(kind, id, field + " is JSON null instead of an object", null);
      }
      return map;
    } catch (JsonProcessingException e) {
      throw new CorruptRecordException(kind, id, field + " is not a JSON object: " + e.getOriginalMessage(), e);
    }
  }

  /** A JSON object of strings read back; see {@link #readMap}. */
  static Map<String, String> readStringMap(String json, String kind, String id, String field) {
    if (json == null) {
      return new LinkedHashMap<>();
    }
    try {
      Map<String, String> map = MAPPER.readValue(json, STRING_MAP);
      if (map == null) {
        throw new CorruptRecordException(kind, id, field + " is JSON null instead of an object", null);
      }
      return map;
    } catch (JsonProcessingException e) {
      throw new CorruptRecordException(kind, id,
          field + " is not a JSON object of strings: " + e.getOriginalMessage(), e);
    }
  }
}
