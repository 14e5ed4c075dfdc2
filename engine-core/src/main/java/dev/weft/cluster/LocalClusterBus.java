package dev.weft.cluster;

import dev.weft.internal.Jackson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ClusterBus} within one process: every engine built with the same instance hears the others. Messages are
 * copied through JSON on publish (so a handler sees what a remote one would) and delivered on one daemon thread, in
 * publish order.
 */
public final class LocalClusterBus implements ClusterBus {
  private static final Logger LOG = LoggerFactory.getLogger(LocalClusterBus.class);
  private final Map<String, List<Consumer<Map<String, Object>>>> handlers = new ConcurrentHashMap<>();
  private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "weft-local-bus");
    t.setDaemon(true);
    return t;
  });

  @Override
  public void publish(String channel, Map<String, Object> message) {
    List<Consumer<Map<String, Object>>> subscribers = handlers.get(channel);
    if (subscribers == null || subscribers.isEmpty()) {
      return;
    }
    Map<String, Object> copy = Jackson.copyAsJson(message);
    List<Consumer<Map<String, Object>>> now = List.copyOf(subscribers);
    try {
      delivery.execute(() -> {
        for (Consumer<Map<String, Object>> h : now) {
          try {
            h.accept(copy);
          } catch (RuntimeException e) {
            LOG.warn("a handler of channel {} failed", channel, e);
          }
        }
      });
    } catch (RejectedExecutionException closed) {
      // the bus is closed: nobody listens any more
    }
  }

  @Override
  public Subscription subscribe(String channel, Consumer<Map<String, Object>> handler) {
    List<Consumer<Map<String, Object>>> list = handlers.computeIfAbsent(channel, k -> new CopyOnWriteArrayList<>());
    Consumer<Map<String, Object>> own = handler::accept; // a distinct instance, so that one handler may subscribe twice
    list.add(own);
    return () -> list.remove(own);
  }

  @Override
  public void close() {
    handlers.clear();
    delivery.shutdown();
  }
}
