package dev.weft.execution;

import dev.weft.ExecutionError;
import dev.weft.NodeRun;
import dev.weft.spi.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the engine keeps of one node run while the execution goes on: enough for lineage and the result. */
final class RunRecord {
  /** The task that ran; released (null) when neither lineage nor run data needs its input items. */
  Task task;
  final String nodeName;
  final List<Integer> inputCounts;
  final int runIndex;
  final Instant startedAt;
  long durationNanos;
  int tries;
  List<List<Item>> outputs = List.of();
  List<Integer> outputCounts = List.of();
  ExecutionError error;
  boolean disabled;
  boolean pinned;

  RunRecord(Task task, int runIndex, Instant startedAt) {
    this(task, runIndex, startedAt, task.inputCounts());
  }

  RunRecord(Task task, int runIndex, Instant startedAt, List<Integer> inputCounts) {
    this.task = task;
    this.nodeName = task.node.name;
    this.inputCounts = inputCounts;
    this.runIndex = runIndex;
    this.startedAt = startedAt;
  }

  void setOutputs(List<List<Item>> value, boolean keep) {
    List<Integer> counts = new ArrayList<>(value.size());
    for (List<Item> out : value) {
      counts.add(out.size());
    }
    this.outputCounts = counts;
    this.outputs = keep ? value : List.of();
  }

  NodeRun toNodeRun(boolean withData, int maxItems) {
    List<List<Item>> data;
    if (!withData) {
      data = new ArrayList<>();
      for (int i = 0; i < outputCounts.size(); i++) {
        data.add(List.of());
      }
    } else if (maxItems > 0) {
      data = new ArrayList<>();
      for (List<Item> out : outputs) {
        data.add(out.size() > maxItems ? List.copyOf(out.subList(0, maxItems)) : out);
      }
    } else {
      data = outputs;
    }
    return new NodeRun(nodeName, runIndex, startedAt, durationNanos, tries, inputCounts, outputCounts,
        data, error, disabled, pinned);
  }
}
