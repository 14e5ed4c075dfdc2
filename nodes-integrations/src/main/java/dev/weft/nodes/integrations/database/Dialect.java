package dev.weft.nodes.integrations.database;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What differs between the supported databases: URLs, identifier quoting and upsert syntax. */
enum Dialect {
  POSTGRES("postgres", '"', 5432),
  MYSQL("mysql", '`', 3306),
  H2("h2", '"', 9092);

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

  final String id;
  final char quote;
  final int defaultPort;

  Dialect(String id, char quote, int defaultPort) {
    this.id = id;
    this.quote = quote;
    this.defaultPort = defaultPort;
  }

  static Dialect of(String id) {
    String v = id == null ? "" : id.toLowerCase(Locale.ROOT);
    return switch (v) {
      case "postgres", "postgresql" -> POSTGRES;
      case "mysql", "mariadb" -> MYSQL;
      case "h2" -> H2;
      default -> throw new IllegalArgumentException("unknown database '" + id + "'; use postgres, mysql or h2");
    };
  }

  /** The JDBC URL for a server; H2 takes the database as a URL of its own ({@code mem:name} or a file path). */
  String url(String host, int port, String database, boolean ssl) {
    return switch (this) {
      case POSTGRES -> "jdbc:postgresql://" + host + ":" + port + "/" + database
          + "?stringtype=unspecified" + (ssl ? "&sslmode=require" : "");
      case MYSQL -> "jdbc:mariadb://" + host + ":" + port + "/" + database + (ssl ? "?sslMode=trust" : "");
      case H2 -> "jdbc:h2:" + database;
    };
  }

  /**
   * A quoted identifier, optionally schema-qualified ({@code schema.table}).
   *
   * @throws IllegalArgumentException naming the identifier when it is not a plain name
   */
  String quote(String name, String what) {
    return quote(name, what, false);
  }

  /**
   * As {@link #quote(String, String)}; with {@code upper}, names are folded to upper case first, as the database
   * (H2 by default) folds unquoted names, so that {@code orders} finds a table created as {@code CREATE TABLE orders}.
   */
  String quote(String name, String what, boolean upper) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("the " + what + " name is empty");
    }
    String[] parts = name.trim().split("\\.", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException(what + " '" + name + "' has more than one dot; use schema.name");
    }
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (!IDENTIFIER.matcher(p).matches()) {
        throw new IllegalArgumentException(what + " '" + name + "' is not a plain name (letters, digits, _ and $, "
            + "starting with a letter or _)");
      }
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(quote).append(upper ? p.toUpperCase(Locale.ROOT) : p).append(quote);
    }
    return sb.toString();
  }

  /** The upsert statement for these columns, matching on {@code keys}. */
  String upsert(String table, List<String> columns, List<String> keys, boolean upper) {
    String cols = join(columns, "column", upper);
    String marks = String.join(", ", columns.stream().map(c -> "?").toList());
    List<String> updates = columns.stream().filter(c -> !keys.contains(c)).toList();
    return switch (this) {
      case POSTGRES -> "INSERT INTO " + quote(table, "table", upper) + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT ("
          + join(keys, "match column", upper) + ") " + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET "
          + String.join(", ", updates.stream().map(c -> quote(c, "column", upper) + " = EXCLUDED." + quote(c, "column", upper))
              .toList()));
      case MYSQL -> "INSERT INTO " + quote(table, "table", upper) + " (" + cols + ") VALUES (" + marks
          + ") ON DUPLICATE KEY UPDATE " + String.join(", ", (updates.isEmpty() ? keys : updates).stream()
              .map(c -> quote(c, "column", upper) + " = VALUES(" + quote(c, "column", upper) + ")").toList());
      case H2 -> "MERGE INTO " + quote(table, "table", upper) + " (" + cols + ") KEY (" + join(keys, "match column", upper)
          + ") VALUES (" + marks + ")";
    };
  }

  String join(List<String> names, String what, boolean upper) {
    return String.join(", ", names.stream().map(n -> quote(n, what, upper)).toList());
  }
}
