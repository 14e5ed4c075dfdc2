package dev.weft.benchmarks;

import dev.weft.Weft;
import dev.weft.cluster.Workers;
import dev.weft.event.ExecutionEvent;
import dev.weft.queue.redis.RedisWorkQueue;
import dev.weft.queue.redis.WeftRedis;
import dev.weft.spi.Item;
import dev.weft.store.InMemoryExecutionStore;
import dev.weft.store.Lease;
import dev.weft.store.QueueMessage;
import dev.weft.workflow.Workflow;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queue mode on Redis (issue 9), a plain harness rather than JMH: what matters is wall-clock throughput of enqueuers
 * and worker instances running at once, and the distribution of enqueue-to-start delays, neither of which is one
 * operation JMH can time. Three measurements, on the Redis at {@code -Dweft.bench.redis}, default
 * {@code redis://127.0.0.1:6379}:
 *
 * <ol>
 *   <li><b>queue overhead</b>: enqueue + claim + ack of one message on the bare {@link RedisWorkQueue}, by 1 and by
 *       8 threads: Redis round trips and Lua per message, no engine;</li>
 *   <li><b>throughput</b>: a 1-node workflow ({@code bench.pass}, {@code saveData: none}) enqueued by 4 threads and run
 *       by 1 or 2 worker instances (engines with 16 workers each, sharing the queue and an in-memory execution
 *       store), executions per second from first enqueue to last finish;</li>
 *   <li><b>latency</b>: the same at a fixed rate (half the 2-worker throughput unless given), the delay from the
 *       enqueue call to the execution's start event on a worker: p50, p99, max.</li>
 * </ol>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.QueueThroughput [executions] [rate/s]
 * </pre>
 */
public final class QueueThroughput {
  private static final Workflow ONE_NODE = Workflow.fromJson("""
      {"name": "one node", "settings": {"saveData": "none"},
       "nodes": [{"name": "Pass", "type": "bench.pass"}], "connections": []}
      """);

  private QueueThroughput() {}

  /** Runs the three measurements. */
  public static void main(String[] args) throws Exception {
    int executions = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    String url = System.getProperty("weft.bench.redis", "redis://127.0.0.1:6379");
    try (WeftRedis redis = WeftRedis.connect(url, "weft-bench-" + UUID.randomUUID(), 64)) {
      for (int threads : new int[] {1, 8}) {
        overhead(redis, threads, threads == 1 ? 20_000 : 80_000);
      }
      double best = 0;
      for (int instances : new int[] {1, 2}) {
        throughput(redis, instances, executions / 5); // warm-up
        best = throughput(redis, instances, executions);
      }
      double rate = args.length > 1 ? Double.parseDouble(args[1]) : best / 2;
      latency(redis, rate, (int) Math.min(executions, rate * 20));
    }
  }

  private static void overhead(WeftRedis redis, int threads, int messages) throws Exception {
    RedisWorkQueue queue = redis.workQueue("overhead-" + UUID.randomUUID(), Clock.systemUTC());
    try {
      int each = messages / threads;
      for (int round = 0; round < 2; round++) { // the first round warms up
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
          String worker = "w" + t;
          new Thread(() -> {
            for (int i = 0; i < each; i++) {
              queue.enqueue(QueueMessage.of(Map.of("executionId", "x")));
              for (Lease l : queue.claim(worker, 1, Duration.ofSeconds(30))) {
                queue.ack(l);
              }
            }
            done.countDown();
          }).start();
        }
        done.await();
        long nanos = System.nanoTime() - start;
        if (round == 1) {
          System.out.printf("queue overhead, %d thread(s): %.1f µs per message on each thread (enqueue+claim+ack),"
              + " %.0f messages/s in all%n", threads, nanos / 1e3 / each, each * threads / (nanos / 1e9));
        }
      }
    } finally {
      queue.deleteAll();
    }
  }

  /** Engines sharing the queue and the store; the first also enqueues. */
  private static List<Weft> instances(WeftRedis redis, String queueName, InMemoryExecutionStore store, int n,
      ExecutionListenerSink sink) {
    List<Weft> engines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Weft.Builder b = Weft.builder().discoverNodePacks(false).nodePack(new BenchNodes()).executionStore(store)
          .workQueue(redis.workQueue(queueName, Clock.systemUTC()));
      if (sink != null) {
        b.listener(sink::accept);
      }
      engines.add(b.build());
    }
    return engines;
  }

  /** Where start events go. */
  private interface ExecutionListenerSink {
    void accept(ExecutionEvent event);
  }

  private static double throughput(WeftRedis redis, int instances, int executions) throws Exception {
    String queueName = "throughput-" + UUID.randomUUID();
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    AtomicLong finished = new AtomicLong();
    CountDownLatch all = new CountDownLatch(1);
    ExecutionListenerSink sink = e -> {
      if (e.type() == ExecutionEvent.Type.EXECUTION_FINISHED && finished.incrementAndGet() == executions) {
        all.countDown();
      }
    };
    List<Weft> engines = instances(redis, queueName, store, instances, sink);
    List<Workers> workers = new ArrayList<>();
    try {
      for (Weft w : engines) {
        workers.add(w.startWorkers(16));
      }
      long start = System.nanoTime();
      List<Thread> enqueuers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int share = executions / 4 + (t < executions % 4 ? 1 : 0);
        Thread th = new Thread(() -> {
          for (int i = 0; i < share; i++) {
            engines.get(0).enqueue(ONE_NODE, List.of(Item.of("n", i)));
          }
        });
        th.start();
        enqueuers.add(th);
      }
      for (Thread th : enqueuers) {
        th.join();
      }
      if (!all.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("only " + finished.get() + " of " + executions + " executions finished");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double rate = executions / seconds;
      System.out.printf("throughput, %d worker instance(s) × 16: %d executions in %.2f s = %.0f executions/s%n",
          instances, executions, seconds, rate);
      return rate;
    } finally {
      for (Workers w : workers) {
        w.stop(Duration.ofSeconds(10));
      }
      engines.forEach(Weft::close);
      redis.workQueue(queueName, Clock.systemUTC()).deleteAll();
    }
  }

  private static void latency(WeftRedis redis, double rate, int executions) throws Exception {
    String queueName = "latency-" + UUID.randomUUID();
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    Map<String, Long> enqueuedAt = new ConcurrentHashMap<>();
    long[] delays = new long[executions];
    AtomicLong n = new AtomicLong();
    CountDownLatch all = new CountDownLatch(1);
    ExecutionListenerSink sink = e -> {
      if (e.type() == ExecutionEvent.Type.EXECUTION_STARTED) {
        long now = System.nanoTime();
        Long at = enqueuedAt.remove(e.executionId());
        if (at != null) {
          long i = n.getAndIncrement();
          if (i < executions) {
            delays[(int) i] = now - at;
          }
          if (i + 1 == executions) {
            all.countDown();
          }
        }
      }
    };
    // the enqueuing instance runs no workers: every execution crosses Redis to the two worker instances
    Weft producer = instances(redis, queueName, store, 1, null).get(0);
    List<Weft> engines = instances(redis, queueName, store, 2, sink);
    List<Workers> workers = new ArrayList<>();
    try {
      for (Weft w : engines) {
        workers.add(w.startWorkers(16));
      }
      long interval = (long) (1e9 / rate);
      long next = System.nanoTime();
      for (int i = 0; i < executions; i++) {
        while (System.nanoTime() < next) {
          Thread.onSpinWait();
        }
        String id = UUID.randomUUID().toString();
        enqueuedAt.put(id, System.nanoTime());
        producer.enqueue(ONE_NODE, List.of(Item.of("n", i)), new dev.weft.execution.ExecutionOptions("trigger",
            null, null, id));
        next += interval;
      }
      if (!all.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("only " + n.get() + " of " + executions + " executions started");
      }
      Arrays.sort(delays);
      System.out.printf("enqueue-to-start at %.0f executions/s (%d executions, 2 worker instances): p50 %.2f ms,"
          + " p99 %.2f ms, max %.2f ms%n", rate, executions, delays[executions / 2] / 1e6,
          delays[(int) (executions * 0.99)] / 1e6, delays[executions - 1] / 1e6);
    } finally {
      for (Workers w : workers) {
        w.stop(Duration.ofSeconds(10));
      }
      engines.forEach(Weft::close);
      producer.close();
      redis.workQueue(queueName, Clock.systemUTC()).deleteAll();
    }
  }
}
