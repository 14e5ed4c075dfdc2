package dev.weft.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.store.Lease;
import dev.weft.store.QueueMessage;
import dev.weft.store.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two "engine instances" (two pools on one PostgreSQL schema, two worker threads each) drain a queue of 10,000
 * messages while producers are still filling it: every message is delivered exactly once, none is lost.
 */
class PostgresQueueConcurrencyTest {
  private static final int MESSAGES = 10_000;
  private static JdbcStores instanceA;
  private static JdbcStores instanceB;

  @BeforeAll
  static void openTwoInstances() {
    JdbcConfig config = TestDatabases.postgresConfig().withPoolSize(4);
    instanceA = JdbcStores.open(config);
    instanceB = JdbcStores.open(config);
  }

  @AfterAll
  static void drop() throws Exception {
    if (instanceB != null) {
      instanceB.close();
    }
    TestDatabases.dropAndClose(instanceA);
  }

  @Test
  void twoInstancesDrainTenThousandMessagesWithNoneLostAndNoneTwice() throws Exception {
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    AtomicInteger acked = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> producers = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        WorkQueue queue = p == 0 ? instanceA.workQueue() : instanceB.workQueue();
        int from = p * MESSAGES / 2;
        producers.add(pool.submit(() -> {
          for (int i = from; i < from + MESSAGES / 2; i++) {
            queue.enqueue(QueueMessage.of(Map.of("n", (long) i)).withId("exec-" + i));
          }
          return null;
        }));
      }
      List<Future<Integer>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        WorkQueue queue = w % 2 == 0 ? instanceA.workQueue() : instanceB.workQueue();
        String worker = (w % 2 == 0 ? "instance-a" : "instance-b") + "-thread-" + w;
        workers.add(pool.submit(() -> {
          int mine = 0;
          long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
          while (acked.get() < MESSAGES && System.nanoTime() < deadline) {
            List<Lease> leases = queue.claim(worker, 10, Duration.ofMinutes(10));
            for (Lease lease : leases) {
              deliveries.computeIfAbsent(lease.messageId(), k -> new AtomicInteger()).incrementAndGet();
              queue.ack(lease);
              acked.incrementAndGet();
              mine++;
            }
            if (leases.isEmpty()) {
              Thread.sleep(5);
            }
          }
          return mine;
        }));
      }
      for (Future<?> f : producers) {
        f.get(4, TimeUnit.MINUTES);
      }
      int total = 0;
      List<Integer> perWorker = new ArrayList<>();
      for (Future<Integer> f : workers) {
        int n = f.get(5, TimeUnit.MINUTES);
        perWorker.add(n);
        total += n;
      }

      assertThat(total).isEqualTo(MESSAGES);
      assertThat(deliveries).hasSize(MESSAGES);
      assertThat(deliveries.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(perWorker).allSatisfy(n -> assertThat(n).isPositive());
      assertThat(instanceA.workQueue().size()).isZero();
      assertThat(instanceB.workQueue().deadLetters(10)).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }
}
