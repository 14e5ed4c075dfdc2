package dev.weft.execution;

import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.TriggerNode;
import dev.weft.workflow.OnError;
import dev.weft.workflow.WorkflowNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A workflow node bound to its node type, with compiled parameters and resolved connections. */
final class PlannedNode {
  final int index;
  final String name;
  final WorkflowNode config;
  final Node node;
  final NodeDescriptor descriptor;
  final Map<String, ParamValue> parameters;
  /** Declared outputs (for these parameters), without the error output. */
  final int declaredOutputs;
  /** All outputs: the declared ones plus the error output when {@code onError} is errorOutput. */
  final int outputCount;
  final int inputCount;
  final boolean trigger;
  final List<Item> pinned;
  /** Edges per output index. */
  final List<List<Edge>> edges = new ArrayList<>();
  /** Which inputs have at least one incoming connection. */
  final boolean[] connectedInputs;
  final boolean[] requiredInputs;
  final List<Edge> incoming = new ArrayList<>();

  record Edge(PlannedNode source, int output, PlannedNode target, int input) {}

  PlannedNode(int index, WorkflowNode config, Node node, NodeDescriptor descriptor, Map<String, ParamValue> parameters,
      int declaredOutputs, List<Item> pinned) {
    this.index = index;
    this.name = config.name();
    this.config = config;
    this.node = node;
    this.descriptor = descriptor;
    this.parameters = parameters;
    this.declaredOutputs = declaredOutputs;
    this.outputCount = declaredOutputs + (config.onError() == OnError.ERROR_OUTPUT ? 1 : 0);
    this.inputCount = descriptor.inputs().size();
    this.trigger = node instanceof TriggerNode || descriptor.inputs().isEmpty();
    this.pinned = pinned;
    for (int i = 0; i < outputCount; i++) {
      edges.add(new ArrayList<>());
    }
    this.connectedInputs = new boolean[inputCount];
    this.requiredInputs = new boolean[inputCount];
    for (int i = 0; i < inputCount; i++) {
      requiredInputs[i] = descriptor.inputs().get(i).required();
    }
  }

  /** Index of the error output, or -1. */
  int errorOutput() {
    return config.onError() == OnError.ERROR_OUTPUT ? declaredOutputs : -1;
  }

  @Override
  public String toString() {
    return name;
  }
}
