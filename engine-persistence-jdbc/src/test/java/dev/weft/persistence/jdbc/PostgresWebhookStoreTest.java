package dev.weft.persistence.jdbc;

import dev.weft.store.TestClock;
import dev.weft.store.WebhookStore;
import dev.weft.store.WebhookStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The WebhookStore contract on the real PostgreSQL, in a schema of its own. */
class PostgresWebhookStoreTest extends WebhookStoreContract {
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
  protected WebhookStore newStore(TestClock clock) throws Exception {
    TestDatabases.truncate(stores);
    return new JdbcWebhookStore(stores.database(), clock);
  }
}
