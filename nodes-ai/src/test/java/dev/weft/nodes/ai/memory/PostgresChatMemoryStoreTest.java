package dev.weft.nodes.ai.memory;

import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/** The JDBC store on the local PostgreSQL server (127.0.0.1:5432, database test, user postgres). */
class PostgresChatMemoryStoreTest extends ChatMemoryStoreContract {
  private static JdbcChatMemoryStore store;

  @BeforeAll
  static void open() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {5432});
    ds.setDatabaseName("test");
    ds.setUser("postgres");
    store = new JdbcChatMemoryStore(ds);
  }

  @Override
  ChatMemoryStore store() {
    return store;
  }
}
