package dev.weft.spi;

/**
 * Shared services the host offers to nodes, looked up by type. The engine always offers {@code okhttp3.OkHttpClient}
 * (a shared client whose connection pool every node reuses; derive per-call settings with {@code newBuilder()}) and
 * {@code com.fasterxml.jackson.databind.ObjectMapper}; a host may register more.
 */
public interface Services {

  /**
   * The service of this type.
   *
   * @throws IllegalStateException naming the type when the host offers none
   */
  <T> T service(Class<T> type);
}
