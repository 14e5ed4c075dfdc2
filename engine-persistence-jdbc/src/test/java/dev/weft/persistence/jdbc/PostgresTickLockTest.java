package dev.weft.persistence.jdbc;

import dev.weft.cluster.TickLock;
import dev.weft.cluster.TickLockContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The TickLock contract on the real PostgreSQL, in a schema of its own. */
class PostgresTickLockTest extends TickLockContract {
  private static JdbcStores stores;

  @BeforeAll
  static void openDatabase() {
    stores = TestDatabases.open(true);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    TestDatabases.dropAndClose(stores);
  }

  @Override
  protected TickLock newLock() {
    return stores.tickLock();
  }
}
