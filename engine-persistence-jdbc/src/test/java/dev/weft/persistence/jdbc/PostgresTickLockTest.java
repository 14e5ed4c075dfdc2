package dev.weft.persistence.jdbc;

import dev.weft.cluster.TickLock;
import dev.weft.cluster.TickLockContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TickLock contract on the real PostgreSQL, in a schema of its own. */
class PostgresTickLockTest extends TickLockContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.postgres();

  @Override
  protected TickLock newLock() {
    return db.stores().tickLock();
  }
}
