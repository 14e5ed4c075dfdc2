package dev.weft.nodes.integrations.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.Iterator;

/**
 * Error messages about what a service answered: its status and its own error message, found in the usual JSON shapes
 * ({@code message}, {@code error}, {@code error.message}, {@code error_description}, {@code errors[0].message},
 * {@code detail}, {@code description}) or else the start of the body. Secrets are masked before anything is returned.
 */
public final class ServiceErrors {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** How much of a non-JSON error body is quoted. */
  static final int MAX_BODY = 300;

  private ServiceErrors() {}

  /**
   * A message such as {@code "Slack answered 403 Forbidden: invalid_auth"}.
   *
   * @param service the service's name as people know it
   * @param status the HTTP status
   * @param reason the status text, or {@code null}
   * @param body the response body (may be {@code null} or empty)
   * @param secrets values never to show (tokens, passwords); {@code null} for none
   */
  public static String describe(String service, int status, String reason, String body, Collection<String> secrets) {
    StringBuilder sb = new StringBuilder();
    sb.append(service).append(" answered ").append(status);
    String r = standardReason(status).isEmpty() && reason != null ? reason.trim() : standardReason(status);
    if (!r.isEmpty()) {
      sb.append(' ').append(r);
    }
    String detail = serviceMessage(body);
    if (detail != null && !detail.isBlank()) {
      sb.append(": ").append(detail);
    }
    return redact(sb.toString(), secrets);
  }

  /** The service's own error message from a response body, or the body's start when it has no known shape. */
  public static String serviceMessage(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    String trimmed = body.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        String found = find(MAPPER.readTree(trimmed));
        if (found != null) {
          return found;
        }
      } catch (Exception notJson) {
        // quoted as text below
      }
    }
    String oneLine = trimmed.replaceAll("\\s+", " ");
    return oneLine.length() > MAX_BODY ? oneLine.substring(0, MAX_BODY) + "…" : oneLine;
  }

  private static String find(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isArray()) {
      return node.isEmpty() ? null : find(node.get(0));
    }
    if (!node.isObject()) {
      return null;
    }
    String[] keys = {"message", "error_description", "error", "errors", "detail", "description", "title", "msg"};
    for (String key : keys) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        continue;
      }
      String found = v.isValueNode() ? v.asText() : find(v);
      if (found != null && !found.isBlank()) {
        if ("error".equals(key) && node.hasNonNull("error_description")) {
          return found + " (" + node.get("error_description").asText() + ")";
        }
        return found;
      }
    }
    Iterator<JsonNode> values = node.elements();
    while (values.hasNext()) {
      JsonNode v = values.next();
      if (v.isObject() && (v.has("message") || v.has("error"))) {
        return find(v);
      }
    }
    return null;
  }

  /** The text with every secret replaced by {@code ***} (secrets shorter than four characters are left: too common). */
  public static String redact(String text, Collection<String> secrets) {
    if (text == null || secrets == null) {
      return text;
    }
    String result = text;
    for (String s : secrets) {
      if (s != null && s.length() >= 4) {
        result = result.replace(s, "***");
      }
    }
    return result;
  }

  /** The standard reason phrase of a status, or an empty string. */
  public static String standardReason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }
}
