package dev.weft.persistence.jdbc;

/** Group commit of execution writes on H2 (in memory). */
class H2GroupCommitTest extends GroupCommitContract {
  @Override
  JdbcStores open() {
    return TestDatabases.open(false);
  }
}
