package dev.weft.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link WebhookStore} in memory: thread-safe, one process only, lost when the process ends. */
public final class InMemoryWebhookStore implements WebhookStore {
  private final Clock clock;
  /** By route key, so listing is in route key order. */
  private final Map<String, WebhookRegistration> routes = new TreeMap<>();

  /** A store on the system clock. */
  public InMemoryWebhookStore() {
    this(Clock.systemUTC());
  }

  /** A store that takes claim times from {@code clock}. */
  public InMemoryWebhookStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized WebhookRegistration claim(WebhookRegistration r) {
    Objects.requireNonNull(r, "registration");
    WebhookRegistration held = routes.get(r.routeKey());
    if (held != null && !held.workflowId().equals(r.workflowId())) {
      throw new DuplicateValueException("webhook", "route", r.route(), held.workflowId());
    }
    WebhookRegistration stored = new WebhookRegistration(r.method(), r.path(), r.workflowId(), r.node(),
        clock.instant());
    routes.put(r.routeKey(), stored);
    return stored;
  }

  @Override
  public synchronized Optional<WebhookRegistration> find(String method, String path) {
    return Optional.ofNullable(routes.get(WebhookRegistration.of(method, path, "?", "?").routeKey()));
  }

  @Override
  public synchronized List<WebhookRegistration> list(String workflowId) {
    List<WebhookRegistration> result = new ArrayList<>();
    for (WebhookRegistration r : routes.values()) {
      if (workflowId == null || workflowId.equals(r.workflowId())) {
        result.add(r);
      }
    }
    return result;
  }

  @Override
  public synchronized int release(String workflowId, Collection<String> keep) {
    Objects.requireNonNull(workflowId, "workflowId");
    int before = routes.size();
    routes.values().removeIf(r -> r.workflowId().equals(workflowId) && !keep.contains(r.routeKey()));
    return before - routes.size();
  }
}
