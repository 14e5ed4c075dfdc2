package dev.weft.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A small JSON client over OkHttp for the API tests, optionally signed in. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .readTimeout(Duration.ofSeconds(60))
      .build();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  final String base;
  final String token;

  Http(String base, String token) {
    this.base = base;
    this.token = token;
  }

  static Http to(WeftServer server) {
    return new Http("http://127.0.0.1:" + server.port(), null);
  }

  Http as(String accessToken) {
    return new Http(base, accessToken);
  }

  /** An answer: status, headers, the body text and (when JSON) parsed. */
  record Res(int status, Headers headers, String text, Object json) {
    @SuppressWarnings("unchecked")
    Map<String, Object> body() {
      return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) body().get("items");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> error() {
      return (Map<String, Object>) body().get("error");
    }

    String header(String name) {
      return headers.get(name);
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  Res get(String path) {
    return send(request(path).get().build());
  }

  Res delete(String path) {
    return send(request(path).delete().build());
  }

  Res post(String path, Object body) {
    return send(request(path).post(body(body)).build());
  }

  Res put(String path, Object body) {
    return send(request(path).put(body(body)).build());
  }

  Res send(String method, String path, String rawBody, String contentType) {
    RequestBody b = rawBody == null ? null : RequestBody.create(rawBody, MediaType.get(contentType));
    return send(request(path).method(method, b).build());
  }

  Request.Builder request(String path) {
    Request.Builder b = new Request.Builder().url(base + path);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  static RequestBody body(Object body) {
    try {
      return RequestBody.create(body instanceof String s ? s : JSON.writeValueAsString(body), JSON_TYPE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Res send(Request request) {
    try (Response r = CLIENT.newCall(request).execute()) {
      String text = r.body().string();
      Object json = null;
      String type = r.header("Content-Type");
      if (type != null && type.startsWith("application/json") && !text.isEmpty()) {
        json = JSON.readValue(text, Object.class);
      }
      return new Res(r.code(), r.headers(), text, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Registers (or, when the e-mail exists, logs in) and answers a client signed in as that user. */
  Http signUp(String email) {
    Res r = post("/api/auth/register", Map.of("email", email, "password", "correct horse battery"));
    if (r.status() != 201) {
      throw new AssertionError("registering " + email + " failed: " + r);
    }
    return as((String) r.body().get("token"));
  }
}
