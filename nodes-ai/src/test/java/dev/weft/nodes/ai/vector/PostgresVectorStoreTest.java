package dev.weft.nodes.ai.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The contract on the real PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}) with the portable
 * storage: vectors as {@code bytea}, ranked in Java. {@link PgvectorVectorStoreTest} covers pgvector.
 */
class PostgresVectorStoreTest extends VectorStoreContract {
  static PGSimpleDataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL("jdbc:postgresql://127.0.0.1:5432/test");
    ds.setUser("postgres");
    return ds;
  }

  @Override
  protected VectorStore createStore() {
    return new JdbcVectorStore(dataSource(), false);
  }

  @Test
  void vectorsAreStoredAsBytesInTheCollectionsTable() throws Exception {
    store.upsert(col, List.of(doc("a", "a", Map.of(), 1, 2)));

    try (Connection c = dataSource().getConnection();
         ResultSet rs = c.createStatement().executeQuery("SELECT data_type FROM information_schema.columns"
             + " WHERE table_name = 'weft_vec_" + col + "' AND column_name = 'vector'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("bytea");
    }
  }
}
