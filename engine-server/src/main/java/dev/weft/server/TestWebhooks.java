package dev.weft.server;

import dev.weft.Weft;
import dev.weft.spi.NodeException;
import dev.weft.spi.WebhookRequest;
import dev.weft.spi.WebhookResponse;
import dev.weft.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Test webhooks, as an editor uses them: a workflow (saved or not) listens under {@code /webhook-test/...} for one
 * call, or until a timeout, on an engine of its own so that its paths never clash with active workflows' paths.
 */
final class TestWebhooks implements AutoCloseable {
  private final Supplier<Weft> engineFactory;
  private final Duration timeout;
  private final Map<String, Listening> listening = new LinkedHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "weft-test-webhook-timer");
    t.setDaemon(true);
    return t;
  });
  private Weft engine;

  private record Listening(List<String> routes, ScheduledFuture<?> expiry) {}

  TestWebhooks(Supplier<Weft> engineFactory, Duration timeout) {
    this.engineFactory = engineFactory;
    this.timeout = timeout;
  }

  /**
   * Listens with a workflow's webhook triggers for one call.
   *
   * @return the routes it serves, as {@code METHOD /path} below {@code /webhook-test}
   * @throws NodeException when a trigger cannot start
   */
  synchronized List<String> listen(Workflow workflow) throws NodeException {
    Weft e = engine();
    stop(workflow.id());
    Set<String> before = new HashSet<>(e.webhooks().routes());
    e.activate(workflow);
    List<String> routes = new ArrayList<>();
    for (String r : e.webhooks().routes()) {
      if (!before.contains(r)) {
        routes.add(r);
      }
    }
    if (routes.isEmpty()) {
      e.deactivate(workflow.id());
      throw new ApiException(400, "no_webhook", "workflow '" + workflow.name() + "' has no webhook trigger to listen"
          + " with");
    }
    ScheduledFuture<?> expiry = timer.schedule(() -> stop(workflow.id()), timeout.toMillis(), TimeUnit.MILLISECONDS);
    listening.put(workflow.id(), new Listening(routes, expiry));
    return routes;
  }

  /** Stops listening for a workflow; false when it was not listening. */
  synchronized boolean stop(String workflowId) {
    Listening l = listening.remove(workflowId);
    if (l == null) {
      return false;
    }
    l.expiry().cancel(false);
    engine.deactivate(workflowId);
    return true;
  }

  /** Answers a call below {@code /webhook-test}; the workflow that answered stops listening. */
  WebhookResponse handle(WebhookRequest request) {
    Weft e;
    String owner;
    synchronized (this) {
      if (engine == null || listening.isEmpty()) {
        return WebhookResponse.json(404, "{\"message\":\"no workflow is listening for a test call at this path;"
            + " start listening in the editor first\"}");
      }
      e = engine;
      owner = ownerOf(request.method(), request.path());
    }
    WebhookResponse response = e.webhooks().handle(request);
    if (owner != null && response.status() != 404 && response.status() != 405) {
      stop(owner);
    }
    return response;
  }

  private String ownerOf(String method, String path) {
    String[] actual = trim(path).split("/");
    for (Map.Entry<String, Listening> entry : listening.entrySet()) {
      for (String route : entry.getValue().routes()) {
        int space = route.indexOf(' ');
        if (!route.substring(0, space).equalsIgnoreCase(method)) {
          continue;
        }
        String[] pattern = trim(route.substring(space + 1)).split("/");
        if (pattern.length != actual.length) {
          continue;
        }
        boolean match = true;
        for (int i = 0; i < pattern.length && match; i++) {
          match = pattern[i].startsWith(":") || pattern[i].equals(actual[i]);
        }
        if (match) {
          return entry.getKey();
        }
      }
    }
    return null;
  }

  private static String trim(String p) {
    String s = p == null ? "" : p;
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private Weft engine() {
    if (engine == null) {
      engine = engineFactory.get();
    }
    return engine;
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    if (engine != null) {
      engine.close();
    }
  }
}
