package dev.weft.persistence.jdbc;

import dev.weft.cluster.ClusterBus;
import dev.weft.internal.Jackson;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ClusterBus} over PostgreSQL's LISTEN/NOTIFY, for deployments whose instances share one PostgreSQL and no
 * Redis. Publishing is a {@code pg_notify} on a pooled connection; one dedicated connection per bus listens and is
 * re-opened with backoff when the database goes away (messages published meanwhile are missed, as the contract allows).
 * A notification carries at most about 8,000 bytes: a larger message is not sent (logged at debug); engines then learn
 * the outcome from the execution store, which they poll.
 */
final class PostgresClusterBus implements ClusterBus {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresClusterBus.class);
  private static final int MAX_PAYLOAD_BYTES = 7_900;

  private final DataSource pool;
  private final JdbcConfig config;
  /** One channel per schema: deployments sharing a database in schemas of their own do not hear each other. */
  private final String pgChannel;
  private final Map<String, List<Consumer<Map<String, Object>>>> handlers = new ConcurrentHashMap<>();
  private final Thread listener;
  private volatile boolean closed;
  private volatile Connection listening;

  PostgresClusterBus(DataSource pool, JdbcConfig config) {
    this.pool = pool;
    this.config = config;
    String suffix = config.schema() == null ? "" : "_" + config.schema().toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9_]", "_");
    this.pgChannel = ("weft_bus" + suffix).substring(0, Math.min(63, ("weft_bus" + suffix).length()));
    this.listener = new Thread(this::listen, "weft-pg-bus");
    listener.setDaemon(true);
    connect(); // live before the constructor returns, so that a subscription hears what is published after it
    listener.start();
  }

  private boolean connect() {
    try {
      Properties props = new Properties();
      if (config.user() != null) {
        props.setProperty("user", config.user());
      }
      if (config.password() != null) {
        props.setProperty("password", config.password());
      }
      props.setProperty("connectTimeout", String.valueOf(Math.max(1, config.connectionTimeout().toSeconds())));
      Connection c = DriverManager.getConnection(config.url(), props);
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("LISTEN " + pgChannel);
      }
      listening = c;
      return true;
    } catch (SQLException e) {
      listening = null;
      return false;
    }
  }

  private void listen() {
    long backoff = 100;
    boolean failing = false;
    while (!closed) {
      Connection c = listening;
      if (c == null) {
        if (!connect()) {
          if (!failing) {
            LOG.warn("cluster bus: PostgreSQL {} does not answer; listening again when it does",
                Jdbc.safeUrl(config.url()));
            failing = true;
          }
          sleep(backoff);
          backoff = Math.min(5_000, backoff * 2);
          continue;
        }
        if (failing) {
          LOG.info("cluster bus: listening on PostgreSQL again");
          failing = false;
        }
        backoff = 100;
        continue;
      }
      try {
        PGNotification[] notes = c.unwrap(PGConnection.class).getNotifications(500);
        if (notes != null) {
          for (PGNotification n : notes) {
            deliver(n.getParameter());
          }
        }
      } catch (SQLException e) {
        if (!closed) {
          closeQuietly(c);
          listening = null;
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void deliver(String payload) {
    Map<String, Object> envelope;
    try {
      envelope = Jackson.parseObject(payload);
    } catch (Exception e) {
      LOG.warn("cluster bus: ignoring a notification that is not a Weft message");
      return;
    }
    String channel = String.valueOf(envelope.get("c"));
    List<Consumer<Map<String, Object>>> list = handlers.get(channel);
    if (list == null || !(envelope.get("m") instanceof Map<?, ?> message)) {
      return;
    }
    for (Consumer<Map<String, Object>> h : list) {
      try {
        h.accept((Map<String, Object>) message);
      } catch (RuntimeException e) {
        LOG.warn("a handler of channel {} failed", channel, e);
      }
    }
  }

  @Override
  public void publish(String channel, Map<String, Object> message) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("c", channel);
    envelope.put("m", message);
    String payload = Jackson.write(envelope);
    if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      LOG.debug("cluster bus: a message on {} is too large for a notification; receivers rely on the store", channel);
      return;
    }
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      ps.setString(1, pgChannel);
      ps.setString(2, payload);
      ps.execute();
      c.commit();
    } catch (SQLException e) {
      throw new dev.weft.store.StoreException("publishing on " + channel + " failed on PostgreSQL "
          + Jdbc.safeUrl(config.url()) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Subscription subscribe(String channel, Consumer<Map<String, Object>> handler) {
    List<Consumer<Map<String, Object>>> list = handlers.computeIfAbsent(channel, k -> new CopyOnWriteArrayList<>());
    Consumer<Map<String, Object>> own = handler::accept;
    list.add(own);
    return () -> list.remove(own);
  }

  @Override
  public void close() {
    closed = true;
    handlers.clear();
    Connection c = listening;
    if (c != null) {
      closeQuietly(c);
    }
    listener.interrupt();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // going away anyway
    }
  }
}
