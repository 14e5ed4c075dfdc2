package dev.weft.nodes.ai.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class H2VectorStoreTest extends VectorStoreContract {
  private JdbcDataSource dataSource;

  @Override
  protected VectorStore createStore() {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:vectors-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return new JdbcVectorStore(dataSource);
  }

  @Test
  void aSecondStoreOnTheSameDatabaseSeesTheCollections() throws Exception {
    store.upsert(col, List.of(doc("a", "kept", Map.of("k", "v"), 1, 2, 3)));

    JdbcVectorStore again = new JdbcVectorStore(dataSource);

    assertThat(again.usesPgvector()).isFalse();
    assertThat(again.count(col)).isEqualTo(1);
    assertThat(again.search(col, new float[] {1, 2, 3}, 1, Map.of("k", "v"), 0.99)).hasSize(1);
  }
}
