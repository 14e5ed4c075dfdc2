package dev.weft.store;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@link ExecutionStore#list(ExecutionQuery)} returns: every filter that is set must match. Start from
 * {@link #all()} and narrow it down.
 *
 * @param workflowId only executions of this workflow, or {@code null} for any
 * @param statuses only executions in one of these statuses; empty for any
 * @param startedFrom only executions started at or after this time, or {@code null}
 * @param startedBefore only executions started before this time, or {@code null}
 * @param customData only executions whose custom data has every one of these key/value pairs (exact match)
 * @param offset how many matching executions to skip
 * @param limit the most executions to return, at least 1
 */
public record ExecutionQuery(
    String workflowId,
    Set<ExecutionRecord.Status> statuses,
    Instant startedFrom,
    Instant startedBefore,
    Map<String, String> customData,
    int offset,
    int limit) {

  /** The page size of {@link #all()}. */
  public static final int DEFAULT_LIMIT = 100;

  public ExecutionQuery {
    statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
    customData = customData == null ? Map.of() : Map.copyOf(customData);
    if (offset < 0) {
      throw new IllegalArgumentException("execution query offset must not be negative, got " + offset);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("execution query limit must be at least 1, got " + limit);
    }
  }

  /** Every execution, newest first, first page of {@value #DEFAULT_LIMIT}. */
  public static ExecutionQuery all() {
    return new ExecutionQuery(null, Set.of(), null, null, Map.of(), 0, DEFAULT_LIMIT);
  }

  /** Only executions of this workflow. */
  public ExecutionQuery workflow(String value) {
    return new ExecutionQuery(value, statuses, startedFrom, startedBefore, customData, offset, limit);
  }

  /** Only executions in one of these statuses. */
  public ExecutionQuery status(ExecutionRecord.Status first, ExecutionRecord.Status... more) {
    return new ExecutionQuery(workflowId, EnumSet.of(first, more), startedFrom, startedBefore, customData, offset,
        limit);
  }

  /** Only executions started in {@code [from, before)}; either end may be {@code null}. */
  public ExecutionQuery startedBetween(Instant from, Instant before) {
    return new ExecutionQuery(workflowId, statuses, from, before, customData, offset, limit);
  }

  /** Only executions whose custom data has {@code key} set to {@code value} (added to earlier pairs). */
  public ExecutionQuery customData(String key, String value) {
    Map<String, String> pairs = new LinkedHashMap<>(customData);
    pairs.put(key, value);
    return new ExecutionQuery(workflowId, statuses, startedFrom, startedBefore, pairs, offset, limit);
  }

  /** Another page. */
  public ExecutionQuery page(int newOffset, int newLimit) {
    return new ExecutionQuery(workflowId, statuses, startedFrom, startedBefore, customData, newOffset, newLimit);
  }
}
