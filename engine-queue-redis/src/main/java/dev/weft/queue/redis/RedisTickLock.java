package dev.weft.queue.redis;

import dev.weft.cluster.TickLock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import redis.clients.jedis.params.SetParams;

/**
 * {@link TickLock} on Redis: a tick is won by the one {@code SET key NX PX hold} that creates its key, so exactly one
 * instance sharing the server fires it. The key expires after {@code hold}; nothing else is kept.
 */
public final class RedisTickLock implements TickLock {
  private final RedisOps ops;
  private final String prefix;
  private final String owner;

  RedisTickLock(RedisOps ops, String prefix, String owner) {
    this.ops = ops;
    this.prefix = prefix;
    this.owner = owner;
  }

  @Override
  public boolean claim(String key, Instant tick, Duration hold) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(tick, "tick");
    if (hold == null || hold.toMillis() < 1) {
      throw new IllegalArgumentException("tick lock of schedule '" + key + "' needs a hold of at least 1 ms, got "
          + hold);
    }
    String k = prefix + ":tick:" + key + ":" + tick.getEpochSecond() + "." + tick.getNano();
    SetParams params = SetParams.setParams().nx().px(hold.toMillis());
    return ops.call("claiming tick " + tick + " of schedule '" + key + "'", (r, afterFailure) -> {
      if ("OK".equals(r.set(k, owner, params))) {
        return true;
      }
      // a try whose answer was lost may have been the one that set the key
      return afterFailure && owner.equals(r.get(k));
    });
  }
}
