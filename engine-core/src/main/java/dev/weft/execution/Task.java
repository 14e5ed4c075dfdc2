package dev.weft.execution;

import dev.weft.spi.Item;
import dev.weft.spi.Resumption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A node ready to run (or waiting for more inputs): its input items per input and where each input came from. */
final class Task {
  final PlannedNode node;
  final List<Item>[] inputs;
  final Source[] sources;
  /** Set when the task re-runs a node that suspended the execution. */
  Resumption resumption;

  /** Where an input's items came from: a node's output in one of its runs; {@code null} for the run's input. */
  record Source(String node, int output, int run) {}

  @SuppressWarnings("unchecked")
  Task(PlannedNode node) {
    this.node = node;
    int n = Math.max(1, node.inputCount);
    this.inputs = new List[n];
    this.sources = new Source[n];
  }

  boolean has(int input) {
    return inputs[input] != null;
  }

  /** Whether every connected input has data. */
  boolean complete() {
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null && i < node.connectedInputs.length && node.connectedInputs[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether every input the node requires has data. */
  boolean hasRequiredInputs() {
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null && i < node.requiredInputs.length && node.requiredInputs[i]) {
        return false;
      }
    }
    return true;
  }

  List<Item> input(int index) {
    return index < inputs.length && inputs[index] != null ? inputs[index] : List.of();
  }

  List<Integer> inputCounts() {
    List<Integer> counts = new ArrayList<>(inputs.length);
    for (List<Item> in : inputs) {
      counts.add(in == null ? 0 : in.size());
    }
    return counts;
  }

  @Override
  public String toString() {
    return node.name + Arrays.toString(sources);
  }
}
