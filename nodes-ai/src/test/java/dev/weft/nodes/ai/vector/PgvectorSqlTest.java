package dev.weft.nodes.ai.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statements of the pgvector storage, checked by the real PostgreSQL's parser even where the extension is not
 * installed: PL/pgSQL parses the SQL of a function body when the function is created but resolves types and tables
 * only when it runs, so a syntax error fails here while the unknown type {@code vector} does not.
 */
class PgvectorSqlTest {

  private static List<String> pgvectorStatements() {
    List<String> sql = new ArrayList<>(JdbcVectorStore.createTable(JdbcVectorStore.Dialect.POSTGRESQL,
        JdbcVectorStore.Storage.PGVECTOR, "docs", 3));
    sql.add(JdbcVectorStore.upsertSql(JdbcVectorStore.Dialect.POSTGRESQL, JdbcVectorStore.Storage.PGVECTOR, "docs"));
    sql.add(JdbcVectorStore.pgvectorSearchSql("docs"));
    return sql;
  }

  @Test
  void theStatementsAreValidPostgresSyntax() throws Exception {
    List<String> sql = pgvectorStatements();
    assertThat(sql).hasSize(5);
    assertThat(sql.get(0)).contains("embedding vector(3) NOT NULL", "metadata JSONB");
    assertThat(sql.get(1)).contains("USING hnsw (embedding vector_cosine_ops)");
    assertThat(sql.get(4)).contains("ORDER BY embedding <=> CAST(? AS vector)");
    try (Connection c = PostgresVectorStoreTest.dataSource().getConnection()) {
      for (String s : sql) {
        parse(c, s);
      }
    }
  }

  @Test
  void theSyntaxCheckDoesCatchSyntaxErrors() throws Exception {
    try (Connection c = PostgresVectorStoreTest.dataSource().getConnection()) {
      assertThatThrownBy(() -> parse(c, "SELECT id FROM weft_vec_docs ORDER BY embedding <=> LIMIT 3"))
          .isInstanceOf(SQLException.class).hasMessageContaining("syntax error");
    }
  }

  @Test
  void anHnswIndexIsLeftOutAboveItsDimensionLimit() {
    assertThat(JdbcVectorStore.createTable(JdbcVectorStore.Dialect.POSTGRESQL, JdbcVectorStore.Storage.PGVECTOR,
        "big", JdbcVectorStore.HNSW_MAX_DIMENSION + 1)).noneMatch(s -> s.contains("hnsw"));
  }

  /** Creates (in the session's temporary schema) a PL/pgSQL function whose body is the statement. */
  private static void parse(Connection c, String statement) throws SQLException {
    String body = statement.replace("?", "NULL");
    try (Statement st = c.createStatement()) {
      st.execute("CREATE OR REPLACE FUNCTION pg_temp.weft_syntax_check() RETURNS void LANGUAGE plpgsql AS $check$"
          + " BEGIN " + (body.startsWith("SELECT") ? "PERFORM " + body.substring(7) : body) + "; END $check$");
    }
  }
}
