package dev.weft.nodes.integrations.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.spi.Cancellation;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A service's HTTP API as a service node calls it: over the engine's shared client, retried per a {@link RetryPolicy}
 * (honouring {@code Retry-After}), aborted on cancellation, JSON answers parsed into plain Java values, and every
 * failure turned into a {@link NodeException} naming the service, the status and the service's own message with the
 * credential's secrets masked.
 */
public final class ApiClient {
  /** JSON with UTF-8, as most APIs want it. */
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String service;
  private final OkHttpClient http;
  private final RetryPolicy retry;
  private final Cancellation cancellation;
  private final Clock clock;
  private final List<String> secrets;
  private final java.util.function.Function<String, String> errorReader;

  /**
   * A client.
   *
   * @param service the service's name as people know it, used in messages
   * @param http the client to call with (the engine's shared one)
   * @param retry when to try again
   * @param cancellation the execution's cancellation signal, or {@code null}
   * @param clock the engine's clock (for {@code Retry-After} dates)
   * @param secrets values never to show in a message
   */
  public ApiClient(String service, OkHttpClient http, RetryPolicy retry, Cancellation cancellation, Clock clock,
      Collection<String> secrets) {
    this(service, http, retry, cancellation, clock, secrets, ServiceErrors::serviceMessage);
  }

  private ApiClient(String service, OkHttpClient http, RetryPolicy retry, Cancellation cancellation, Clock clock,
      Collection<String> secrets, java.util.function.Function<String, String> errorReader) {
    this.errorReader = errorReader;
    this.service = service;
    this.http = http;
    this.retry = retry;
    this.cancellation = cancellation;
    this.clock = clock == null ? Clock.systemUTC() : clock;
    List<String> s = new ArrayList<>();
    if (secrets != null) {
      for (String v : secrets) {
        if (v != null && !v.isEmpty()) {
          s.add(v);
        }
      }
    }
    this.secrets = List.copyOf(s);
  }

  /** A client for a node: the engine's shared HTTP client, the standard retry policy, the node's cancellation. */
  public static ApiClient of(String service, NodeContext context, String... secrets) {
    return new ApiClient(service, context.service(OkHttpClient.class), RetryPolicy.standard(), context.cancellation(),
        context.clock(), java.util.Arrays.stream(secrets).filter(v -> v != null).toList());
  }

  /**
   * This client, reading the service's own error message from an error body with {@code reader} (for services whose
   * errors carry a code worth showing next to the message); the reader returns {@code null} to fall back to the usual
   * shapes.
   */
  public ApiClient withErrorReader(java.util.function.Function<String, String> reader) {
    return new ApiClient(service, http, retry, cancellation, clock, secrets, body -> {
      String own = null;
      try {
        own = reader.apply(body);
      } catch (RuntimeException unreadable) {
        own = null;
      }
      return own != null ? own : ServiceErrors.serviceMessage(body);
    });
  }

  /** This client with another retry policy. */
  public ApiClient withRetry(RetryPolicy policy) {
    return new ApiClient(service, http, policy, cancellation, clock, secrets, errorReader);
  }

  /** The service's name. */
  public String service() {
    return service;
  }

  /** The HTTP client. */
  public OkHttpClient http() {
    return http;
  }

  /** The text with this client's secrets masked. */
  public String redact(String text) {
    return ServiceErrors.redact(text, secrets);
  }

  /**
   * Sends a request and parses its JSON answer.
   *
   * @return the answer as plain Java values, or {@code null} for an empty answer
   * @throws ServiceException when the service answers with a status of 400 or more
   * @throws NodeException when the service cannot be reached or answers with something that is not JSON
   */
  public Object json(Request request) throws NodeException {
    try (Response response = open(request)) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (text.isBlank()) {
        return null;
      }
      try {
        return parse(text);
      } catch (IllegalArgumentException e) {
        throw new NodeException(service + " answered " + request.method() + " " + path(request)
            + " with something that is not JSON: " + redact(ServiceErrors.serviceMessage(text)));
      }
    } catch (IOException e) {
      throw unreachable(request, e);
    }
  }

  /**
   * Sends a request whose answer is a JSON object.
   *
   * @throws NodeException as {@link #json(Request)} does, and when the answer is not an object
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> object(Request request) throws NodeException {
    Object v = json(request);
    if (v instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new NodeException(service + " answered " + request.method() + " " + path(request)
        + " with " + (v == null ? "nothing" : "a JSON " + dev.weft.spi.Json.typeOf(v)) + " where an object was expected");
  }

  /**
   * Sends a request and returns the successful answer unread, for streaming; the caller closes it.
   *
   * @throws ServiceException when the service answers with a status of 400 or more (the answer is closed)
   * @throws NodeException when the service cannot be reached
   */
  public Response open(Request request) throws NodeException {
    Response response;
    try {
      response = HttpCalls.execute(http, request, retry, cancellation, clock);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException("interrupted while waiting to call " + service + " again");
    } catch (IOException e) {
      throw unreachable(request, e);
    }
    if (response.code() >= 400) {
      try (response) {
        throw error(response);
      }
    }
    return response;
  }

  /** The error for an answer with a failure status (reads the body; the caller closes the response). */
  public ServiceException error(Response response) {
    String body;
    try {
      ResponseBody b = response.body();
      body = b == null ? "" : b.string();
    } catch (IOException e) {
      body = "";
    }
    String own = redact(errorReader.apply(body));
    int status = response.code();
    String reason = response.message() == null || response.message().isBlank()
        ? ServiceErrors.standardReason(status) : response.message();
    return new ServiceException(service, status, own, service + " answered " + status
        + (reason.isEmpty() ? "" : " " + reason) + (own == null || own.isBlank() ? "" : ": " + own));
  }

  /** An error the service reported inside a successful answer (as Slack and Telegram do). */
  public ServiceException reported(int status, String serviceMessage) {
    String own = redact(serviceMessage);
    return new ServiceException(service, status, own,
        service + " answered " + status + (own == null ? "" : ": " + own));
  }

  private NodeException unreachable(Request request, IOException e) {
    if (cancellation != null) {
      cancellation.throwIfCancelled();
    }
    String what = e instanceof InterruptedIOException ? "timed out" : "failed";
    return new NodeException("calling " + service + " (" + request.method() + " " + request.url().host() + ") " + what
        + ": " + redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
  }

  private String path(Request request) {
    return redact(request.url().encodedPath());
  }

  // ---- JSON ----

  /** Parses JSON text into plain Java values. */
  public static Object parse(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes plain Java values as JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A JSON request body. */
  public static RequestBody jsonBody(Object value) {
    return RequestBody.create(write(value), JSON);
  }
}
