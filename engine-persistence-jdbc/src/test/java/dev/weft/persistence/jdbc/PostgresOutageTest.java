package dev.weft.persistence.jdbc;

import dev.weft.cluster.ProofNodes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Weft;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL disappears while queued executions run and comes back: the workers report the outage, retry with
 * backoff, and every execution completes after the database returns; none is left running or lost.
 */
class PostgresOutageTest {
  private JdbcConfig config;
  private JdbcStores direct;
  private TcpProxy proxy;

  /** The system clock plus an offset a test moves forward, standing for time passing. */
  static final class MovableClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void advance(Duration d) {
      offset.updateAndGet(o -> o.plus(d));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset.get());
    }
  }

  @BeforeEach
  void open() throws Exception {
    config = TestDatabases.postgresConfig();
    direct = JdbcStores.open(config); // the test's own view, and where the effect node writes: never cut
    try (Connection c = direct.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute(ProofNodes.EFFECTS);
      c.commit();
    }
    proxy = new TcpProxy("127.0.0.1", Integer.parseInt(TestDatabases.PG_URL.replaceAll(".*:(\\d+)/.*", "$1")));
  }

  @AfterEach
  void close() throws Exception {
    proxy.close();
    TestDatabases.dropAndClose(direct);
  }

  private Map<String, Long> counts(String query) throws Exception {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Connection c = direct.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
      c.commit();
    }
    return out;
  }

  private long finished() throws Exception {
    return counts("SELECT 'n', count(*) FROM weft_execution WHERE status IN ('SUCCESS', 'ERROR', 'CANCELLED')")
        .get("n");
  }

  @Test
  void queuedExecutionsAllCompleteAfterTheDatabaseComesBack() throws Exception {
    MovableClock clock = new MovableClock();
    String viaProxy = TestDatabases.PG_URL.replaceAll(":\\d+/", ":" + proxy.port() + "/");
    JdbcConfig proxied = JdbcConfig.url(viaProxy).withCredentials(TestDatabases.PG_USER, TestDatabases.PG_PASSWORD)
        .withSchema(config.schema()).withConnectionTimeout(Duration.ofSeconds(2)).withClock(clock);
    Workflow workflow = Workflow.fromJson("""
        {"name": "outage", "nodes": [{"name": "Start", "type": "proof.start"},
          {"name": "Pause", "type": "proof.pause", "parameters": {"ms": 300}},
          {"name": "Effect", "type": "proof.effect"}],
         "connections": [{"from": "Start", "to": "Pause"}, {"from": "Pause", "to": "Effect"}]}
        """);
    int total = 40;
    try (JdbcStores stores = JdbcStores.open(proxied);
        Weft weft = Weft.builder().discoverNodePacks(false).nodePack(new ProofNodes()).clock(clock)
            .executionStore(stores.executions()).workQueue(stores.workQueue())
            .service(DataSource.class, direct.dataSource()).build()) {
      for (int i = 0; i < total; i++) {
        weft.enqueue(workflow, List.of(Item.of("n", i)));
      }
      weft.startWorkers("outage", 4);
      await(() -> finished() >= 4, Duration.ofSeconds(60));

      proxy.cut(); // the database goes away mid-run
      Thread.sleep(5_000);
      long duringOutage = finished();
      assertThat(duringOutage).as("some executions could not finish while the database was away").isLessThan(total);
      proxy.restore();
      // time passes: leases of executions caught mid-write expire and their heartbeats go stale
      clock.advance(Duration.ofMinutes(2));
      await(() -> finished() >= total, Duration.ofSeconds(120));
      // the last acknowledgements follow the outcomes by a moment; a message put back during the outage (its outcome
      // could not be stored) comes due 45 s later and is then dropped as done
      await(() -> direct.workQueue().size() == 0, Duration.ofSeconds(150));
    }
    assertThat(counts("SELECT status, count(*) FROM weft_execution GROUP BY status"))
        .isEqualTo(Map.of("SUCCESS", (long) total));
    assertThat(counts("SELECT 'n', count(DISTINCT execution_id) FROM proof_effect").get("n"))
        .as("every execution's effect happened").isEqualTo(total);
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void await(Check check, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!check.ok()) {
      assertThat(System.nanoTime()).as("condition met within %s", limit).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
