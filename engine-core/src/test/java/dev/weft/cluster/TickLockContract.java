package dev.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TickLock} must do. A backend's test extends this class; {@link #newLock()} returns locks sharing
 * one backend (several of them stand for several instances).
 */
public abstract class TickLockContract {
  private static final Duration HOLD = Duration.ofMinutes(5);
  private final String key = "wf-" + UUID.randomUUID() + "/Schedule";
  private final Instant tick = Instant.parse("2030-01-15T10:00:00Z");

  /** A lock on the shared backend. */
  protected abstract TickLock newLock() throws Exception;

  @Test
  void exactlyOneOfManyRacingInstancesWinsATick() throws Exception {
    List<TickLock> locks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      locks.add(newLock());
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        TickLock lock = locks.get(i % locks.size());
        Callable<Boolean> claim = () -> {
          go.await();
          return lock.claim(key, tick, HOLD);
        };
        results.add(pool.submit(claim));
      }
      go.countDown();
      int winners = 0;
      for (Future<Boolean> f : results) {
        winners += f.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eachTickAndEachScheduleIsItsOwn() throws Exception {
    TickLock a = newLock();
    TickLock b = newLock();
    assertThat(a.claim(key, tick, HOLD)).isTrue();
    assertThat(b.claim(key, tick, HOLD)).isFalse();
    assertThat(b.claim(key, tick.plusSeconds(60), HOLD)).as("the next tick").isTrue();
    assertThat(a.claim(key + "2", tick, HOLD)).as("another schedule").isTrue();
    assertThat(a.claim(key, tick, HOLD)).as("the winner asking again").isFalse();
  }
}
