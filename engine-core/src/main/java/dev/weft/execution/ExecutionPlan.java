package dev.weft.execution;

import dev.weft.workflow.Workflow;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** A validated workflow, ready to run any number of times: nodes bound to types, parameters compiled. */
final class ExecutionPlan {
  final Workflow workflow;
  final List<PlannedNode> nodes;
  final Map<String, PlannedNode> byName;
  /** Whether expressions reach other nodes' items, so run data must be kept while running. */
  final boolean keepLineage;
  final ZoneId zone;
  private volatile Map<String, Object> definition;

  ExecutionPlan(Workflow workflow, List<PlannedNode> nodes, Map<String, PlannedNode> byName, boolean keepLineage,
      ZoneId zone) {
    this.workflow = workflow;
    this.nodes = nodes;
    this.byName = byName;
    this.keepLineage = keepLineage;
    this.zone = zone;
  }

  /** The workflow as JSON values, computed once: checkpoints carry it so a run resumes with the version it began. */
  Map<String, Object> definition() {
    Map<String, Object> d = definition;
    if (d == null) {
      d = workflow.toMap();
      definition = d;
    }
    return d;
  }

  /** The node a run starts at when none is named: the only trigger, else the first manual trigger, else the first. */
  PlannedNode defaultStart() {
    PlannedNode first = null;
    int count = 0;
    for (PlannedNode n : nodes) {
      if (n.trigger && !n.config.disabled()) {
        count++;
        if (first == null) {
          first = n;
        }
        if (n.descriptor.type().equals("weft.manualTrigger")) {
          return n;
        }
      }
    }
    if (count > 0) {
      return first;
    }
    for (PlannedNode n : nodes) {
      if (n.incoming.isEmpty()) {
        return n;
      }
    }
    return null;
  }
}
