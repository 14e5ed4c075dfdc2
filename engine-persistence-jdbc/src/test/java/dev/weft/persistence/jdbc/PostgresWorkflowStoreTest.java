package dev.weft.persistence.jdbc;

import dev.weft.store.WorkflowStoreContract;
import dev.weft.store.WorkflowStore;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WorkflowStore contract on the real PostgreSQL, in a schema of its own. */
class PostgresWorkflowStoreTest extends WorkflowStoreContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.postgres();

  @Override
  protected WorkflowStore newStore(TestClock clock) throws Exception {
    db.truncate();
    return new JdbcWorkflowStore(db.stores().database(), clock);
  }
}
