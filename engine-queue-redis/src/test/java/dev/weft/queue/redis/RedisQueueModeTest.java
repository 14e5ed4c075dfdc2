package dev.weft.queue.redis;

import dev.weft.cluster.ProofDatabase;
import dev.weft.cluster.ProofNodes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Weft;
import dev.weft.persistence.jdbc.JdbcConfig;
import dev.weft.persistence.jdbc.JdbcStores;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queue mode as deployed: executions in the real PostgreSQL (127.0.0.1:5432, database {@code test}, a schema of the
 * test's own), the queue on the real Redis, workers in JVMs of their own. Every execution runs, none twice; a worker
 * killed with SIGKILL mid-execution is taken over without running a finished node again; Redis stopped for 10 s under
 * load (and restarted empty, as CI runs it) loses nothing.
 */
class RedisQueueModeTest {
  private static final String PG_URL = System.getProperty("weft.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = System.getProperty("weft.test.pg.user", "postgres");

  private JdbcConfig config;
  private JdbcStores stores;
  private ProofDatabase db;
  private WeftRedis redis;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    config = JdbcConfig.url(PG_URL).withCredentials(PG_USER, "")
        .withSchema("weft_rq_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    stores = JdbcStores.open(config);
    db = new ProofDatabase(stores.dataSource());
    db.execute(ProofNodes.EFFECTS);
    redis = RedisTestSupport.connect("weft-proof-" + UUID.randomUUID());
  }

  @AfterEach
  void close() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    RedisControl.ensureUp();
    RedisTestSupport.deleteKeys(redis.prefix());
    redis.close();
    try {
      db.execute("DROP SCHEMA \"" + config.schema() + "\" CASCADE");
    } finally {
      stores.close();
    }
  }

  /** Starts a worker JVM and waits until it claims. */
  private Process worker(String name, int concurrency, long pauseMs, Duration clockOffset) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Path.of("target", "worker-" + name + ".log");
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.dev.weft.queue.redis=info", RedisWorkerProcess.class.getName(),
        PG_URL, PG_USER, config.schema(), RedisTestSupport.url(), redis.prefix(), name, String.valueOf(concurrency),
        String.valueOf(pauseMs), String.valueOf(clockOffset.toMillis()))
        .redirectError(log.toFile()).start();
    processes.add(p);
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).as("worker %s started (its log: %s)", name, log.toAbsolutePath()).isEqualTo("ready");
    return p;
  }

  private Weft main() {
    return RedisWorkerProcess.engine(stores, redis, Clock.systemUTC(), 0);
  }

  private void awaitFinished(long expected, Duration limit) throws Exception {
    long done = db.awaitCount(ProofDatabase.FINISHED, expected, limit);
    if (done >= expected) {
      return;
    }
    StringBuilder unfinished = new StringBuilder();
    try (Connection c = stores.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT e.id, e.status, e.version, (SELECT string_agg(node || '@' || instance,"
            + " ',') FROM proof_effect f WHERE f.execution_id = e.id) FROM weft_execution e WHERE e.status NOT IN"
            + " ('SUCCESS', 'ERROR', 'CANCELLED') LIMIT 20");
        redis.clients.jedis.JedisPooled r = new redis.clients.jedis.JedisPooled(
            java.net.URI.create(RedisTestSupport.url()))) {
      while (rs.next()) {
        unfinished.append("\n  ").append(rs.getString(1)).append(' ').append(rs.getString(2)).append(" v")
            .append(rs.getLong(3)).append(" effects=").append(rs.getString(4)).append(" queue=")
            .append(r.hgetAll(redis.prefix() + ":{queue}:m:" + rs.getString(1)));
      }
      c.commit();
    }
    assertThat(done).as("finished executions within %s; unfinished:%s", limit, unfinished).isEqualTo(expected);
  }

  private static Workflow twoEffects(String name, String saveData) {
    return Workflow.fromJson("""
        {"name": "%s", "settings": {"saveData": "%s"},
         "nodes": [{"name": "Start", "type": "proof.start"},
          {"name": "Before", "type": "proof.effect"},
          {"name": "Pause", "type": "proof.pause", "parameters": {"ms": "{{ $vars.pauseMs }}"}},
          {"name": "After", "type": "proof.effect"}],
         "connections": [{"from": "Start", "to": "Before"}, {"from": "Before", "to": "Pause"},
                         {"from": "Pause", "to": "After"}]}
        """.formatted(name, saveData));
  }

  private void assertEachNodeRanOncePerExecution(long total) throws Exception {
    assertThat(db.counts("SELECT status, count(*) FROM weft_execution GROUP BY status"))
        .isEqualTo(Map.of("SUCCESS", total));
    assertThat(db.counts("SELECT node, count(*) FROM proof_effect GROUP BY node"))
        .isEqualTo(Map.of("Before", total, "After", total));
    assertThat(db.count("SELECT count(*) FROM (SELECT execution_id, node FROM proof_effect GROUP BY execution_id, node"
        + " HAVING count(*) > 1) twice")).as("nodes run twice").isZero();
  }

  @Test
  void aWorkerKilledMidExecutionIsTakenOverWithEachFinishedNodeRunOnce() throws Exception {
    Workflow workflow = twoEffects("crash", "all");
    int total = 12;
    Process doomed = worker("doomed", 4, 60_000, Duration.ZERO); // pauses a minute: it dies in the middle
    try (Weft main = main()) {
      for (int i = 0; i < total; i++) {
        main.enqueue(workflow, List.of(Item.of("n", i)));
      }
    }
    assertThat(db.awaitCount("SELECT count(*) FROM proof_effect WHERE node = 'Before'", 4, Duration.ofSeconds(60)))
        .isEqualTo(4);
    // the effect is committed inside the node, its checkpoint just after: kill once all four are checkpointed, so
    // that "Before" is a finished node (one whose checkpoint a crash may beat runs again, as it should)
    String checkpointed = "SELECT count(*) FROM weft_execution_data WHERE data LIKE '%\"Before\":[{%'";
    assertThat(db.awaitCount(checkpointed, 4, Duration.ofSeconds(60))).isEqualTo(4);
    doomed.destroyForcibly(); // SIGKILL: four executions are past "Before" and inside "Pause"
    assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(db.count("SELECT count(*) FROM weft_execution WHERE status = 'RUNNING'")).isEqualTo(4);

    // another worker JVM whose clock runs two minutes ahead: the dead worker's leases and heartbeats are stale to it
    // at once, instead of after the 30 s lease and 45 s heartbeat limit
    worker("survivor", 4, 0, Duration.ofMinutes(2));
    awaitFinished(total, Duration.ofMinutes(2));

    assertEachNodeRanOncePerExecution(total);
    assertThat(db.count("SELECT count(*) FROM proof_effect WHERE instance = 'doomed' AND node = 'Before'"))
        .as("the killed worker's finished nodes were not run again").isEqualTo(4);
    assertThat(db.count("SELECT count(*) FROM proof_effect WHERE instance = 'doomed' AND node = 'After'")).isZero();
  }

  @Test
  void twoWorkerJvmsDrainTenThousandQueuedExecutionsWithNoneLostAndNoneRunTwice() throws Exception {
    Workflow workflow = Workflow.fromJson("""
        {"name": "drain", "settings": {"saveData": "none"},
         "nodes": [{"name": "Start", "type": "proof.start"}, {"name": "Effect", "type": "proof.effect"}],
         "connections": [{"from": "Start", "to": "Effect"}]}
        """);
    int total = 10_000;
    long started = System.nanoTime();
    try (Weft main = main()) {
      ExecutorService enqueuers = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int from = t * total / 4;
          int to = (t + 1) * total / 4;
          done.add(enqueuers.submit(() -> {
            for (int i = from; i < to; i++) {
              main.enqueue(workflow, List.of(Item.of("n", i)));
            }
          }));
        }
        for (Future<?> f : done) {
          f.get(5, TimeUnit.MINUTES);
        }
      } finally {
        enqueuers.shutdownNow();
      }
    }
    RedisWorkQueue queue = redis.workQueue("queue", Clock.systemUTC());
    assertThat(queue.size()).isEqualTo(total);
    long enqueued = System.nanoTime();
    System.out.printf("queue-mode drain: %d executions enqueued in %d ms%n", total, (enqueued - started) / 1_000_000);

    worker("one", 8, 0, Duration.ZERO);
    worker("two", 8, 0, Duration.ZERO);
    // a ceiling for a loaded machine (other builds sharing its 2 cores), far above a quiet machine's time
    awaitFinished(total, Duration.ofMinutes(8));
    System.out.printf("queue-mode drain: drained by 2 worker JVMs in %d ms%n", (System.nanoTime() - enqueued) / 1_000_000);

    assertThat(db.counts("SELECT status, count(*) FROM weft_execution GROUP BY status"))
        .isEqualTo(Map.of("SUCCESS", (long) total));
    assertThat(db.count("SELECT count(*) FROM proof_effect")).isEqualTo(total);
    assertThat(db.count("SELECT count(DISTINCT execution_id) FROM proof_effect")).as("none run twice")
        .isEqualTo(total);
    assertThat(db.counts("SELECT instance, count(*) FROM proof_effect GROUP BY instance").keySet())
        .as("both worker JVMs took work").containsExactlyInAnyOrder("one", "two");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (queue.size() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100); // the last acknowledgements may trail the status writes
    }
    assertThat(queue.size()).as("acknowledged messages are deleted").isZero();
  }

  @Test
  void redisStoppedForTenSecondsUnderLoadLosesNoExecution() throws Exception {
    String reason = RedisControl.cannotControl();
    Assumptions.assumeTrue(reason == null, () -> "skipped: this test stops and restarts the local Redis, but "
        + reason);
    Workflow workflow = twoEffects("outage", "all");
    int total = 600;
    worker("one", 4, 20, Duration.ZERO);
    worker("two", 4, 20, Duration.ZERO);
    try (Weft main = main()) {
      ExecutorService enqueuer = Executors.newSingleThreadExecutor();
      try {
        Future<?> enqueued = enqueuer.submit(() -> {
          for (int i = 0; i < total; i++) {
            main.enqueue(workflow, List.of(Item.of("n", i)));
            Thread.sleep(10); // a steady stream, going on through the outage
          }
          return null;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.count("SELECT count(*) FROM proof_effect WHERE node = 'After'") < 100
            && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        try {
          RedisControl.stop();
          Thread.sleep(10_000);
        } finally {
          RedisControl.ensureUp(); // never leave Redis down
        }
        enqueued.get(3, TimeUnit.MINUTES);
      } finally {
        enqueuer.shutdownNow();
      }
      awaitFinished(total, Duration.ofMinutes(3));
    }
    assertEachNodeRanOncePerExecution(total);
  }
}
