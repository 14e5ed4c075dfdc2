package dev.weft.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading requests and writing JSON answers, with errors that name the parameter or field at fault. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Api() {}

  /** Answers with a JSON body. */
  static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
      ctx.attribute("weft.answered", true);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("answer could not be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  static void ok(Context ctx, Object body) {
    json(ctx, 200, body);
  }

  /** The body as a JSON object; an empty body is an empty object. */
  static Map<String, Object> body(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      return new LinkedHashMap<>();
    }
    Object parsed;
    try {
      parsed = JSON.readValue(bytes, Object.class);
    } catch (IOException e) {
      String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new ApiException(400, "invalid_json", "the request body is not valid JSON: " + detail);
    }
    if (!(parsed instanceof Map)) {
      throw new ApiException(400, "invalid_json", "the request body must be a JSON object, not "
          + (parsed instanceof List ? "an array" : "a " + (parsed == null ? "null" : "scalar")));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) parsed;
    return map;
  }

  static String requiredString(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      throw ApiException.invalid(field, "field '" + field + "' is required");
    }
    if (!(value instanceof String s)) {
      throw ApiException.invalid(field, "field '" + field + "' must be a string");
    }
    if (s.isBlank()) {
      throw ApiException.invalid(field, "field '" + field + "' must not be blank");
    }
    return s;
  }

  static String optionalString(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw ApiException.invalid(field, "field '" + field + "' must be a string");
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> optionalObject(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map)) {
      throw ApiException.invalid(field, "field '" + field + "' must be a JSON object");
    }
    return (Map<String, Object>) value;
  }

  static int queryInt(Context ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new ApiException(400, "invalid_parameter", "query parameter '" + name + "' must be a whole number, got '"
          + raw + "'", Map.of("parameter", name));
    }
    if (value < min || value > max) {
      throw new ApiException(400, "invalid_parameter", "query parameter '" + name + "' must be between " + min
          + " and " + max + ", got " + value, Map.of("parameter", name));
    }
    return value;
  }

  static Instant queryInstant(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw new ApiException(400, "invalid_parameter", "query parameter '" + name
          + "' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '" + raw + "'",
          Map.of("parameter", name));
    }
  }

  static Boolean queryBoolean(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new ApiException(400, "invalid_parameter", "query parameter '" + name
          + "' must be true or false, got '" + raw + "'", Map.of("parameter", name));
    };
  }

  /** A page of a listing as answered: its items as shown, and the page's total, offset and limit. */
  static Map<String, Object> page(List<Object> items, dev.weft.store.Page<?> page) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("total", page.total());
    body.put("offset", page.offset());
    body.put("limit", page.limit());
    return body;
  }

  /** The error body. */
  static Map<String, Object> error(String code, String message, Object details) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("details", details == null ? Map.of() : details);
    return Map.of("error", error);
  }
}
