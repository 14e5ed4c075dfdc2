package dev.weft.server;

import java.util.Map;

/**
 * A failure answered as {@code { "error": { "code", "message", "details" } }} with an HTTP status. The message names
 * what was wrong (the field, the id, the node) so that a client can show it as it is.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final transient Object details;

  ApiException(int status, String code, String message, Object details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Object details() {
    return details;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  static ApiException invalid(String field, String message) {
    return new ApiException(400, "invalid_field", message, Map.of("field", field));
  }

  static ApiException notFound(String kind, String id) {
    return new ApiException(404, "not_found", kind + " '" + id + "' does not exist",
        Map.of("kind", kind, "id", id));
  }

  static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  static ApiException conflict(String code, String message, Object details) {
    return new ApiException(409, code, message, details);
  }
}
