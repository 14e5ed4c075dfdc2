package dev.weft.persistence.jdbc;

import dev.weft.store.WorkQueueContract;
import dev.weft.store.WorkQueue;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WorkQueue contract on H2 (in memory). */
class H2WorkQueueTest extends WorkQueueContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.h2();

  @Override
  protected WorkQueue newQueue(TestClock clock) throws Exception {
    db.truncate();
    return new JdbcWorkQueue(db.stores().database(), clock);
  }
}
