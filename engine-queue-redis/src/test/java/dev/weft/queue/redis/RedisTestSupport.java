package dev.weft.queue.redis;

/** Where the tests find Redis: 127.0.0.1:6379, or {@code WEFT_TEST_REDIS_URL}. */
final class RedisTestSupport {
  private RedisTestSupport() {}

  static String url() {
    String url = System.getenv("WEFT_TEST_REDIS_URL");
    return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
  }

  static WeftRedis connect(String prefix) {
    return WeftRedis.connect(url(), prefix, 16);
  }
}
