package dev.weft.persistence.jdbc;

import dev.weft.binary.BinaryStoreContract;
import dev.weft.spi.BinaryStore;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The BinaryStore contract on H2 (in memory). */
class H2BinaryStoreTest extends BinaryStoreContract {
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
  protected BinaryStore newStore() throws Exception {
    TestDatabases.truncate(stores);
    return new JdbcBinaryStore(stores.database(), Clock.systemUTC());
  }
}
