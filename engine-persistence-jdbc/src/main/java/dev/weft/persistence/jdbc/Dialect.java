package dev.weft.persistence.jdbc;

import dev.weft.store.StoreException;

/** What differs between the supported databases. */
enum Dialect {
  H2("H2", "h2", "ORDER BY LOWER(name), id", "SET LOCK_TIMEOUT 10000"),
  POSTGRESQL("PostgreSQL", "postgresql", "ORDER BY LOWER(name) COLLATE \"C\", id", null);

  /** The product name, for messages. */
  final String product;
  /** The Flyway script folder under {@code db/weft/}. */
  final String migrations;
  /** Orders rows by name ignoring case, then by id, exactly as Java's {@code String.compareTo} would. */
  final String orderByName;
  /** Run on every new pooled connection, or {@code null}. */
  final String connectionInitSql;

  Dialect(String product, String migrations, String orderByName, String connectionInitSql) {
    this.product = product;
    this.migrations = migrations;
    this.orderByName = orderByName;
    this.connectionInitSql = connectionInitSql;
  }

  /** The dialect of a JDBC URL. */
  static Dialect of(String url) {
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new StoreException("unsupported database URL " + Jdbc.safeUrl(url)
        + ": Weft's JDBC stores run on H2 (jdbc:h2:...) and PostgreSQL (jdbc:postgresql://host:port/database)");
  }
}
