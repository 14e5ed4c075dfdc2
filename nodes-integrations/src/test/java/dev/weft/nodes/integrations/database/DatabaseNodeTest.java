package dev.weft.nodes.integrations.database;

import static dev.weft.nodes.integrations.Flows.items;
import static dev.weft.nodes.integrations.Flows.json;
import static dev.weft.nodes.integrations.Flows.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.integrations.Flows;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Runs against the PostgreSQL and MariaDB servers of this machine, and an in-memory H2. */
class DatabaseNodeTest {

  static Credentials credentials(String system) {
    return switch (system) {
      case "postgres" -> new Credentials("pg", DatabaseCredentials.TYPE, Map.of("database", "postgres",
          "host", "127.0.0.1", "port", 5432, "name", "test", "user", "postgres", "password", ""));
      case "mysql" -> new Credentials("my", DatabaseCredentials.TYPE, Map.of("database", "mysql",
          "host", "127.0.0.1", "port", 3306, "name", "test", "user", "root", "password", ""));
      default -> new Credentials("h2", DatabaseCredentials.TYPE, Map.of("database", "h2",
          "name", "mem:weft-db-test;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE", "user", "sa", "password", ""));
    };
  }

  private static ExecutionResult run(Weft weft, String system, String params, List<Item> input) {
    Credentials c = credentials(system);
    return weft.run(Flows.single("weft.database", params, "{ \"weft.database\": \"" + c.id() + "\" }"), input);
  }

  private static ExecutionResult query(Weft weft, String system, String sql, String paramsJson, List<Item> input) {
    String q = sql.replace("\\", "\\\\").replace("\"", "\\\"");
    return run(weft, system, "{ \"operation\": \"executeQuery\", \"query\": \"" + q + "\""
        + (paramsJson == null ? "" : ", \"queryParameters\": " + paramsJson) + " }", input);
  }

