package dev.weft.trigger;

import dev.weft.spi.WebhookBody;
import dev.weft.spi.WebhookHandler;
import dev.weft.spi.WebhookRequest;
import dev.weft.spi.WebhookResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks registered by active workflows' triggers. A host's HTTP server hands each request under its webhook
 * root to {@link #handle(WebhookRequest)}; the path given is the part below that root.
 */
public final class Webhooks {
  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
  /** Every route, in registration order. */
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  /** Routes without {@code :name} segments by path, then by method: one hash lookup answers most requests. */
  private final Map<String, Map<String, Route>> fixed = new ConcurrentHashMap<>();
  /** Routes with {@code :name} segments, matched segment by segment when no fixed path answers. */
  private final List<Route> parameterized = new CopyOnWriteArrayList<>();

  /** A registered webhook. */
  record Route(String method, String[] segments, String path, WebhookHandler handler, String owner) {
    boolean hasParameters() {
      for (String s : segments) {
        if (s.startsWith(":")) {
          return true;
        }
      }
      return false;
    }
  }

  /** Registers a route; fails when the same method and path are taken. */
  synchronized Route register(String method, String path, WebhookHandler handler, String owner) {
    String m = method.toUpperCase(Locale.ROOT);
    String normalized = normalize(path);
    for (Route r : routes) {
      if (r.method().equals(m) && shapeOf(r.path()).equals(shapeOf(normalized))) {
        throw new IllegalStateException(m + " /" + normalized + " is already served by " + r.owner());
      }
    }
    Route route = new Route(m, normalized.isEmpty() ? new String[0] : normalized.split("/"), normalized, handler, owner);
    routes.add(route);
    if (route.hasParameters()) {
      parameterized.add(route);
    } else {
      fixed.computeIfAbsent(normalized, k -> new ConcurrentHashMap<>()).put(m, route);
    }
    return route;
  }

  synchronized void unregister(Route route) {
    routes.remove(route);
    if (route.hasParameters()) {
      parameterized.remove(route);
      return;
    }
    Map<String, Route> byMethod = fixed.get(route.path());
    if (byMethod != null) {
      byMethod.remove(route.method(), route);
      if (byMethod.isEmpty()) {
        fixed.remove(route.path());
      }
    }
  }

  /** The registered routes as {@code METHOD /path}. */
  public List<String> routes() {
    List<String> result = new ArrayList<>();
    for (Route r : routes) {
      result.add(r.method() + " /" + r.path());
    }
    return result;
  }

  /**
   * Answers a request: the matching route's response, 404 when no route has the path, 405 when the path exists for
   * other methods, 500 (with no internals) when the handler fails. A path without parameters is found by one hash
   * lookup and wins over a route with parameters that matches it too.
   */
  public WebhookResponse handle(WebhookRequest request) {
    String path = normalize(request.path());
    String method = request.method().toUpperCase(Locale.ROOT);
    Map<String, Route> byMethod = fixed.get(path);
    boolean pathKnown = byMethod != null && !byMethod.isEmpty();
    Route exact = byMethod == null ? null : byMethod.get(method);
    if (exact != null) {
      return call(exact, request, Map.of());
    }
    if (!parameterized.isEmpty()) {
      String[] segments = path.isEmpty() ? new String[0] : path.split("/");
      for (Route r : parameterized) {
        Map<String, String> params = match(r.segments(), segments);
        if (params == null) {
          continue;
        }
        pathKnown = true;
        if (r.method().equals(method)) {
          return call(r, request, params);
        }
      }
    }
    return pathKnown
        ? WebhookResponse.json(405, "{\"message\":\"method " + request.method() + " is not allowed here\"}")
        : WebhookResponse.json(404, "{\"message\":\"no active workflow serves this webhook path\"}");
  }

  private static WebhookResponse call(Route r, WebhookRequest request, Map<String, String> params) {
    WebhookRequest bound = request.withPathParameters(params); // the body stays unread: the handler streams it
    try {
      return r.handler().handle(bound);
    } catch (WebhookBody.TooLargeException e) {
      return WebhookResponse.json(413, "{\"message\":\"" + e.getMessage() + "\"}");
    } catch (Exception e) {
      LOG.warn("webhook {} /{} of {} failed", r.method(), r.path(), r.owner(), e);
      return WebhookResponse.json(500, "{\"message\":\"the workflow could not handle this request\"}");
    }
  }

  private static Map<String, String> match(String[] pattern, String[] actual) {
    if (pattern.length != actual.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      if (pattern[i].startsWith(":")) {
        params.put(pattern[i].substring(1), actual[i]);
      } else if (!pattern[i].equals(actual[i])) {
        return null;
      }
    }
    return params;
  }

  static String normalize(String path) {
    String p = path == null ? "" : path.trim();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static String shapeOf(String path) {
    return path.replaceAll(":[^/]+", ":");
  }
}
