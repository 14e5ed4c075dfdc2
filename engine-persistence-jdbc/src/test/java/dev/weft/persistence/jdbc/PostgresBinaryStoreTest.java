package dev.weft.persistence.jdbc;

import dev.weft.binary.BinaryStoreContract;
import dev.weft.spi.BinaryStore;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The BinaryStore contract on the real PostgreSQL, in a schema of its own. */
class PostgresBinaryStoreTest extends BinaryStoreContract {
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
  protected BinaryStore newStore() throws Exception {
    TestDatabases.truncate(stores);
    return new JdbcBinaryStore(stores.database(), Clock.systemUTC());
  }
}
