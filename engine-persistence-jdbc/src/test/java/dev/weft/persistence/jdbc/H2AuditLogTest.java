package dev.weft.persistence.jdbc;

import dev.weft.store.AuditLog;
import dev.weft.store.AuditLogContract;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AuditLog contract on H2 (in memory). */
class H2AuditLogTest extends AuditLogContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.h2();

  @Override
  protected AuditLog newLog(TestClock clock) throws Exception {
    db.truncate();
    return new JdbcAuditLog(db.stores().database(), clock);
  }
}
