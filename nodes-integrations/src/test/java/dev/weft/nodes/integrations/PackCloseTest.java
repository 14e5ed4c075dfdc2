package dev.weft.nodes.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pack owns its database pools: closing the engine closes them, and the database sees the sessions go. */
class PackCloseTest {

  @Test
  void closingTheEngineClosesTheDatabasePools() throws Exception {
    Credentials pg = new Credentials("pg-close", "weft.database", Map.of("database", "postgres",
        "host", "127.0.0.1", "port", 5432, "name", "test", "user", "postgres",
        "password", ""));
    IntegrationNodes pack = new IntegrationNodes();
    Weft weft = Weft.builder().discoverNodePacks(false).nodePack(pack)
        .credentials((id, type, node) -> {
          if (id.equals(pg.id())) {
            return pg;
          }
          throw new NodeException("no test credential " + id);
        })
        .build();
    List<HikariDataSource> pools;
    int pid;
    try {
      ExecutionResult r = weft.run(Flows.single("weft.database",
          "{ \"operation\": \"executeQuery\", \"query\": \"SELECT 1 AS one\" }", "{ \"weft.database\": \"pg-close\" }"),
          List.of(Item.empty()));
      assertThat(r.error()).isNull();
      pools = pack.databasePools();
      assertThat(pools).hasSize(1);
      assertThat(pools.get(0).isClosed()).isFalse();
      try (Connection c = pools.get(0).getConnection(); var st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getInt(1);
      }
      assertThat(sessions(pid)).as("the pool keeps its connection open").isEqualTo(1);
    } finally {
      weft.close();
    }
    assertThat(pools.get(0).isClosed()).isTrue();
    assertThat(pack.databasePools()).isEmpty();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (sessions(pid) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50); // the server ends the backend just after the client said goodbye
    }
    assertThat(sessions(pid)).as("PostgreSQL sees the pool's session end").isZero();
  }

  private static int sessions(int pid) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        var st = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
      st.setInt(1, pid);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
