package dev.weft.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The queue-mode proofs' look into their database (JDBC and Redis backends alike): statements and counting queries,
 * each in a transaction of its own on connections that do not auto-commit.
 */
public final class ProofDatabase {
  private final DataSource dataSource;

  /** Works on the engine's own database. */
  public ProofDatabase(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs one statement and commits it. */
  public void execute(String statement) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute(statement);
      c.commit();
    }
  }

  /** The rows of a query selecting a key and a count, in the order it returns them. */
  public Map<String, Long> counts(String query) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
      c.commit();
    }
    return out;
  }

  /** The single number a scalar query selects. */
  public long count(String query) throws SQLException {
    return counts("SELECT 'n', (" + query + ")").get("n");
  }
}
