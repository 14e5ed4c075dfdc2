package dev.weft.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A webhook an active workflow serves: its method and path (below the host's webhook root), and the workflow and
 * trigger node serving it.
 *
 * @param method the HTTP method, upper-cased by the constructor
 * @param path the path without leading or trailing {@code /}; {@code :name} segments match any value
 * @param workflowId the workflow serving it
 * @param node the trigger node serving it
 * @param claimedAt set by the store when the route is claimed (or claimed again by its workflow)
 */
public record WebhookRegistration(String method, String path, String workflowId, String node, Instant claimedAt) {

  public WebhookRegistration {
    Objects.requireNonNull(method, "method of webhook " + path);
    Objects.requireNonNull(path, "path of webhook");
    Objects.requireNonNull(workflowId, "workflow of webhook " + method + " " + path);
    Objects.requireNonNull(node, "node of webhook " + method + " " + path);
    method = method.trim().toUpperCase(Locale.ROOT);
    path = normalize(path);
  }

  /** A registration to claim: the store sets its time. */
  public static WebhookRegistration of(String method, String path, String workflowId, String node) {
    return new WebhookRegistration(method, path, workflowId, node, null);
  }

  /**
   * What two registrations must not share: the method and the path's shape, in which every {@code :name} segment is
   * {@code :} (so {@code orders/:id} and {@code orders/:number} are one route, as they are to the engine).
   */
  public String routeKey() {
    return method + " " + path.replaceAll(":[^/]+", ":");
  }

  /** {@code METHOD /path}. */
  public String route() {
    return method + " /" + path;
  }

  static String normalize(String path) {
    String p = path.trim();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
