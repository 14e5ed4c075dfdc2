package dev.weft.persistence.jdbc;

import dev.weft.store.WorkQueueContract;
import dev.weft.store.WorkQueue;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WorkQueue contract on the real PostgreSQL, in a schema of its own. */
class PostgresWorkQueueTest extends WorkQueueContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.postgres();

  @Override
  protected WorkQueue newQueue(TestClock clock) throws Exception {
    db.truncate();
    return new JdbcWorkQueue(db.stores().database(), clock);
  }
}
