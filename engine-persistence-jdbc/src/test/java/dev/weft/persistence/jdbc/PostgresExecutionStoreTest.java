package dev.weft.persistence.jdbc;

import dev.weft.store.ExecutionStoreContract;
import dev.weft.store.ExecutionStore;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ExecutionStore contract on the real PostgreSQL, in a schema of its own. */
class PostgresExecutionStoreTest extends ExecutionStoreContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.postgres();

  @Override
  protected ExecutionStore newStore(TestClock clock) throws Exception {
    db.truncate();
    return new JdbcExecutionStore(db.stores().database(), clock);
  }
}
