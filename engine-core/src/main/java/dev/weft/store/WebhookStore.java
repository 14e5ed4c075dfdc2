package dev.weft.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The webhooks that active workflows serve, shared by every engine instance on one backend, so that two workflows
 * cannot claim one route on different instances. Implementations are thread-safe and work across processes when the
 * backend is shared.
 *
 * <p>Every backend promises:
 * <ul>
 *   <li>A route ({@link WebhookRegistration#routeKey()}: method and path shape) is held by at most one workflow. Of
 *       several workflows racing to {@link #claim} one free route, across threads and processes alike, exactly one
 *       wins and the others throw {@link DuplicateValueException} (field {@code route}, holder the winning workflow's
 *       id).</li>
 *   <li>A workflow claiming a route it holds succeeds (it is activated again, on this or another instance); the
 *       stored path, node and claim time are replaced.</li>
 *   <li>Routes are released only by {@link #release}: an engine that stops keeps its workflows' claims, because the
 *       workflows stay active on the other instances.</li>
 * </ul>
 */
public interface WebhookStore {

  /**
   * Claims a route for a workflow.
   *
   * @return the stored registration, with its claim time
   * @throws DuplicateValueException when another workflow holds the route
   */
  WebhookRegistration claim(WebhookRegistration registration);

  /** The registration holding the route of {@code method} and {@code path} (by path shape), if any. */
  Optional<WebhookRegistration> find(String method, String path);

  /**
   * Registrations ordered by route key, then workflow id.
   *
   * @param workflowId only this workflow's, or {@code null} for all
   */
  List<WebhookRegistration> list(String workflowId);

  /**
   * Releases a workflow's routes, except those whose {@link WebhookRegistration#routeKey()} is in {@code keep}.
   *
   * @return how many routes were released
   */
  int release(String workflowId, Collection<String> keep);

  /** Releases every route of a workflow (it was deactivated or deleted). */
  default int release(String workflowId) {
    return release(workflowId, List.of());
  }
}
