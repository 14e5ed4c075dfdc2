package dev.weft.nodes.ai.vector;

import dev.weft.spi.Services;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;

/**
 * The vector store the nodes of one engine share, found through the engine's services:
 *
 * <ol>
 *   <li>a {@link VectorStore} service the host registered ({@code Weft.builder().service(VectorStore.class, store)})
 *       — the way for a host to choose, share or pre-fill a store;
 *   <li>else, when the host offers a {@code javax.sql.DataSource} service, a {@link JdbcVectorStore} on it (one per
 *       data source), so that collections survive restarts;
 *   <li>else an {@link InMemoryVectorStore} per engine.
 * </ol>
 *
 * <p>The SPI gives a node no engine object, so the in-memory stores are kept in a static registry keyed (weakly) by
 * the engine's shared {@link OkHttpClient} service: the one object the engine makes per engine and offers to every
 * node. Nodes of one engine therefore share collections, engines do not, and a closed engine's store is collected with
 * it. Engines built with one host-supplied OkHttpClient share their in-memory collections; a host that minds registers
 * a {@code VectorStore} service per engine instead.
 */
final class VectorStores {
  private static final Map<Object, InMemoryVectorStore> IN_MEMORY = Collections.synchronizedMap(new WeakHashMap<>());
  private static final Map<DataSource, JdbcVectorStore> JDBC = Collections.synchronizedMap(new WeakHashMap<>());

  private VectorStores() {}

  static VectorStore of(Services services) {
    VectorStore host = optional(services, VectorStore.class);
    if (host != null) {
      return host;
    }
    DataSource dataSource = optional(services, DataSource.class);
    if (dataSource != null) {
      return JDBC.computeIfAbsent(dataSource, JdbcVectorStore::new);
    }
    return IN_MEMORY.computeIfAbsent(services.service(OkHttpClient.class), k -> new InMemoryVectorStore());
  }

  private static <T> T optional(Services services, Class<T> type) {
    try {
      return services.service(type);
    } catch (IllegalStateException e) {
      return null; // the host offers none
    }
  }
}
