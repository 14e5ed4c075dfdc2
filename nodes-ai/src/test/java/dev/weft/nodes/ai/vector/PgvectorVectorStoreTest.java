package dev.weft.nodes.ai.vector;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract on PostgreSQL with pgvector: runs when the {@code vector} extension is installed on the local server
 * (or can be created there) and is skipped otherwise. {@link PgvectorSqlTest} checks the pgvector statements' syntax
 * on servers without it.
 */
class PgvectorVectorStoreTest extends VectorStoreContract {
  @Override
  protected VectorStore createStore() throws Exception {
    JdbcVectorStore store = new JdbcVectorStore(PostgresVectorStoreTest.dataSource());
    assumeTrue(store.usesPgvector(), "the pgvector extension is not available on the local PostgreSQL");
    return store;
  }
}
