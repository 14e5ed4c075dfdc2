package dev.weft.persistence.jdbc;

import dev.weft.store.TestClock;
import dev.weft.store.UserStore;
import dev.weft.store.UserStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The UserStore contract on the real PostgreSQL, in a schema of its own. */
class PostgresUserStoreTest extends UserStoreContract {
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
  protected UserStore newStore(TestClock clock) throws Exception {
    TestDatabases.truncate(stores);
    return new JdbcUserStore(stores.database(), clock);
  }
}
