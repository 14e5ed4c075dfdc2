package dev.weft.store;

import java.time.Instant;

/**
 * What {@link AuditLog#query(AuditQuery)} returns: every filter that is set must match. Start from {@link #all()} and
 * narrow it down.
 *
 * @param from only entries at or after this instant, or {@code null}
 * @param to only entries before this instant, or {@code null}
 * @param actor only entries of this actor, or {@code null} for any
 * @param action only entries of this action; a value ending in {@code .} (such as {@code workflow.}) matches every
 *     action starting with it; {@code null} for any
 * @param targetType only entries on this kind of record, or {@code null} for any
 * @param targetId only entries on the record with this id, or {@code null} for any
 * @param offset how many matching entries to skip
 * @param limit the most entries to return, at least 1
 */
public record AuditQuery(Instant from, Instant to, String actor, String action, String targetType, String targetId,
    int offset, int limit) {

  /** The page size of {@link #all()}. */
  public static final int DEFAULT_LIMIT = 100;

  public AuditQuery {
    if (offset < 0) {
      throw new IllegalArgumentException("audit query offset must not be negative, got " + offset);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("audit query limit must be at least 1, got " + limit);
    }
  }

  /** Every entry, first page of {@value #DEFAULT_LIMIT}. */
  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null, null, null, 0, DEFAULT_LIMIT);
  }

  /** Only entries at or after {@code fromInclusive} and before {@code toExclusive}; either may be {@code null}. */
  public AuditQuery between(Instant fromInclusive, Instant toExclusive) {
    return new AuditQuery(fromInclusive, toExclusive, actor, action, targetType, targetId, offset, limit);
  }

  /** Only entries of this actor. */
  public AuditQuery byActor(String value) {
    return new AuditQuery(from, to, value, action, targetType, targetId, offset, limit);
  }

  /** Only entries of this action, or of every action starting with it when it ends in {@code .}. */
  public AuditQuery withAction(String value) {
    return new AuditQuery(from, to, actor, value, targetType, targetId, offset, limit);
  }

  /** Only entries on this kind of record and, when {@code id} is not {@code null}, on this one. */
  public AuditQuery onTarget(String type, String id) {
    return new AuditQuery(from, to, actor, action, type, id, offset, limit);
  }

  /** Another page. */
  public AuditQuery page(int newOffset, int newLimit) {
    return new AuditQuery(from, to, actor, action, targetType, targetId, newOffset, newLimit);
  }

  /** Whether the action filter is a prefix (it ends in {@code .}). */
  public boolean actionIsPrefix() {
    return action != null && action.endsWith(".");
  }

  /** Whether an entry matches every filter (for backends that filter in memory). */
  public boolean matches(AuditEntry e) {
    return (from == null || !e.at().isBefore(from))
        && (to == null || e.at().isBefore(to))
        && (actor == null || actor.equals(e.actor()))
        && (action == null || (actionIsPrefix() ? e.action().startsWith(action) : action.equals(e.action())))
        && (targetType == null || targetType.equals(e.targetType()))
        && (targetId == null || targetId.equals(e.targetId()));
  }
}
