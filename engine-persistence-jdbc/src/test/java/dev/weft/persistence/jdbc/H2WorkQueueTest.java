package dev.weft.persistence.jdbc;

import dev.weft.store.WorkQueueContract;
import dev.weft.store.WorkQueue;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The WorkQueue contract on H2 (in memory). */
class H2WorkQueueTest extends WorkQueueContract {
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
  protected WorkQueue newQueue(TestClock clock) throws Exception {
    TestDatabases.truncate(stores);
    return new JdbcWorkQueue(stores.database(), clock);
  }
}
