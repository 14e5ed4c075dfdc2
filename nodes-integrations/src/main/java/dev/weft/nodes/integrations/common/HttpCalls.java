package dev.weft.nodes.integrations.common;

import dev.weft.spi.Cancellation;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs HTTP calls for service nodes: retries per a {@link RetryPolicy} honouring {@code Retry-After} (seconds or an
 * HTTP date), and aborts the call when the execution is cancelled.
 */
public final class HttpCalls {

  private HttpCalls() {}

  /**
   * Executes a request, retrying as the policy says. The caller closes the returned response; a response that is
   * retried is closed here.
   *
   * @param cancellation the execution's cancellation signal, or {@code null}
   * @throws IOException when the last try failed on the network
   * @throws InterruptedException when the thread was interrupted while waiting to retry
   */
  public static Response execute(OkHttpClient client, Request request, RetryPolicy policy, Cancellation cancellation,
      Clock clock) throws IOException, InterruptedException {
    int retry = 0;
    while (true) {
      if (cancellation != null) {
        cancellation.throwIfCancelled();
      }
      Call call = client.newCall(request);
      Response response;
      AutoCloseable onCancel = cancellation == null ? null : cancellation.onCancel(call::cancel);
      try {
        response = call.execute();
      } catch (BlockedAddressException e) {
        throw e;
      } catch (IOException e) {
        if (cancellation != null) {
          cancellation.throwIfCancelled();
        }
        if (retry >= policy.maxRetries() || !replayable(request) || !safeToResend(request, e)) {
          throw e;
        }
        retry++;
        sleep(policy.backoff(retry));
        continue;
      } finally {
        unregister(onCancel);
      }
      if (retry >= policy.maxRetries() || !policy.retries(response.code()) || !replayable(request)) {
        return response;
      }
      Duration wait = retryAfter(response.header("Retry-After"), clock);
      if (wait == null) {
        wait = policy.backoff(retry + 1);
      } else if (wait.compareTo(policy.maxWait()) > 0) {
        return response;
      }
      response.close();
      retry++;
      sleep(wait);
    }
  }

  private static void unregister(AutoCloseable registration) {
    if (registration != null) {
      try {
        registration.close();
      } catch (Exception ignored) {
        // the callback is gone either way
      }
    }
  }

  /**
   * Whether a request that failed on the network may be sent again without risking a second effect: when it never
   * reached the service (no connection), when its method is idempotent, or when it carries an idempotency key. A POST
   * whose answer timed out may already have posted the message, so it is not resent.
   */
  static boolean safeToResend(Request request, IOException failure) {
    if (failure instanceof java.net.ConnectException || failure instanceof java.net.UnknownHostException
        || failure instanceof java.net.NoRouteToHostException) {
      return true;
    }
    return switch (request.method()) {
      case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
      default -> request.header("Idempotency-Key") != null;
    };
  }

  /** Whether the request can be sent again: no body, or a body that is not one-shot. */
  static boolean replayable(Request request) {
    return request.body() == null || !request.body().isOneShot();
  }

  /**
   * The wait a {@code Retry-After} header asks for: delta seconds or an HTTP date; {@code null} when absent or
   * unreadable.
   */
  public static Duration retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return Duration.ofSeconds(Math.max(0, seconds));
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

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isZero() && !d.isNegative()) {
      Thread.sleep(d.toMillis());
    }
  }
}
