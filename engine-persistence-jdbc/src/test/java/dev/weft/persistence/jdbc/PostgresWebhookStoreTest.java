package dev.weft.persistence.jdbc;

import dev.weft.store.TestClock;
import dev.weft.store.WebhookStore;
import dev.weft.store.WebhookStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WebhookStore contract on the real PostgreSQL, in a schema of its own. */
class PostgresWebhookStoreTest extends WebhookStoreContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.postgres();

  @Override
  protected WebhookStore newStore(TestClock clock) throws Exception {
    db.truncate();
    return new JdbcWebhookStore(db.stores().database(), clock);
  }
}
