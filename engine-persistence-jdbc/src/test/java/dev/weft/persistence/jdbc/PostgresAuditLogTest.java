package dev.weft.persistence.jdbc;

import dev.weft.store.AuditLog;
import dev.weft.store.AuditLogContract;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AuditLog contract on the real PostgreSQL, in a schema of its own. */
class PostgresAuditLogTest extends AuditLogContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.postgres();

  @Override
  protected AuditLog newLog(TestClock clock) throws Exception {
    db.truncate();
    return new JdbcAuditLog(db.stores().database(), clock);
  }
}
