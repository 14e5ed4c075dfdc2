package dev.weft.persistence.jdbc;

import dev.weft.cluster.ProofDatabase;
import dev.weft.cluster.ProofNodes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Weft;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several engine instances sharing one PostgreSQL, without Redis: worker JVMs of their own claim from the JDBC work
 * queue. Every execution runs once, and one whose worker is killed with SIGKILL is finished by another without
 * running a finished node again.
 */
class PostgresQueueModeTest {
  private JdbcConfig config;
  private JdbcStores stores;
  private ProofDatabase db;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    config = TestDatabases.postgresConfig();
    stores = JdbcStores.open(config);
    db = new ProofDatabase(stores.dataSource());
    db.execute(ProofNodes.EFFECTS);
  }

  @AfterEach
  void close() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    TestDatabases.dropAndClose(stores);
  }

  /** Starts a worker JVM and waits until it claims. */
  private Process worker(String name, int concurrency, long pauseMs) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", QueueWorkerProcess.class.getName(),
        TestDatabases.PG_URL, TestDatabases.PG_USER, config.schema(), name, String.valueOf(concurrency),
        String.valueOf(pauseMs))
        .redirectError(ProcessBuilder.Redirect.appendTo(new java.io.File(System.getProperty("java.io.tmpdir"), "weft-queue-worker.log"))).start();
    processes.add(p);
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("worker %s started", name).isEqualTo("ready");
    return p;
  }

  private void awaitFinished(long expected, Duration limit) throws Exception {
    long done = db.awaitCount(ProofDatabase.FINISHED, expected, limit);
    assertThat(done).as("finished executions within %s", limit).isGreaterThanOrEqualTo(expected);
  }

  @Test
  void twoInstancesDrainTenThousandQueuedExecutionsWithNoneLostAndNoneRunTwice() throws Exception {
    Workflow workflow = Workflow.fromJson("""
        {"name": "drain", "settings": {"saveData": "none"},
         "nodes": [{"name": "Start", "type": "proof.start"}, {"name": "Effect", "type": "proof.effect"}],
         "connections": [{"from": "Start", "to": "Effect"}]}
        """);
    int total = Integer.getInteger("weft.test.drain", 10_000);
    System.setProperty("weft.instance", "here");
    try (Weft here = QueueWorkerProcess.worker(stores, Clock.systemUTC(), 0)) {
      long t0 = System.nanoTime();
      java.util.stream.IntStream.range(0, total).parallel() // a few producers at once, as triggers would be
          .forEach(i -> here.enqueue(workflow, List.of(Item.of("n", i))));
      long t1 = System.nanoTime();
      worker("there", 8, 0); // a second instance in its own JVM
      here.startWorkers("here", 8);
      try {
        awaitFinished(total, Duration.ofMinutes(10));
      } finally {
        System.out.printf("queued %d in %d ms, drained in %d ms; unfinished: %s; queue %d, dead letters %s%n", total,
            (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000,
            db.counts("SELECT status, count(*) FROM weft_execution WHERE status NOT IN ('SUCCESS') GROUP BY status"),
            stores.workQueue().size(), stores.workQueue().deadLetters(5));
      }
    }
    assertThat(db.counts("SELECT status, count(*) FROM weft_execution GROUP BY status"))
        .isEqualTo(Map.of("SUCCESS", (long) total));
    assertThat(db.count("SELECT count(*) FROM proof_effect")).isEqualTo(total);
    assertThat(db.count("SELECT count(*) FROM (SELECT execution_id FROM proof_effect GROUP BY execution_id "
        + "HAVING count(*) > 1) twice")).as("executions run twice").isZero();
    Map<String, Long> byInstance = db.counts("SELECT instance, count(*) FROM proof_effect GROUP BY instance");
    assertThat(byInstance.keySet()).as("both instances took work").containsExactlyInAnyOrder("here", "there");
    assertThat(stores.workQueue().size()).as("acknowledged messages are deleted").isZero();
  }

  @Test
  void anExecutionWhoseWorkerIsKilledFinishesOnAnotherWithEachFinishedNodeRunOnce() throws Exception {
    Workflow workflow = Workflow.fromJson("""
        {"name": "crash", "nodes": [{"name": "Start", "type": "proof.start"},
          {"name": "Before", "type": "proof.effect"},
          {"name": "Pause", "type": "proof.pause", "parameters": {"ms": "{{ $vars.pauseMs }}"}},
          {"name": "After", "type": "proof.effect"}],
         "connections": [{"from": "Start", "to": "Before"}, {"from": "Before", "to": "Pause"},
                         {"from": "Pause", "to": "After"}]}
        """);
    int total = 12;
    Process doomed = worker("doomed", 4, 60_000); // pauses a minute: it dies in the middle
    List<String> ids = new ArrayList<>();
    try (Weft main = QueueWorkerProcess.worker(stores, Clock.systemUTC(), 0)) {
      for (int i = 0; i < total; i++) {
        ids.add(main.enqueue(workflow, List.of(Item.of("n", i))));
      }
    }
    assertThat(db.awaitCount("SELECT count(*) FROM proof_effect WHERE node = 'Before'", 4, Duration.ofSeconds(60)))
        .isEqualTo(4);
    // the effect is committed inside the node, its checkpoint just after: kill once all four are checkpointed, so
    // that "Before" is a finished node (one whose checkpoint a crash beats runs again, as it should)
    String checkpointed = "SELECT count(*) FROM weft_execution_data WHERE data LIKE '%\"Before\":[{%'";
    assertThat(db.awaitCount(checkpointed, 4, Duration.ofSeconds(60))).isEqualTo(4);
    doomed.destroyForcibly(); // SIGKILL mid-execution: four executions are past "Before" and in "Pause"
    assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(db.count("SELECT count(*) FROM weft_execution WHERE status = 'RUNNING'")).isEqualTo(4);

    // a survivor two minutes "later" (its clock ahead): the dead worker's leases and heartbeats are stale to it
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
    System.setProperty("weft.instance", "survivor");
    try (JdbcStores survivorStores = JdbcStores.open(config.withClock(later));
        Weft survivor = QueueWorkerProcess.worker(survivorStores, later, 0)) {
      survivor.startWorkers("survivor", 4);
      awaitFinished(total, Duration.ofMinutes(2));
    }
    assertThat(db.counts("SELECT status, count(*) FROM weft_execution GROUP BY status"))
        .isEqualTo(Map.of("SUCCESS", (long) total));
    Map<String, Long> perNode = db.counts("SELECT node, count(*) FROM proof_effect GROUP BY node");
    assertThat(perNode).as("each node ran once per execution, the killed worker's included")
        .isEqualTo(Map.of("Before", (long) total, "After", (long) total));
    assertThat(db.count("SELECT count(*) FROM proof_effect WHERE instance = 'doomed' AND node = 'After'")).isZero();
    assertThat(db.count("SELECT count(*) FROM proof_effect WHERE instance = 'doomed' AND node = 'Before'"))
        .as("the finished nodes of the killed worker were not run again").isEqualTo(4);
  }
}
