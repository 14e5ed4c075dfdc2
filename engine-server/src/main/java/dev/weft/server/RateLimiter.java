package dev.weft.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client key: {@code perMinute} requests a minute on average, bursts up to the same number. Keys
 * unused for longer than it takes to refill are forgotten.
 */
final class RateLimiter {
  private final int perMinute;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private long lastSweep;

  private static final class Bucket {
    double tokens;
    long updatedMillis;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedMillis = now;
    }
  }

  RateLimiter(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Takes one request from the key's bucket; returns 0 when allowed, else the seconds until one is allowed. */
  long acquire(String key) {
    long now = clock.millis();
    sweep(now);
    double perMilli = perMinute / 60_000.0;
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now));
    synchronized (b) {
      b.tokens = Math.min(perMinute, b.tokens + (now - b.updatedMillis) * perMilli);
      b.updatedMillis = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - b.tokens) / perMilli / 1000.0));
    }
  }

  private void sweep(long now) {
    long full = Duration.ofMinutes(1).toMillis();
    if (now - lastSweep < full) {
      return;
    }
    lastSweep = now;
    buckets.values().removeIf(b -> now - b.updatedMillis > full);
  }
}
