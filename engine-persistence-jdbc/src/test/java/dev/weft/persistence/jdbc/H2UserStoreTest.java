package dev.weft.persistence.jdbc;

import dev.weft.store.TestClock;
import dev.weft.store.UserStore;
import dev.weft.store.UserStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The UserStore contract on H2 (in memory). */
class H2UserStoreTest extends UserStoreContract {
  @RegisterExtension
  static final TestDatabase db = TestDatabase.h2();

  @Override
  protected UserStore newStore(TestClock clock) throws Exception {
    db.truncate();
    return new JdbcUserStore(db.stores().database(), clock);
  }
}
