package dev.weft.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it; thread-safe. The contract tests hand one to the store under test,
 * so backends must take every timestamp from the clock they are given.
 */
public final class TestClock extends Clock {
  /** Where every test clock starts: a whole second, so any backend precision keeps it exactly. */
  public static final Instant START = Instant.parse("2030-01-15T10:00:00Z");

  private final AtomicReference<Instant> now;

  /** A clock at {@link #START}. */
  public TestClock() {
    this(START);
  }

  /** A clock at {@code start}. */
  public TestClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Moves the clock forward (or back, for a negative duration). */
  public Instant advance(Duration by) {
    return now.updateAndGet(t -> t.plus(by));
  }

  /** Sets the clock. */
  public void set(Instant value) {
    now.set(value);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock stays in UTC");
  }
}
