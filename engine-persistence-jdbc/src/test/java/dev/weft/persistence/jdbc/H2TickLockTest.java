package dev.weft.persistence.jdbc;

import dev.weft.cluster.TickLock;
import dev.weft.cluster.TickLockContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TickLock contract on H2 (in memory). */
class H2TickLockTest extends TickLockContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.h2();

  @Override
  protected TickLock newLock() {
    return db.stores().tickLock();
  }
}
