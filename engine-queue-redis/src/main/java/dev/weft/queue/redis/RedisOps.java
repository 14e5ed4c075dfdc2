package dev.weft.queue.redis;

import dev.weft.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Runs commands on the shared pool and rides out outages: a call that fails because Redis cannot be reached is tried
 * again with growing, jittered pauses until Redis answers (or the calling thread is interrupted). One outage is
 * logged once when it starts and once when it ends, however many calls and retries it spans.
 */
final class RedisOps {
  private static final Logger LOG = LoggerFactory.getLogger(RedisOps.class);
  private static final long FIRST_PAUSE_MILLIS = 20;
  private static final long MAX_PAUSE_MILLIS = 1_000;

  private final UnifiedJedis redis;
  private final String where;
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicLong downSince = new AtomicLong();

  /**
   * @param redis the pooled client
   * @param where host and port, for logs (never the password)
   */
  RedisOps(UnifiedJedis redis, String where) {
    this.redis = redis;
    this.where = where;
  }

  /** One try of an operation; {@code afterFailure} tells it an earlier try may or may not have been applied. */
  interface Attempt<T> {
    T run(UnifiedJedis redis, boolean afterFailure);
  }

  /** The pooled client, for calls that must not wait out an outage. */
  UnifiedJedis redisClient() {
    return redis;
  }

  String where() {
    return where;
  }

  <T> T call(String what, Attempt<T> attempt) {
    return call(what, attempt, Long.MAX_VALUE);
  }

  /**
   * Like {@link #call(String, Attempt)}, but gives up after about {@code maxWaitMillis} of outage with a
   * {@link StoreException}: for callers that try again on their own schedule and must not be held meanwhile.
   */
  <T> T call(String what, Attempt<T> attempt, long maxWaitMillis) {
    long deadline = maxWaitMillis == Long.MAX_VALUE ? Long.MAX_VALUE
        : System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
    long pause = FIRST_PAUSE_MILLIS;
    boolean afterFailure = false;
    while (true) {
      try {
        T result = attempt.run(redis, afterFailure);
        reachable();
        return result;
      } catch (JedisConnectionException e) {
        unreachable(what, e);
      } catch (JedisDataException e) {
        if (!isTransient(e)) {
          throw new StoreException("Redis at " + where + " refused " + what + ": " + e.getMessage(), e);
        }
        unreachable(what, e);
      }
      afterFailure = true;
      if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
        throw new StoreException("Redis at " + where + " cannot be reached for " + what + "; it is tried again later");
      }
      try {
        Thread.sleep(pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for Redis at " + where + " to come back for " + what, e);
      }
      pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
    }
  }

  /** Errors a server answers while it starts, fails over or is briefly read-only: worth waiting for. */
  private static boolean isTransient(JedisDataException e) {
    String m = e.getMessage();
    return m != null && (m.startsWith("LOADING") || m.startsWith("READONLY") || m.startsWith("MASTERDOWN")
        || m.startsWith("TRYAGAIN"));
  }

  void unreachable(String what, Exception e) {
    if (down.compareAndSet(false, true)) {
      downSince.set(System.nanoTime());
      LOG.warn("Redis at {} cannot be reached ({} during {}); retrying with backoff until it answers", where,
          e.getMessage(), what);
    }
  }

  void reachable() {
    if (down.get() && down.compareAndSet(true, false)) {
      LOG.info("Redis at {} answers again after {} ms", where,
          Duration.ofNanos(System.nanoTime() - downSince.get()).toMillis());
    }
  }

  /** Runs a queue script, loading it into the server's script cache when the server does not have it. */
  Object eval(LuaScript script, String key, List<String> args) {
    List<String> keys = List.of(key);
    try {
      return redis.evalsha(script.sha(), keys, args);
    } catch (JedisNoScriptException e) {
      // a restarted server has an empty script cache; EVAL runs and caches it
      return redis.eval(script.source(), keys, args);
    }
  }

  /** A Lua script of this package: the shared helpers followed by its own body. */
  record LuaScript(String name, String source, String sha) {
    static LuaScript load(String name) {
      String source = resource("common.lua") + "\n" + resource(name + ".lua");
      return new LuaScript(name, source, sha1(source));
    }

    private static String resource(String file) {
      try (InputStream in = RedisOps.class.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("queue script " + file + " is missing from the jar");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException("queue script " + file + " cannot be read", e);
      }
    }

    private static String sha1(String text) {
      try {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
            .digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
          hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-1 is missing from this JVM", e);
      }
    }
  }
}
