package dev.weft;

import dev.weft.spi.Item;
import java.time.Instant;
import java.util.List;

/**
 * One run of a node in an execution.
 *
 * @param nodeName the node
 * @param runIndex 0 for its first run; loops run a node several times
 * @param startedAt when it started
 * @param durationNanos how long it took, all tries included
 * @param tries how many tries it took
 * @param inputCounts items per input
 * @param outputCounts items per output
 * @param outputs items per output; empty lists when the workflow's retention setting does not keep data
 * @param error the failure, or {@code null}
 * @param disabled whether the node was disabled and passed its input through
 * @param pinned whether the output came from pinned data
 */
public record NodeRun(
    String nodeName,
    int runIndex,
    Instant startedAt,
    long durationNanos,
    int tries,
    List<Integer> inputCounts,
    List<Integer> outputCounts,
    List<List<Item>> outputs,
    ExecutionError error,
    boolean disabled,
    boolean pinned) {

  /** Items on one output; empty when there are none or they were not kept. */
  public List<Item> output(int index) {
    return index < outputs.size() ? outputs.get(index) : List.of();
  }
}
