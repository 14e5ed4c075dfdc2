package dev.weft.store;

class InMemoryAuditLogTest extends AuditLogContract {
  @Override
  protected AuditLog newLog(TestClock clock) {
    return new InMemoryAuditLog(clock);
  }
}
