package dev.weft.persistence.jdbc;

import dev.weft.store.ExecutionStoreContract;
import dev.weft.store.ExecutionStore;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ExecutionStore contract on H2 (in memory). */
class H2ExecutionStoreTest extends ExecutionStoreContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.h2();

  @Override
  protected ExecutionStore newStore(TestClock clock) throws Exception {
    db.truncate();
    return new JdbcExecutionStore(db.stores().database(), clock);
  }
}
