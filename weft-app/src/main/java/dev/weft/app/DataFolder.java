package dev.weft.app;

import dev.weft.Weft;
import dev.weft.persistence.jdbc.JdbcConfig;
import dev.weft.persistence.jdbc.JdbcStores;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The embedded default: executions and workflows kept in an H2 database in a data folder ({@code --data}, the
 * {@code WEFT_DATA} variable, or {@code ./weft-data}); PostgreSQL instead when {@code WEFT_DB_URL} (with
 * {@code WEFT_DB_USER}, {@code WEFT_DB_PASSWORD}) is set.
 */
final class DataFolder {
  private DataFolder() {}

  static Path resolve(Path option) {
    if (option != null) {
      return option;
    }
    String env = System.getenv("WEFT_DATA");
    return Path.of(env != null && !env.isBlank() ? env : "weft-data");
  }

  static JdbcStores open(Path folder) {
    Properties props = new Properties();
    copy("WEFT_DB_URL", JdbcConfig.URL_PROPERTY, props);
    copy("WEFT_DB_USER", JdbcConfig.USER_PROPERTY, props);
    copy("WEFT_DB_PASSWORD", JdbcConfig.PASSWORD_PROPERTY, props);
    return JdbcStores.open(JdbcConfig.fromProperties(props, folder));
  }

  private static void copy(String env, String property, Properties props) {
    String v = System.getenv(env);
    if (v != null && !v.isBlank()) {
      props.setProperty(property, v);
    }
  }

  /** An engine recording executions in these stores (and finding stored workflows in them). */
  static Weft.Builder engine(JdbcStores stores) {
    return Weft.builder().executionStore(stores.executions()).workflowStore(stores.workflows())
        .binaryStore(stores.binaries());
  }
}
