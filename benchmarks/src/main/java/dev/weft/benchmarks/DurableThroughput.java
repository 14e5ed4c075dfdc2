package dev.weft.benchmarks;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.persistence.jdbc.JdbcConfig;
import dev.weft.persistence.jdbc.JdbcStores;
import dev.weft.spi.Item;
import dev.weft.store.ExecutionQuery;
import dev.weft.workflow.Workflow;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Saved executions per second with per-node durability, on the JDBC stores (issue 5): a 3-node workflow
 * ({@code bench.pass} → {@code bench.setField} with an expression → {@code bench.pass}, {@code saveData: all}) run by
 * N threads at once for a fixed time. Each execution writes its start record, a checkpoint after each of its 3 nodes
 * and its outcome: 5 writes, each durable before the engine goes on, which the store commits in groups.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.DurableThroughput h2 10 1 8 32
 * java -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.DurableThroughput postgres 10 1 8 32
 * </pre>
 *
 * <p>Arguments: the database ({@code h2}: a file in a temporary folder, as {@code weft serve} uses it;
 * {@code postgres}: a fresh schema in {@code -Dweft.bench.pg.url}, default {@code jdbc:postgresql://127.0.0.1:5432/test}
 * as user {@code -Dweft.bench.pg.user}, default {@code postgres}), the seconds per measurement, and the concurrencies.
 * Each concurrency first runs 3 s of warm-up. Prints executions/s and the process CPU time per execution.
 */
public final class DurableThroughput {
  private DurableThroughput() {}

  /** Runs the measurements; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    String db = args.length > 0 ? args[0] : "h2";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    List<Integer> concurrencies = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      concurrencies.add(Integer.parseInt(args[i]));
    }
    if (concurrencies.isEmpty()) {
      concurrencies = List.of(1, 8, 32);
    }
    Path folder = Files.createTempDirectory("weft-bench-");
    JdbcConfig config;
    if (db.equals("h2")) {
      config = JdbcConfig.h2(folder);
    } else if (db.equals("postgres")) {
      config = JdbcConfig.url(System.getProperty("weft.bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"))
          .withCredentials(System.getProperty("weft.bench.pg.user", "postgres"),
              System.getProperty("weft.bench.pg.password", ""))
          .withSchema("weft_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    } else {
      throw new IllegalArgumentException("the database is h2 or postgres, not '" + db + "'");
    }
    config = config.withPoolSize(Math.max(JdbcConfig.DEFAULT_POOL_SIZE, concurrencies.stream().max(
        Comparator.naturalOrder()).orElse(1) + 2));
    Workflow workflow = Workflow.fromJson("""
        {"name": "three nodes", "settings": {"saveData": "all"}, "nodes": [
          {"name": "Start", "type": "bench.pass"},
          {"name": "Double", "type": "bench.setField", "parameters": {"field": "double", "value": "{{ $json.id * 2 }}"}},
          {"name": "End", "type": "bench.pass"}],
         "connections": [{"from": "Start", "to": "Double"}, {"from": "Double", "to": "End"}]}
        """);
    System.out.printf("%s (%s), %d s per measurement, %d cores, Java %s%n", db, config.url().replaceAll(
        "password=[^;&]*", "password=***"), seconds, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    try (JdbcStores stores = JdbcStores.open(config);
        Weft weft = Weft.builder().discoverNodePacks(false).nodePack(new BenchNodes())
            .executionStore(stores.executions()).build()) {
      long done = 0;
      for (int concurrency : concurrencies) {
        measure(weft, workflow, concurrency, 3); // warm-up
        Result r = measure(weft, workflow, concurrency, seconds);
        done += r.executions;
        System.out.printf("concurrency %3d: %8.0f saved executions/s (%d in %.1f s, %d failed), %6.0f us CPU an"
            + " execution, load average %.1f%n", concurrency, r.executions / r.seconds, r.executions, r.seconds,
            r.failed, r.cpuNanos / 1000.0 / Math.max(1, r.executions),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
      long stored = stores.executions().list(ExecutionQuery.all()
          .status(dev.weft.store.ExecutionRecord.Status.SUCCESS).page(0, 1)).total();
      System.out.printf("stored SUCCESS executions: %d (at least the %d measured)%n", stored, done);
      if (db.equals("postgres")) {
        try (Connection c = stores.dataSource().getConnection(); Statement st = c.createStatement()) {
          st.execute("DROP SCHEMA \"" + config.schema() + "\" CASCADE");
          c.commit();
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private record Result(long executions, long failed, double seconds, long cpuNanos) {}

  private static Result measure(Weft weft, Workflow workflow, int concurrency, int seconds) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong count = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        List<Item> input = List.of(Item.of(Map.of("id", id)));
        while (!stop.get()) {
          ExecutionResult result = weft.run(workflow, input);
          if (result.status() == ExecutionStatus.SUCCESS) {
            count.incrementAndGet();
          } else {
            failed.incrementAndGet();
          }
        }
      }, "bench-" + t);
      threads.add(thread);
      thread.start();
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    start.countDown();
    Thread.sleep(seconds * 1000L);
    long n = count.get();
    long t1 = System.nanoTime();
    long cpu1 = os.getProcessCpuTime();
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    return new Result(n, failed.get(), (t1 - t0) / 1e9, cpu1 - cpu0);
  }
}
