package dev.weft.store;

import java.util.List;
import java.util.Optional;

/**
 * Where workflows live. Implementations are thread-safe and hold copies of what they are given.
 *
 * <p>Every backend promises:
 * <ul>
 *   <li>{@link #create} assigns a random id when the record has none, sets version 1 and both timestamps to the
 *       store's clock, and records history entry 1.</li>
 *   <li>{@link #update} is optimistic: it succeeds only when the stored version equals {@code expectedVersion}, as
 *       one atomic compare-and-set; of several updates racing with the same expected version exactly one wins and the
 *       others throw {@link StaleVersionException}. A successful update stores name, definition, active flag and
 *       owner from the given record, keeps {@code createdAt}, sets {@code updatedAt} and increments the version, and
 *       records a history entry for the new version.</li>
 *   <li>{@link #list} orders by name ignoring case, then by id, and reports the total number of matches.</li>
 *   <li>{@link #delete} removes the workflow and its history.</li>
 * </ul>
 */
public interface WorkflowStore {

  /**
   * Stores a new workflow.
   *
   * @param record the workflow; its id may be {@code null}; its version and timestamps are ignored
   * @return the stored workflow with id, version 1 and timestamps
   * @throws DuplicateIdException when a workflow with the record's id exists
   */
  WorkflowRecord create(WorkflowRecord record);

  /**
   * Replaces a workflow if nobody changed it since the caller read {@code expectedVersion}.
   *
   * @param record the new state; its id names the workflow; its version and timestamps are ignored
   * @param expectedVersion the version the caller read
   * @return the stored workflow with version {@code expectedVersion + 1}
   * @throws RecordNotFoundException when no workflow has the record's id
   * @throws StaleVersionException when the stored version is not {@code expectedVersion}
   */
  WorkflowRecord update(WorkflowRecord record, long expectedVersion);

  /** The workflow with this id, if there is one. */
  Optional<WorkflowRecord> get(String id);

  /** The workflows the query matches, one page of them, ordered by name ignoring case and then by id. */
  Page<WorkflowRecord> list(WorkflowQuery query);

  /**
   * Deletes a workflow and its history.
   *
   * @return whether there was such a workflow
   */
  boolean delete(String id);

  /**
   * The history of a workflow, newest version first; empty when there is no such workflow. Every create and update
   * adds one entry.
   */
  List<WorkflowVersion> versions(String id);

  /** Every active workflow, ordered by id (the engine registers their triggers at start-up). */
  List<WorkflowRecord> activeWorkflows();
}
