package dev.weft.persistence.jdbc;

import dev.weft.store.WorkflowStoreContract;
import dev.weft.store.WorkflowStore;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The WorkflowStore contract on H2 (in memory). */
class H2WorkflowStoreTest extends WorkflowStoreContract {
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
  protected WorkflowStore newStore(TestClock clock) throws Exception {
    TestDatabases.truncate(stores);
    return new JdbcWorkflowStore(stores.database(), clock);
  }
}
