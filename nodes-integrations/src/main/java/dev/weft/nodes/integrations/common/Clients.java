package dev.weft.nodes.integrations.common;

import dev.weft.spi.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-lived clients (connection pools, broker connections) by credential: made on first use, replaced when the
 * credential changes, and closed together by {@link #close()} when the node pack that owns them closes.
 *
 * @param <T> the client type
 */
public final class Clients<T extends AutoCloseable> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Clients.class);
  private final Map<String, T> clients = new LinkedHashMap<>();

  /** The client for these credentials, made with {@code factory} when missing or unusable. */
  public synchronized T get(Credentials c, Function<Credentials, T> factory, Function<T, Boolean> usable) {
    String key = key(c);
    T existing = clients.get(key);
    if (existing != null && usable.apply(existing)) {
      return existing;
    }
    String prefix = c.type() + "|" + c.id() + "|";
    clients.entrySet().removeIf(e -> {
      if (e.getKey().startsWith(prefix)) {
        closeQuietly(e.getValue()); // a changed credential replaces its client; a broken one is dropped anyway
        return true;
      }
      return false;
    });
    T made = factory.apply(c);
    clients.put(key, made);
    return made;
  }

  /** The clients open now. */
  public synchronized List<T> open() {
    return List.copyOf(clients.values());
  }

  /** Closes every client; a later {@link #get} opens a new one. */
  @Override
  public void close() {
    List<T> closing;
    synchronized (this) {
      closing = new ArrayList<>(clients.values());
      clients.clear();
    }
    closing.forEach(Clients::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable client) {
    try {
      client.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed: {}", client.getClass().getSimpleName(), e.toString());
    }
  }

  /** A key that changes when any credential value changes (a digest: values never appear in it). */
  static String key(Credentials c) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(new TreeMap<>(c.values()).toString().getBytes(StandardCharsets.UTF_8));
      return c.type() + "|" + c.id() + "|" + HexFormat.of().formatHex(md.digest());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
