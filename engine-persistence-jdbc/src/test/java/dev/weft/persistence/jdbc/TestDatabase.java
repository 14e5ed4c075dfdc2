package dev.weft.persistence.jdbc;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own database (see {@link TestDatabases}): opened before its tests, dropped after them. Register it
 * with {@code @RegisterExtension static final TestDatabase db = TestDatabase.h2();} (or {@code postgres()}).
 */
final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
  private final boolean postgres;
  private JdbcStores stores;

  private TestDatabase(boolean postgres) {
    this.postgres = postgres;
  }

  /** A fresh in-memory H2 database. */
  static TestDatabase h2() {
    return new TestDatabase(false);
  }

  /** A fresh schema in the real PostgreSQL. */
  static TestDatabase postgres() {
    return new TestDatabase(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    stores = TestDatabases.open(postgres);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    TestDatabases.dropAndClose(stores);
  }

  /** The stores on this database. */
  JdbcStores stores() {
    return stores;
  }

  /** Empties every Weft table. */
  void truncate() throws java.sql.SQLException {
    TestDatabases.truncate(stores);
  }
}
