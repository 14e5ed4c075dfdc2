package dev.weft.cluster;

import java.time.Duration;

/**
 * Queue workers of one engine: they claim queued executions from the engine's work queue, run them, and acknowledge
 * each once it has finished or begun to wait. Started with {@code Weft.startWorkers}.
 *
 * <p>An execution whose worker dies is delivered again when its lease expires, and the next worker continues it from
 * its last checkpoint, so a finished node does not run twice (for workflows that save execution data; a workflow with
 * {@code saveData: none} keeps only the checkpoint taken when it started, and starts over).
 */
public interface Workers extends AutoCloseable {

  /** This worker's id in the queue's leases. */
  String workerId();

  /** How many executions it runs at once at most. */
  int concurrency();

  /** How many executions it is running now. */
  int running();

  /**
   * Stops claiming, then waits up to {@code drain} for the executions it runs to finish or wait. Executions still
   * running after that are left to their leases: when this process ends they expire and another worker continues
   * them.
   *
   * @return whether every execution it ran was done within {@code drain}
   */
  boolean stop(Duration drain) throws InterruptedException;

  /** {@link #stop(Duration)} with 30 seconds to drain. */
  @Override
  default void close() throws InterruptedException {
    stop(Duration.ofSeconds(30));
  }
}
