package dev.weft.store;

/**
 * What {@link WorkflowStore#list(WorkflowQuery)} returns: every filter that is set must match. Start from
 * {@link #all()} and narrow it down.
 *
 * @param ownerId only workflows of this owner, or {@code null} for any
 * @param nameContains only workflows whose name contains this text, ignoring case; {@code null} or empty for any
 * @param active only active ({@code true}) or inactive ({@code false}) workflows, or {@code null} for both
 * @param offset how many matching workflows to skip
 * @param limit the most workflows to return, at least 1
 */
public record WorkflowQuery(String ownerId, String nameContains, Boolean active, int offset, int limit) {

  /** The page size of {@link #all()}. */
  public static final int DEFAULT_LIMIT = 100;

  public WorkflowQuery {
    if (offset < 0) {
      throw new IllegalArgumentException("workflow query offset must not be negative, got " + offset);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("workflow query limit must be at least 1, got " + limit);
    }
    nameContains = nameContains == null || nameContains.isEmpty() ? null : nameContains;
  }

  /** Every workflow, first page of {@value #DEFAULT_LIMIT}. */
  public static WorkflowQuery all() {
    return new WorkflowQuery(null, null, null, 0, DEFAULT_LIMIT);
  }

  /** Only workflows of this owner. */
  public WorkflowQuery owner(String value) {
    return new WorkflowQuery(value, nameContains, active, offset, limit);
  }

  /** Only workflows whose name contains this text, ignoring case. */
  public WorkflowQuery nameContaining(String value) {
    return new WorkflowQuery(ownerId, value, active, offset, limit);
  }

  /** Only active or only inactive workflows. */
  public WorkflowQuery activeOnly(boolean value) {
    return new WorkflowQuery(ownerId, nameContains, value, offset, limit);
  }

  /** Another page. */
  public WorkflowQuery page(int newOffset, int newLimit) {
    return new WorkflowQuery(ownerId, nameContains, active, newOffset, newLimit);
  }
}
