package dev.weft.persistence.jdbc;

import dev.weft.store.AuditLog;
import dev.weft.store.AuditLogContract;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The AuditLog contract on H2 (in memory). */
class H2AuditLogTest extends AuditLogContract {
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
  protected AuditLog newLog(TestClock clock) throws Exception {
    TestDatabases.truncate(stores);
    return new JdbcAuditLog(stores.database(), clock);
  }
}
