package dev.weft.execution;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** The HTTP client nodes share: one connection pool and dispatcher for the whole engine. */
final class HttpClients {
  private HttpClients() {}

  static OkHttpClient shared() {
    return new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(60))
        .writeTimeout(Duration.ofSeconds(60))
        .followRedirects(true)
        .build();
  }
}
