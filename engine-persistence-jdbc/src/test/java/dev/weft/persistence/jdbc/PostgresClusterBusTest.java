package dev.weft.persistence.jdbc;

import dev.weft.cluster.ClusterBus;
import dev.weft.cluster.ClusterBusContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The ClusterBus contract on the real PostgreSQL's LISTEN/NOTIFY; each bus stands for an instance of its own. */
class PostgresClusterBusTest extends ClusterBusContract {
  private static JdbcStores stores;
  private static JdbcConfig config;
  private final List<JdbcStores> instances = new ArrayList<>();

  @BeforeAll
  static void openDatabase() {
    config = TestDatabases.postgresConfig();
    stores = JdbcStores.open(config);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    TestDatabases.dropAndClose(stores);
  }

  @AfterEach
  void closeInstances() {
    instances.forEach(JdbcStores::close);
  }

  @Override
  protected ClusterBus newBus() {
    JdbcStores instance = JdbcStores.open(config); // its own pool and listening connection, as another process has
    instances.add(instance);
    return instance.clusterBus();
  }
}
