package dev.weft.nodes.ai.model;

import dev.weft.nodes.ai.internal.JsonText;
import dev.weft.spi.Cancellation;
import dev.weft.spi.ExecutionCancelledException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The HTTP side of the model clients: JSON POSTs with retries on 429 and 5xx (honouring {@code Retry-After} in seconds
 * or as an HTTP date, else a doubling backoff, capped), per-call timeouts, server-sent event streams, cancellation
 * (the call is closed when the execution is cancelled) and errors with every secret removed.
 */
final class ModelHttp {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String provider;
  private final OkHttpClient client;
  private final ModelOptions options;
  private final Cancellation cancellation;
  private final Clock clock;
  private final List<String> secrets;

  ModelHttp(String provider, OkHttpClient shared, ModelOptions options, Cancellation cancellation, Clock clock,
      List<String> secrets) {
    this.provider = provider;
    this.client = shared.newBuilder()
        .connectTimeout(options.connectTimeout())
        .readTimeout(options.readTimeout())
        .callTimeout(options.callTimeout())
        .build();
    this.options = options;
    this.cancellation = cancellation;
    this.clock = clock == null ? Clock.systemUTC() : clock;
    List<String> s = new ArrayList<>();
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        s.add(secret);
      }
    }
    this.secrets = List.copyOf(s);
  }

  /** POSTs JSON and returns the parsed JSON object of a successful answer. */
  Map<String, Object> postJson(Request.Builder request, Map<String, Object> body) throws ModelException {
    Request built = request.post(RequestBody.create(JsonText.write(body), JSON)).build();
    try (Response response = execute(built).response()) {
      String text = bodyText(response);
      try {
        return JsonText.parseObject(text);
      } catch (IOException e) {
        throw new ModelException(provider + " answered with something that is not a JSON object: "
            + redact(abbreviate(text)), response.code(), null);
      }
    }
  }

  /** GETs and returns the parsed JSON object of a successful answer (credential tests). */
  Map<String, Object> getJson(Request.Builder request) throws ModelException {
    try (Response response = execute(request.get().build()).response()) {
      try {
        return JsonText.parseObject(bodyText(response));
      } catch (IOException e) {
        throw new ModelException(provider + " answered with something that is not JSON", response.code(), null);
      }
    }
  }

  /** The ids a {@code GET /models} answer lists under {@code data} (both providers answer so). */
  List<String> modelIds(Request.Builder request) throws ModelException {
    Map<String, Object> answer = getJson(request);
    List<String> ids = new ArrayList<>();
    if (answer.get("data") instanceof List<?> data) {
      for (Object m : data) {
        if (m instanceof Map<?, ?> model && model.get("id") != null) {
          ids.add(String.valueOf(model.get("id")));
        }
      }
    }
    return ids;
  }

  /**
   * POSTs JSON asking for a stream and passes each server-sent event (event name or {@code null}, data) to
   * {@code onEvent} as it arrives.
   */
  void postStream(Request.Builder request, Map<String, Object> body, BiConsumer<String, String> onEvent)
      throws ModelException {
    Request built = request.header("Accept", "text/event-stream")
        .post(RequestBody.create(JsonText.write(body), JSON)).build();
    Exchange exchange = execute(built);
    Response response = exchange.response();
    // cancelling the call closes its socket, which ends a read blocked on a silent stream
    AutoCloseable registration = cancellation == null ? null : cancellation.onCancel(exchange.call()::cancel);
    try (response) {
      ResponseBody responseBody = response.body();
      BufferedSource source = responseBody.source();
      String event = null;
      StringBuilder data = new StringBuilder();
      while (true) {
        String line = source.readUtf8Line();
        if (line == null) {
          break;
        }
        if (line.isEmpty()) {
          if (data.length() > 0) {
            onEvent.accept(event, data.toString());
          }
          event = null;
          data.setLength(0);
        } else if (line.startsWith(":")) {
          continue; // a comment (keep-alive)
        } else if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          if (data.length() > 0) {
            data.append('\n');
          }
          data.append(line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5));
        }
      }
      if (data.length() > 0) {
        onEvent.accept(event, data.toString());
      }
    } catch (IOException e) {
      throwIfCancelled();
      throw new ModelException(provider + " stream broke off: " + redact(String.valueOf(e.getMessage())), 0, null);
    } finally {
      close(registration);
    }
  }

  /** A call and its (successful) answer. */
  private record Exchange(Call call, Response response) {}

  /** Runs the request until it succeeds or retries run out; a failed answer becomes a {@link ModelException}. */
  private Exchange execute(Request request) throws ModelException {
    int retry = 0;
    while (true) {
      throwIfCancelled();
      Call call = client.newCall(request);
      Response response;
      AutoCloseable registration = cancellation == null ? null : cancellation.onCancel(call::cancel);
      try {
        response = call.execute();
      } catch (IOException e) {
        throwIfCancelled();
        if (retry >= options.maxRetries()) {
          throw new ModelException(provider + " could not be reached at " + request.url().host() + ": "
              + redact(String.valueOf(e.getMessage())), 0, null);
        }
        retry++;
        pause(backoff(retry));
        continue;
      } finally {
        close(registration);
      }
      if (response.isSuccessful()) {
        return new Exchange(call, response);
      }
      int code = response.code();
      boolean retriable = code == 429 || code == 500 || code == 502 || code == 503 || code == 504 || code == 529;
      if (retriable && retry < options.maxRetries()) {
        Duration wait = retryAfter(response.header("Retry-After"), clock);
        wait = wait == null ? backoff(retry + 1) : wait;
        if (wait.compareTo(options.maxRetryWait()) <= 0) {
          response.close();
          retry++;
          pause(wait);
          continue;
        }
      }
      String text;
      try {
        text = bodyText(response);
      } finally {
        response.close();
      }
      throw new ModelException(provider + " answered " + code + errorDetail(text)
          + (retry > 0 ? " (after " + retry + " retr" + (retry == 1 ? "y" : "ies") + ")" : ""), code, null);
    }
  }

  private Duration backoff(int retry) {
    long millis = options.initialBackoff().toMillis() << Math.min(retry - 1, 20);
    return Duration.ofMillis(Math.min(millis, options.maxRetryWait().toMillis()));
  }

  private void pause(Duration wait) throws ModelException {
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throwIfCancelled();
      throw new ModelException(provider + " call interrupted while waiting to retry", 0, e);
    }
  }

  private void throwIfCancelled() {
    if (cancellation != null && cancellation.isCancelled()) {
      throw new ExecutionCancelledException(cancellation.reason());
    }
  }

  private static void close(AutoCloseable registration) {
    if (registration != null) {
      try {
        registration.close();
      } catch (Exception ignored) {
        // the callback is gone either way
      }
    }
  }

  private String bodyText(Response response) throws ModelException {
    try {
      ResponseBody body = response.body();
      return body == null ? "" : body.string();
    } catch (IOException e) {
      throwIfCancelled();
      throw new ModelException(provider + " answer could not be read: " + redact(String.valueOf(e.getMessage())),
          response.code(), null);
    }
  }

  /** ": what the provider said" from an error body ({@code error.message} where there is one). */
  private String errorDetail(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String said = body;
    try {
      Object parsed = JsonText.parse(body);
      if (parsed instanceof Map<?, ?> m) {
        Object error = m.get("error");
        if (error instanceof Map<?, ?> e && e.get("message") != null) {
          said = String.valueOf(e.get("message"));
        } else if (error instanceof String s) {
          said = s;
        } else if (m.get("message") != null) {
          said = String.valueOf(m.get("message"));
        }
      }
    } catch (IOException notJson) {
      // keep the raw text
    }
    return ": " + redact(abbreviate(said));
  }

  /** The text with every secret replaced by {@code ***}. */
  String redact(String text) {
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "***");
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() > 500 ? s.substring(0, 500) + "…" : s;
  }

  /**
   * The wait a {@code Retry-After} header asks for: delta seconds or an HTTP date; {@code null} when absent or
   * unreadable.
   */
  static Duration retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT));
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
