package dev.weft.persistence.jdbc;

import dev.weft.binary.BinaryStoreContract;
import dev.weft.spi.BinaryStore;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The BinaryStore contract on the real PostgreSQL, in a schema of its own. */
class PostgresBinaryStoreTest extends BinaryStoreContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.postgres();

  @Override
  protected BinaryStore newStore() throws Exception {
    db.truncate();
    return new JdbcBinaryStore(db.stores().database(), Clock.systemUTC());
  }
}
