package dev.weft.persistence.jdbc;

import dev.weft.store.CredentialStoreContract;
import dev.weft.store.CredentialStore;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The CredentialStore contract on H2 (in memory). */
class H2CredentialStoreTest extends CredentialStoreContract {
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
  protected CredentialStore newStore(TestClock clock) throws Exception {
    TestDatabases.truncate(stores);
    return new JdbcCredentialStore(stores.database(), clock);
  }
}
