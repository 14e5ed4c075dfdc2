package dev.weft.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where executions live. Implementations are thread-safe and hold copies of what they are given; {@code data} and
 * {@code customData} are stored as given and never interpreted.
 *
 * <p>Every backend promises:
 * <ul>
 *   <li>{@link #create} assigns a random id when the record has none, sets version 1, and sets {@code startedAt} to
 *       the store's clock when it is {@code null}.</li>
 *   <li>{@link #update} is optimistic: it succeeds only when the stored version equals {@code expectedVersion}, as
 *       one atomic compare-and-set; of several updates racing with the same expected version exactly one wins and the
 *       others throw {@link StaleVersionException}. It stores every field of the given record except the id and
 *       version (a {@code null} {@code startedAt} keeps the stored one), and increments the version.</li>
 *   <li>{@link #list} orders newest first: by {@code startedAt} descending, then id descending, and reports the total
 *       number of matches.</li>
 *   <li>{@link #prune} never deletes an execution that is {@code NEW}, {@code RUNNING} or {@code WAITING}.</li>
 * </ul>
 */
public interface ExecutionStore {

  /**
   * Stores a new execution.
   *
   * @param record the execution; its id may be {@code null}; its version is ignored
   * @return the stored execution with id and version 1
   * @throws DuplicateIdException when an execution with the record's id exists
   */
  ExecutionRecord create(ExecutionRecord record);

  /**
   * Replaces an execution if nobody changed it since the caller read {@code expectedVersion}.
   *
   * @param record the new state; its id names the execution; its version is ignored
   * @param expectedVersion the version the caller read
   * @return the stored execution with version {@code expectedVersion + 1}
   * @throws RecordNotFoundException when no execution has the record's id
   * @throws StaleVersionException when the stored version is not {@code expectedVersion}
   */
  ExecutionRecord update(ExecutionRecord record, long expectedVersion);

  /** The execution with this id, if there is one. */
  Optional<ExecutionRecord> get(String id);

  /** The executions the query matches, one page of them, newest first. */
  Page<ExecutionRecord> list(ExecutionQuery query);

  /**
   * Deletes an execution.
   *
   * @return whether there was such an execution
   */
  boolean delete(String id);

  /**
   * {@link ExecutionRecord.Status#WAITING} executions whose {@code waitUntil} is set and not after {@code time},
   * earliest {@code waitUntil} first (then by id), at most {@code limit} of them. The engine polls this to resume
   * waits that are due.
   */
  List<ExecutionRecord> waitingDueBefore(Instant time, int limit);

  /** Every waiting execution that is due at {@code time}; see {@link #waitingDueBefore(Instant, int)}. */
  default List<ExecutionRecord> waitingDueBefore(Instant time) {
    return waitingDueBefore(time, Integer.MAX_VALUE);
  }

  /**
   * Executions in {@code status}, oldest first (by {@code startedAt}, then id), at most {@code limit} of them. The
   * engine uses this at start-up to find executions a crash left {@code RUNNING}.
   */
  List<ExecutionRecord> findByStatus(ExecutionRecord.Status status, int limit);

  /** Every execution in {@code status}, oldest first; see {@link #findByStatus(ExecutionRecord.Status, int)}. */
  default List<ExecutionRecord> findByStatus(ExecutionRecord.Status status) {
    return findByStatus(status, Integer.MAX_VALUE);
  }

  /**
   * Deletes the finished executions the policy selects, in batches of {@link PrunePolicy#batchSize()} so that no
   * single transaction grows large; readers may see a prune half done.
   *
   * @return how many executions were deleted
   */
  int prune(PrunePolicy policy);
}