  private static ExecutionResult ok(ExecutionResult r) {
    assertThat(r.error()).as("execution error").isNull();
    return r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "mysql", "h2"})
  void writesAndReadsRowsWithBoundValues(String system) {
    String table = "weft_people_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Weft weft = Flows.engine(null, credentials("postgres"), credentials("mysql"), credentials("h2"))) {
      ok(query(weft, system, "CREATE TABLE " + table
          + " (id INTEGER PRIMARY KEY, name VARCHAR(100), score DOUBLE PRECISION)", null, List.of(Item.empty())));
      try {
        ExecutionResult inserted = ok(run(weft, system, "{ \"operation\": \"insert\", \"table\": \"" + table + "\" }",
            items("[{\"id\": 1, \"name\": \"Ada\", \"score\": 9.5},"
                + " {\"id\": 2, \"name\": \"x'); DROP TABLE " + table + "; --\", \"score\": 3}]")));
        assertThat(inserted.items("Node")).hasSize(2);
        assertThat(inserted.items("Node").get(0).json().get("name")).isEqualTo("Ada");

        ExecutionResult selected = ok(query(weft, system,
            "SELECT id, name FROM " + table + " WHERE score > $1 AND name <> '$2 is not a placeholder' ORDER BY id",
            "[\"{{ $json.min }}\"]", items("[{\"min\": 1}]")));
        assertThat(json(selected.items("Node"))).isEqualTo(parse("[{\"id\": 1, \"name\": \"Ada\"}, "
            + "{\"id\": 2, \"name\": \"x'); DROP TABLE " + table + "; --\"}]"));

        ok(run(weft, system, "{ \"operation\": \"update\", \"table\": \"" + table + "\", \"matchColumns\": \"id\" }",
            items("[{\"id\": 1, \"score\": 10}]")));
        ok(run(weft, system, "{ \"operation\": \"upsert\", \"table\": \"" + table + "\", \"matchColumns\": \"id\" }",
            items("[{\"id\": 2, \"name\": \"Linus\", \"score\": 7}, {\"id\": 3, \"name\": \"Grace\", \"score\": 8.25}]")));
        ExecutionResult deleted = ok(run(weft, system, "{ \"operation\": \"delete\", \"table\": \"" + table
            + "\", \"matchColumns\": \"id\" }", items("[{\"id\": 1}, {\"id\": 99}]")));
        assertThat(json(deleted.items("Node"))).isEqualTo(parse("[{\"affectedRows\": 1}, {\"affectedRows\": 0}]"));

        ExecutionResult all = ok(query(weft, system, "SELECT id, name, score FROM " + table + " ORDER BY id", null,
            List.of(Item.empty())));
        assertThat(json(all.items("Node"))).isEqualTo(parse(
            "[{\"id\": 2, \"name\": \"Linus\", \"score\": 7}, {\"id\": 3, \"name\": \"Grace\", \"score\": 8.25}]"));
      } finally {
        ok(query(weft, system, "DROP TABLE " + table, null, List.of(Item.empty())));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "mysql", "h2"})
  void rollsBackATransactionWhenAnItemFails(String system) {
    String table = "weft_tx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Weft weft = Flows.engine(null, credentials("postgres"), credentials("mysql"), credentials("h2"))) {
      ok(query(weft, system, "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, v VARCHAR(20))", null,
          List.of(Item.empty())));
      try {
        ExecutionResult r = run(weft, system, "{ \"operation\": \"insert\", \"table\": \"" + table
            + "\", \"mode\": \"transaction\" }", items("[{\"id\": 1, \"v\": \"a\"}, {\"id\": 1, \"v\": \"again\"}]"));
        assertThat(r.error().message()).contains("refused the statement").contains("rolled back");
        ExecutionResult count = ok(query(weft, system, "SELECT COUNT(*) AS n FROM " + table, null,
            List.of(Item.empty())));
        assertThat(count.items("Node").get(0).json().get("n")).isEqualTo(0L);
      } finally {
        ok(query(weft, system, "DROP TABLE " + table, null, List.of(Item.empty())));
      }
    }
  }

  @Test
  void readsPostgresTypes() {
    try (Weft weft = Flows.engine(null, credentials("postgres"))) {
      ExecutionResult r = ok(query(weft, "postgres", "SELECT $1::jsonb AS doc, DATE '2024-02-29' AS day, "
          + "TIMESTAMP '2024-03-01 10:15:00' AS at, TIMESTAMPTZ '2024-03-01 10:15:00+02' AS atz, "
          + "ARRAY[1,2,3] AS nums, 12.50::numeric AS price, NULL AS nothing, $2 AS again_one",
          "[\"{{ $json.doc }}\", \"{{ $json.doc.a }}\"]", items("[{\"doc\": {\"a\": [1, {\"b\": true}]}}]")));
      Map<String, Object> row = r.items("Node").get(0).json();
      assertThat(row.get("doc")).isEqualTo(parse("{\"a\": [1, {\"b\": true}]}"));
      assertThat(row.get("day")).isEqualTo("2024-02-29");
      assertThat(row.get("at")).isEqualTo("2024-03-01T10:15");
      assertThat(row.get("atz")).isEqualTo("2024-03-01T08:15Z");
      assertThat(row.get("nums")).isEqualTo(List.of(1L, 2L, 3L));
      assertThat(row.get("price")).isEqualTo(12.5);
      assertThat(row).containsEntry("nothing", null);
    }
  }

  @Test
  void refusesIdentifiersThatAreNotPlainNames() {
    try (Weft weft = Flows.engine(null, credentials("h2"))) {
      ExecutionResult badTable = run(weft, "h2", "{ \"operation\": \"insert\", \"table\": \"people; DROP TABLE x\" }",
          items("[{\"id\": 1}]"));
      assertThat(badTable.error().message()).contains("table 'people; DROP TABLE x' is not a plain name");
      ExecutionResult badColumn = run(weft, "h2", "{ \"operation\": \"insert\", \"table\": \"people\" }",
          items("[{\"id) VALUES (1); --\": 1}]"));
      assertThat(badColumn.error().message()).contains("is not a plain name");
      ExecutionResult missing = query(weft, "h2", "SELECT $1, $2", "[1]", List.of(Item.empty()));
      assertThat(missing.error().message()).contains("2 placeholder(s) but 1 parameter(s)");
      ExecutionResult sqlError = query(weft, "h2", "SELECT * FROM no_such_table", null, List.of(Item.empty()));
      assertThat(sqlError.error().message()).contains("h2 refused the statement").contains("no_such_table").contains("not found");
    }
  }

  @Test
  void findsH2TablesAsTheirUnquotedNamesResolve() {
    Credentials upper = new Credentials("h2u", DatabaseCredentials.TYPE, Map.of("database", "h2",
        "name", "mem:weft-db-upper;DB_CLOSE_DELAY=-1", "user", "sa", "password", ""));
    try (Weft weft = Flows.engine(null, upper)) {
      String creds = "{ \"weft.database\": \"h2u\" }";
      assertThat(weft.run(Flows.single("weft.database", "{ \"query\": \"CREATE TABLE orders (id INT, \\\"VALUE\\\" INT)\" }",
          creds), List.of(Item.empty())).error()).isNull();
      ExecutionResult insert = weft.run(Flows.single("weft.database", "{ \"operation\": \"insert\", \"table\": \"orders\" }",
          creds), items("[{\"id\": 1, \"value\": 5}]"));
      assertThat(insert.error()).isNull();
      ExecutionResult select = weft.run(Flows.single("weft.database", "{ \"query\": \"SELECT * FROM orders\" }", creds),
          List.of(Item.empty()));
      assertThat(json(select.items("Node"))).isEqualTo(parse("[{\"ID\": 1, \"VALUE\": 5}]"));
    }
  }

  @Test
  void translatesPlaceholders() {
    Placeholders.Parsed p = Placeholders.parse(
        "SELECT '$1', \"a$2\", $$ $3 $$, $tag$ ? $tag$ -- $4\n FROM t WHERE a = $2 AND b = $1 /* $9 */ AND c = $2");
    assertThat(p.sql()).isEqualTo(
        "SELECT '$1', \"a$2\", $$ $3 $$, $tag$ ? $tag$ -- $4\n FROM t WHERE a = ? AND b = ? /* $9 */ AND c = ?");
    assertThat(p.order()).containsExactly(1, 0, 1);
    assertThat(p.needed()).isEqualTo(2);
    assertThat(Placeholders.parse("SELECT ? , 'it''s ?', ?").order()).containsExactly(0, 1);
  }

  @Test
  void testsCredentials() throws Exception {
    CredentialTester tester = DatabaseCredentials.type().tester();
    CredentialTester.Result ok = tester.test(credentials("mysql"), null);
    assertThat(ok.ok()).as(ok.message()).isTrue();
    assertThat(ok.message()).contains("MariaDB");
    CredentialTester.Result bad = tester.test(new Credentials("bad", DatabaseCredentials.TYPE, Map.of(
        "database", "mysql", "host", "127.0.0.1", "port", 3306, "name", "test", "user", "nobody-here",
        "password", "pw-secret-77")), null);
    assertThat(bad.ok()).isFalse();
    assertThat(bad.message()).contains("nobody-here").doesNotContain("pw-secret-77");
  }
}
