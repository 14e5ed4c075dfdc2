package dev.weft.persistence.jdbc;

import dev.weft.store.ExecutionStoreContract;
import dev.weft.store.ExecutionStore;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ExecutionStore contract on H2 (in memory). */
class H2ExecutionStoreTest extends ExecutionStoreContract {
  private static JdbcStores stores;

  @BeforeAll
  static void openDatabase() {
    stores = TestDatabases.open(false);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    TestDatabases.dropAndClose(stores);
  }

  @Override
  protected ExecutionStore newStore(TestClock clock) throws Exception {
    TestDatabases.truncate(stores);
    return new JdbcExecutionStore(stores.database(), clock);
  }
}
