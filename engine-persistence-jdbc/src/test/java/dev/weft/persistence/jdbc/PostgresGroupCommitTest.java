package dev.weft.persistence.jdbc;

/** Group commit of execution writes on the real PostgreSQL, in a schema of its own. */
class PostgresGroupCommitTest extends GroupCommitContract {
  @Override
  JdbcStores open() {
    return TestDatabases.open(true);
  }
}
