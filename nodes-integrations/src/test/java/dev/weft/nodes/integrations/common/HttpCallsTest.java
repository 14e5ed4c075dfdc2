package dev.weft.nodes.integrations.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request that timed out after it was sent is resent only when sending it twice cannot do harm. */
class HttpCallsTest {
  private MockWebServer server;
  private final OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(300)).build();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Request post(String url, String idempotencyKey) {
    Request.Builder b = new Request.Builder().url(url)
        .post(RequestBody.create("{\"text\":\"hi\"}", MediaType.get("application/json")));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return b.build();
  }

  @Test
  void aPostWhoseAnswerTimedOutIsNotSentAgain() {
    server.enqueue(new MockResponse.Builder().body("late").headersDelay(2, TimeUnit.SECONDS).build());
    server.enqueue(new MockResponse.Builder().body("ok").build());
    assertThatThrownBy(() -> HttpCalls.execute(client, post(server.url("/chat").toString(), null),
        RetryPolicy.standard(), null, Clock.systemUTC())).isInstanceOf(SocketTimeoutException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aPostWithAnIdempotencyKeyIsSentAgain() throws Exception {
    server.enqueue(new MockResponse.Builder().body("late").headersDelay(2, TimeUnit.SECONDS).build());
    server.enqueue(new MockResponse.Builder().body("ok").build());
    try (Response r = HttpCalls.execute(client, post(server.url("/charges").toString(), "k-1"),
        RetryPolicy.standard(), null, Clock.systemUTC())) {
      assertThat(r.body().string()).isEqualTo("ok");
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }
}
