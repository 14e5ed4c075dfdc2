package dev.weft.store;

import java.time.Instant;

/**
 * The audit log: an append-only record of who changed what (workflows saved, credentials created, executions
 * cancelled, users signing in). Implementations are thread-safe and hold copies of what they are given; entries are
 * never changed once appended, only pruned by age.
 *
 * <p>Callers must never put secrets into an entry: credential values, passwords, tokens and their hashes stay out of
 * {@link AuditEntry#details()}; names and ids go in.
 *
 * <p>Every backend promises:
 * <ul>
 *   <li>{@link #append} sets the entry's time from the log's clock and gives it an id greater than that of every
 *       entry this log appended before (ids are unique; across processes sharing a database they are unique but only
 *       roughly ordered).</li>
 *   <li>{@link #query} orders newest first: by time descending, then id descending, and reports the total number of
 *       matches.</li>
 *   <li>{@link #prune} deletes exactly the entries before the given instant, in batches of at most
 *       {@code batchSize}, each batch its own transaction, so that no statement covers the whole log; readers may see
 *       a prune half done.</li>
 * </ul>
 */
public interface AuditLog {

  /**
   * Appends an entry.
   *
   * @param entry the entry; its id and time are ignored
   * @return the stored entry with its id and time
   */
  AuditEntry append(AuditEntry entry);

  /** The entries the query matches, one page of them, newest first. */
  Page<AuditEntry> query(AuditQuery query);

  /**
   * Deletes the entries older than {@code before} (strictly), oldest first, in batches.
   *
   * @param batchSize how many entries one transaction deletes at most, at least 1
   * @return how many entries were deleted
   */
  int prune(Instant before, int batchSize);
}
