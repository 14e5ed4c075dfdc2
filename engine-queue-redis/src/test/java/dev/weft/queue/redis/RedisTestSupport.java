package dev.weft.queue.redis;

import java.net.URI;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;

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

  /** Deletes every key under a prefix. */
  static void deleteKeys(String prefix) {
    try (JedisPooled r = new JedisPooled(URI.create(url()))) {
      String cursor = "0";
      do {
        var page = r.scan(cursor, new ScanParams().match(prefix + ":*").count(1000));
        if (!page.getResult().isEmpty()) {
          r.del(page.getResult().toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!"0".equals(cursor));
    }
  }
}
