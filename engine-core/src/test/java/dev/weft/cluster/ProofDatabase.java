package dev.weft.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The queue-mode proofs' look into their database (JDBC and Redis backends alike): statements and counting queries,
 * each in a transaction of its own on connections that do not auto-commit.
 */
public final class ProofDatabase {
  /** Counts the executions that have finished, whatever their status. */
  public static final String FINISHED =
      "SELECT count(*) FROM weft_execution WHERE status IN ('SUCCESS', 'ERROR', 'CANCELLED')";

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

  /**
   * Asks a scalar query every 100 ms until it counts at least {@code atLeast} or {@code limit} has passed.
   *
   * @return the last count: at least {@code atLeast}, or less when time ran out
   */
  public long awaitCount(String query, long atLeast, Duration limit) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    long n = count(query);
    while (n < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(100);
      n = count(query);
    }
    return n;
  }
}
