package dev.weft.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * Makes a schedule fire once per tick however many engine instances run it: each instance asks to claim the tick,
 * and exactly one gets it. In one process use {@link LocalTickLock}; across processes a shared backend (a database
 * row, a Redis key).
 *
 * <p>Every backend promises that of all the calls of {@link #claim} with the same key and tick, across every
 * instance sharing the backend, exactly one returns {@code true} while the claim is held (at least {@code hold}
 * after it was made), however many race.
 */
@FunctionalInterface
public interface TickLock {

  /**
   * Claims one tick of a schedule.
   *
   * @param key names the schedule, for example {@code workflowId/nodeName}
   * @param tick the scheduled time of this firing
   * @param hold how long to keep the claim at least; longer than the spread of the instances' clocks and timers
   * @return whether this caller won the tick and should fire
   */
  boolean claim(String key, Instant tick, Duration hold);
}
