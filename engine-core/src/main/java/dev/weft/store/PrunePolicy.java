package dev.weft.store;

import java.time.Duration;

/**
 * Which finished executions {@link ExecutionStore#prune(PrunePolicy)} deletes. An execution is deleted when any rule
 * that is set selects it; executions that are {@code NEW}, {@code RUNNING} or {@code WAITING} are never deleted.
 *
 * @param olderThan delete finished executions whose finish time (their start time when they have none) is more than
 *     this long before the store's clock; {@code null} for no age rule
 * @param keepNewestPerWorkflow per workflow, delete all finished executions except the newest this many (by start
 *     time, then id); executions without a workflow id count as one workflow; {@code null} for no count rule
 * @param batchSize how many executions one delete statement (transaction) removes at most
 */
public record PrunePolicy(Duration olderThan, Integer keepNewestPerWorkflow, int batchSize) {

  /** The batch size of the factory methods. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  public PrunePolicy {
    if (olderThan == null && keepNewestPerWorkflow == null) {
      throw new IllegalArgumentException("prune policy needs an age (olderThan) or a count (keepNewestPerWorkflow)");
    }
    if (olderThan != null && olderThan.isNegative()) {
      throw new IllegalArgumentException("prune policy age must not be negative, got " + olderThan);
    }
    if (keepNewestPerWorkflow != null && keepNewestPerWorkflow < 0) {
      throw new IllegalArgumentException(
          "prune policy keepNewestPerWorkflow must not be negative, got " + keepNewestPerWorkflow);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("prune policy batch size must be at least 1, got " + batchSize);
    }
  }

  /** Deletes finished executions older than {@code age}. */
  public static PrunePolicy olderThan(Duration age) {
    return new PrunePolicy(age, null, DEFAULT_BATCH_SIZE);
  }

  /** Keeps only the newest {@code count} finished executions of each workflow. */
  public static PrunePolicy keepNewest(int count) {
    return new PrunePolicy(null, count, DEFAULT_BATCH_SIZE);
  }

  /** This policy, also deleting finished executions older than {@code age}. */
  public PrunePolicy andOlderThan(Duration age) {
    return new PrunePolicy(age, keepNewestPerWorkflow, batchSize);
  }

  /** This policy, also keeping only the newest {@code count} finished executions of each workflow. */
  public PrunePolicy andKeepNewest(int count) {
    return new PrunePolicy(olderThan, count, batchSize);
  }

  /** This policy with another batch size. */
  public PrunePolicy withBatchSize(int value) {
    return new PrunePolicy(olderThan, keepNewestPerWorkflow, value);
  }
}
