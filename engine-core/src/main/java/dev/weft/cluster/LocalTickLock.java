package dev.weft.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TickLock} within one process: engines built with the same instance fire each tick once among them. */
public final class LocalTickLock implements TickLock {
  private final Clock clock;
  private final Map<String, Instant> claims = new ConcurrentHashMap<>();

  /** A lock on the system clock. */
  public LocalTickLock() {
    this(Clock.systemUTC());
  }

  /** A lock whose claims expire by this clock. */
  public LocalTickLock(Clock clock) {
    this.clock = clock;
  }

  @Override
  public boolean claim(String key, Instant tick, Duration hold) {
    Instant now = clock.instant();
    claims.values().removeIf(until -> until.isBefore(now));
    return claims.putIfAbsent(key + "\u0000" + tick, now.plus(hold)) == null;
  }
}
