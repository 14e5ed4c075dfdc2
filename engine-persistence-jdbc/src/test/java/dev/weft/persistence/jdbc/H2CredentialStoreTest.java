package dev.weft.persistence.jdbc;

import dev.weft.store.CredentialStoreContract;
import dev.weft.store.CredentialStore;
import dev.weft.store.TestClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CredentialStore contract on H2 (in memory). */
class H2CredentialStoreTest extends CredentialStoreContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.h2();

  @Override
  protected CredentialStore newStore(TestClock clock) throws Exception {
    db.truncate();
    return new JdbcCredentialStore(db.stores().database(), clock);
  }
}
