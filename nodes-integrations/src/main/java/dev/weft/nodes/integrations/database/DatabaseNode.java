package dev.weft.nodes.integrations.database;

import dev.weft.nodes.integrations.common.Clients;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.sql.Array;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Database ({@code weft.database}): runs SQL on PostgreSQL, MySQL/MariaDB or H2 through the credential's connection
 * pool. Operations: {@code executeQuery} (a query written in the workflow, with {@code $1}-style or {@code ?}
 * placeholders bound to per-item parameters), {@code insert}, {@code update}, {@code upsert} and {@code delete} (rows
 * built from the item's fields). The query text is never built from item values: it takes no expressions, table and
 * column names are checked to be plain names and quoted, and every value is a bound parameter.
 *
 * <p>Items run one after another on one connection; in {@code transaction} mode all of them run in one transaction,
 * rolled back when any fails.
 */
public final class DatabaseNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.database";
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Database")
      .group("output")
      .icon("fa:database")
      .description("Queries and writes rows of a PostgreSQL, MySQL/MariaDB or H2 database")
      .parameters(
          ParameterSpec.options("operation", Option.of("executeQuery", "Execute query"), Option.of("insert", "Insert"),
              Option.of("update", "Update"), Option.of("upsert", "Insert or update"), Option.of("delete", "Delete"))
              .displayName("Operation"),
          ParameterSpec.string("query").displayName("Query").noExpressions().displayWhen("operation", "executeQuery")
              .placeholder("SELECT * FROM orders WHERE customer = $1 AND total > $2")
              .description("Values go in as $1, $2 … (or ?) bound from the query parameters, never into the text"),
          ParameterSpec.builder("queryParameters", dev.weft.spi.ParameterType.LIST).displayName("Query parameters")
              .displayWhen("operation", "executeQuery")
              .description("One value per placeholder, expressions evaluated per item"),
          ParameterSpec.string("table").displayName("Table").displayWhen("operation", "insert", "update", "upsert",
              "delete").placeholder("public.orders"),
          ParameterSpec.string("columns").displayName("Columns")
              .description("Comma-separated item fields to write; empty writes every field of the item")
              .displayWhen("operation", "insert", "update", "upsert"),
          ParameterSpec.string("matchColumns").displayName("Columns to match on").placeholder("id")
              .displayWhen("operation", "update", "upsert", "delete"),
          ParameterSpec.options("mode", Option.of("eachItem", "Each item on its own"),
              Option.of("transaction", "All items in one transaction")).displayName("Mode"),
          ParameterSpec.number("timeoutSeconds").displayName("Statement timeout (s)").defaultValue(60))
      .credential(DatabaseCredentials.TYPE, true)
      .build();

  private final Clients<com.zaxxer.hikari.HikariDataSource> pools;

  /**
   * A node using {@code pools}: the pack's connection pools, one per credential, closed with the pack.
   */
  public DatabaseNode(Clients<com.zaxxer.hikari.HikariDataSource> pools) {
    this.pools = java.util.Objects.requireNonNull(pools, "pools");
  }

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    Credentials credentials = context.credentials(DatabaseCredentials.TYPE);
    Dialect dialect = DatabaseCredentials.dialect(credentials);
    List<String> secrets = DatabaseCredentials.secrets(credentials);
    List<Item> items = context.items();
    String mode = context.string("mode", 0);
    boolean transaction = "transaction".equals(mode);
    NodeOutput.Builder out = context.output();
    Connection conn;
    try {
      conn = DatabaseCredentials.pool(pools, credentials).getConnection();
    } catch (SQLException e) {
      throw new NodeException(ServiceErrors.redact("cannot connect to the " + dialect.id + " database: "
          + DatabaseCredentials.describe(e), secrets), e);
    }
    try (conn) {
      if (transaction) {
        conn.setAutoCommit(false);
      }
      boolean upper = conn.getMetaData().storesUpperCaseIdentifiers();
      List<List<Item>> results = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        context.cancellation().throwIfCancelled();
        try {
          results.add(run(context, conn, dialect, upper, items.get(i), i));
        } catch (SQLException e) {
          NodeException failure = NodeException.item(i, ServiceErrors.redact(dialect.id + " refused the statement: "
              + DatabaseCredentials.describe(e), secrets), e);
          if (transaction) {
            conn.rollback();
            throw new NodeException(failure.getMessage() + "; the transaction was rolled back", null, i, null, e);
          }
          results.add(null);
          out.fail(i, failure);
        } catch (Exception e) {
          if (transaction) {
            conn.rollback();
          }
          if (transaction) {
            throw e;
          }
          results.add(null);
          out.fail(i, e);
        }
      }
      if (transaction) {
        conn.commit();
        conn.setAutoCommit(true);
      }
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i) != null) {
          for (Item it : results.get(i)) {
            out.add(0, it.pairedWith(i));
          }
        }
      }
    }
    return out.build();
  }

  private static List<Item> run(NodeContext context, Connection conn, Dialect dialect, boolean upper, Item item, int i)
      throws Exception {
    String op = context.string("operation", i);
    op = op == null ? "executeQuery" : op;
    return switch (op) {
      case "executeQuery" -> executeQuery(context, conn, i);
      case "insert" -> write(context, conn, dialect, upper, item, i, "insert");
      case "update" -> write(context, conn, dialect, upper, item, i, "update");
      case "upsert" -> write(context, conn, dialect, upper, item, i, "upsert");
      case "delete" -> delete(context, conn, dialect, upper, item, i);
      default -> throw NodeException.parameter("operation", i, "unknown operation '" + op
          + "'; use executeQuery, insert, update, upsert or delete");
    };
  }

  private static List<Item> executeQuery(NodeContext context, Connection conn, int i) throws Exception {
    String query = context.string("query", i);
    if (query == null || query.isBlank()) {
      throw NodeException.parameter("query", i, "the query is empty");
    }
    Placeholders.Parsed parsed;
    try {
      parsed = Placeholders.parse(query);
    } catch (IllegalArgumentException e) {
      throw NodeException.parameter("query", i, e.getMessage());
    }
    Object raw = context.parameter("queryParameters", i);
    List<Object> values = raw == null ? List.of() : raw instanceof List<?> l ? new ArrayList<>(l) : List.of(raw);
    if (values.size() < parsed.needed()) {
      throw NodeException.parameter("queryParameters", i, "the query has " + parsed.needed()
          + " placeholder(s) but " + values.size() + " parameter(s) are given");
    }
    try (PreparedStatement st = conn.prepareStatement(parsed.sql())) {
      prepare(context, st, i);
      for (int p = 0; p < parsed.order().size(); p++) {
        bind(st, p + 1, values.get(parsed.order().get(p)));
      }
      return runStatement(context, st, i);
    }
  }

  private static List<Item> runStatement(NodeContext context, PreparedStatement st, int i) throws Exception {
    AutoCloseable onCancel = context.cancellation().onCancel(() -> {
      try {
        st.cancel();
      } catch (SQLException gone) {
        // the statement finished meanwhile
      }
    });
    try {
      boolean hasRows = st.execute();
      List<Item> result = new ArrayList<>();
      if (hasRows) {
        try (ResultSet rs = st.getResultSet()) {
          result.addAll(rows(rs));
        }
      } else {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("affectedRows", (long) st.getUpdateCount());
        result.add(Item.of(json));
      }
      return result;
    } finally {
      onCancel.close();
    }
  }

  private static void prepare(NodeContext context, PreparedStatement st, int i) throws Exception {
    Number timeout = context.parameter("timeoutSeconds", i, Number.class);
    if (timeout != null && timeout.intValue() > 0) {
      st.setQueryTimeout(timeout.intValue());
    }
  }

  private static List<Item> write(NodeContext context, Connection conn, Dialect dialect, boolean upper, Item item,
      int i, String op)
      throws Exception {
    String table = context.string("table", i);
    Map<String, Object> row = row(context, item, i);
    List<String> columns = new ArrayList<>(row.keySet());
    List<String> keys = op.equals("insert") ? List.of() : names(context, "matchColumns", i, true);
    String sql;
    List<Object> values = new ArrayList<>();
    try {
      if (op.equals("insert")) {
        sql = "INSERT INTO " + dialect.quote(table, "table", upper) + " (" + dialect.join(columns, "column", upper) + ") VALUES ("
            + String.join(", ", columns.stream().map(c -> "?").toList()) + ")"
            + (dialect == Dialect.POSTGRES ? " RETURNING *" : "");
        values.addAll(row.values());
      } else {
        for (String k : keys) {
          if (!item.json().containsKey(k) || item.json().get(k) == null) {
            throw NodeException.parameter("matchColumns", i, "the item has no value for match column '" + k + "'");
          }
          if (!row.containsKey(k)) {
            row.put(k, item.json().get(k));
            columns.add(k);
          }
        }
        if (op.equals("upsert")) {
          sql = dialect.upsert(table, columns, keys, upper)
              + (dialect == Dialect.POSTGRES ? " RETURNING *" : "");
          values.addAll(row.values());
        } else {
          List<String> set = columns.stream().filter(c -> !keys.contains(c)).toList();
          if (set.isEmpty()) {
            throw NodeException.parameter("columns", i, "nothing to update: the item has no fields besides the match "
                + "columns " + keys);
          }
          sql = "UPDATE " + dialect.quote(table, "table", upper) + " SET " + String.join(", ", set.stream()
              .map(c -> dialect.quote(c, "column", upper) + " = ?").toList()) + " WHERE " + String.join(" AND ", keys
              .stream().map(k -> dialect.quote(k, "column", upper) + " = ?").toList())
              + (dialect == Dialect.POSTGRES ? " RETURNING *" : "");
          for (String c : set) {
            values.add(row.get(c));
          }
          for (String k : keys) {
            values.add(row.get(k));
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw NodeException.parameter(e.getMessage().startsWith("table") ? "table" : "columns", i, e.getMessage());
    }
    try (PreparedStatement st = conn.prepareStatement(sql)) {
      prepare(context, st, i);
      for (int p = 0; p < values.size(); p++) {
        bind(st, p + 1, values.get(p));
      }
      if (dialect == Dialect.POSTGRES) {
        return runStatement(context, st, i);
      }
      int count = st.executeUpdate();
      if (op.equals("update") && count == 0) {
        return List.of();
      }
      return List.of(Item.of(new LinkedHashMap<>(row)));
    }
  }

  private static List<Item> delete(NodeContext context, Connection conn, Dialect dialect, boolean upper, Item item,
      int i)
      throws Exception {
    String table = context.string("table", i);
    List<String> keys = names(context, "matchColumns", i, true);
    String sql;
    try {
      sql = "DELETE FROM " + dialect.quote(table, "table", upper) + " WHERE " + String.join(" AND ", keys.stream()
          .map(k -> dialect.quote(k, "column", upper) + " = ?").toList());
    } catch (IllegalArgumentException e) {
      throw NodeException.parameter(e.getMessage().startsWith("table") ? "table" : "matchColumns", i, e.getMessage());
    }
    try (PreparedStatement st = conn.prepareStatement(sql)) {
      prepare(context, st, i);
      for (int p = 0; p < keys.size(); p++) {
        Object v = Json.get(item.json(), keys.get(p));
        if (v == null) {
          throw NodeException.parameter("matchColumns", i, "the item has no value for match column '" + keys.get(p)
              + "'");
        }
        bind(st, p + 1, v);
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("affectedRows", (long) st.executeUpdate());
      return List.of(Item.of(json));
    }
  }

  private static Map<String, Object> row(NodeContext context, Item item, int i) throws NodeException {
    List<String> wanted = names(context, "columns", i, false);
    Map<String, Object> row = new LinkedHashMap<>();
    if (wanted.isEmpty()) {
      row.putAll(item.json());
    } else {
      for (String c : wanted) {
        if (!item.json().containsKey(c)) {
          throw NodeException.parameter("columns", i, "the item has no field '" + c + "'; it has "
              + item.json().keySet());
        }
        row.put(c, item.json().get(c));
      }
    }
    if (row.isEmpty()) {
      throw NodeException.item(i, "the item has no fields to write", null);
    }
    return row;
  }

  private static List<String> names(NodeContext context, String parameter, int i, boolean required)
      throws NodeException {
    String text = context.string(parameter, i);
    List<String> names = new ArrayList<>();
    if (text != null) {
      for (String n : text.split(",")) {
        if (!n.isBlank()) {
          names.add(n.trim());
        }
      }
    }
    if (required && names.isEmpty()) {
      throw NodeException.parameter(parameter, i, "name at least one column to match rows on");
    }
    return names;
  }

  private static void bind(PreparedStatement st, int index, Object value) throws Exception {
    if (value == null) {
      st.setNull(index, Types.NULL);
    } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
      st.setString(index, MAPPER.writeValueAsString(value));
    } else if (value instanceof Number n) {
      st.setObject(index, Json.normalize(n));
    } else {
      st.setObject(index, value);
    }
  }

  /** Rows as items: numbers as Long/Double, times as ISO text, JSON columns parsed, bytes as Base64. */
  static List<Item> rows(ResultSet rs) throws Exception {
    ResultSetMetaData md = rs.getMetaData();
    List<Item> items = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> json = new LinkedHashMap<>();
      for (int c = 1; c <= md.getColumnCount(); c++) {
        json.put(md.getColumnLabel(c), value(rs, c, md.getColumnType(c), md.getColumnTypeName(c)));
      }
      items.add(Item.of(json));
    }
    return items;
  }

  private static Object value(ResultSet rs, int c, int type, String typeName) throws Exception {
    String tn = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    if (type == Types.TIMESTAMP_WITH_TIMEZONE || tn.equals("timestamptz")) {
      OffsetDateTime t = rs.getObject(c, OffsetDateTime.class);
      return t == null ? null : t.toString();
    }
    Object v = rs.getObject(c);
    if (v == null) {
      return null;
    }
    if (tn.equals("json") || tn.equals("jsonb")) {
      return MAPPER.readValue(rs.getString(c), Object.class);
    }
    return convert(v);
  }

  private static Object convert(Object v) throws Exception {
    if (v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Number n) {
      return Json.normalize(n);
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof java.sql.Time t) {
      return t.toLocalTime().toString();
    }
    if (v instanceof java.time.temporal.TemporalAccessor) {
      return v.toString();
    }
    if (v instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    }
    if (v instanceof Clob clob) {
      return clob.getSubString(1, (int) clob.length());
    }
    if (v instanceof Array a) {
      List<Object> list = new ArrayList<>();
      for (Object o : (Object[]) a.getArray()) {
        list.add(o == null ? null : convert(o));
      }
      return list;
    }
    if (v instanceof Object[] arr) {
      List<Object> list = new ArrayList<>();
      for (Object o : arr) {
        list.add(o == null ? null : convert(o));
      }
      return list;
    }
    return v.toString();
  }
}
