package dev.weft.execution;

import dev.weft.expression.ExpressionEngine;
import dev.weft.expression.ExpressionException;
import dev.weft.expression.Template;
import dev.weft.node.NodeRegistry;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Port;
import dev.weft.workflow.Connection;
import dev.weft.workflow.Problem;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowException;
import dev.weft.workflow.WorkflowNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;

/**
 * Validates a workflow against the node registry and compiles it into an {@link ExecutionPlan}. Every problem is
 * collected, so a user fixes a broken workflow in one round rather than one error at a time.
 */
final class Planner {
  private final NodeRegistry registry;
  private final ExpressionEngine expressions;
  private final ZoneId defaultZone;
  private final List<Problem> problems = new ArrayList<>();
  private boolean keepLineage;

  Planner(NodeRegistry registry, ExpressionEngine expressions, ZoneId defaultZone) {
    this.registry = registry;
    this.expressions = expressions;
    this.defaultZone = defaultZone;
  }

  /** Every problem of the workflow; empty when it can run. */
  List<Problem> validate(Workflow workflow) {
    plan(workflow, false);
    return List.copyOf(problems);
  }

  /** The plan, or a {@link WorkflowException} listing every problem. */
  ExecutionPlan plan(Workflow workflow) {
    ExecutionPlan plan = plan(workflow, true);
    if (!problems.isEmpty()) {
      throw new WorkflowException(workflow.name(), problems);
    }
    return plan;
  }

  private ExecutionPlan plan(Workflow workflow, boolean build) {
    List<PlannedNode> nodes = new ArrayList<>();
    Map<String, PlannedNode> byName = new LinkedHashMap<>();
    for (WorkflowNode config : workflow.nodes()) {
      NodeRegistry.Registered registered = registry.find(config.type(), config.version());
      if (registered == null) {
        problems.add(Problem.node(config.name(), unknownType(config)));
        continue;
      }
      NodeDescriptor d = registered.descriptor();
      Map<String, ParamValue> params = compileParameters(config, d);
      checkCredentials(config, d);
      int outputs;
      try {
        List<Port> ports = registered.node().outputs(config.parameters());
        outputs = ports == null ? d.outputs().size() : ports.size();
      } catch (RuntimeException e) {
        problems.add(Problem.node(config.name(), "its outputs cannot be determined from its parameters: " + e.getMessage()));
        outputs = d.outputs().size();
      }
      List<Item> pinned = workflow.pinData().get(config.name());
      PlannedNode p = new PlannedNode(nodes.size(), config, registered.node(), d, params, outputs, pinned);
      nodes.add(p);
      byName.put(p.name, p);
    }
    for (Connection c : workflow.connections()) {
      PlannedNode from = byName.get(c.from());
      PlannedNode to = byName.get(c.to());
      if (from == null || to == null) {
        continue; // unknown types were reported above; missing nodes when the workflow was read
      }
      if (c.output() >= from.outputCount) {
        problems.add(Problem.node(from.name, "a connection leaves output " + c.output() + " but the node has "
            + from.outputCount + " output" + (from.outputCount == 1 ? "" : "s") + " (" + portNames(from) + ")"));
        continue;
      }
      if (c.input() >= to.inputCount) {
        problems.add(Problem.node(to.name, to.inputCount == 0
            ? "a connection from '" + from.name + "' leads into it, but it is a trigger and has no inputs"
            : "a connection from '" + from.name + "' enters input " + c.input() + " but the node has " + to.inputCount
                + " input" + (to.inputCount == 1 ? "" : "s")));
        continue;
      }
      PlannedNode.Edge edge = new PlannedNode.Edge(from, c.output(), to, c.input());
      from.edges.get(c.output()).add(edge);
      to.incoming.add(edge);
      to.connectedInputs[c.input()] = true;
    }
    checkCycles(nodes);
    if (!build) {
      return null;
    }
    ZoneId zone = workflow.settings().timezone() == null ? defaultZone : ZoneId.of(workflow.settings().timezone());
    return new ExecutionPlan(workflow, List.copyOf(nodes), byName, keepLineage, zone);
  }

  private static String portNames(PlannedNode n) {
    List<String> names = new ArrayList<>();
    List<Port> declared = n.node.outputs(n.config.parameters());
    for (int i = 0; i < n.declaredOutputs; i++) {
      names.add(i + ": " + (declared != null && i < declared.size() ? declared.get(i).name() : "output " + i));
    }
    if (n.errorOutput() >= 0) {
      names.add(n.errorOutput() + ": error");
    }
    return String.join(", ", names);
  }

  private String unknownType(WorkflowNode config) {
    List<Integer> versions = registry.versions(config.type());
    if (!versions.isEmpty()) {
      return "node type '" + config.type() + "' has no version " + config.version() + "; registered versions: "
          + versions.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
    List<String> similar = registry.similar(config.type());
    return "unknown node type '" + config.type() + "'"
        + (similar.isEmpty() ? "; is the node pack that provides it installed?" : "; did you mean " + String.join(" or ", similar) + "?");
  }

  private void checkCredentials(WorkflowNode config, NodeDescriptor d) {
    for (String type : config.credentials().keySet()) {
      if (!d.usesCredential(type)) {
        problems.add(new Problem(config.name(), "credentials." + type, "node type '" + d.type()
            + "' does not use credentials of type '" + type + "'"
            + (d.credentials().isEmpty() ? "" : "; it uses " + d.credentials().stream()
                .map(c -> "'" + c.type() + "'").collect(Collectors.joining(", ")))));
      }
    }
  }

  private Map<String, ParamValue> compileParameters(WorkflowNode config, NodeDescriptor d) {
    Map<String, ParamValue> compiled = new LinkedHashMap<>();
    checkFields(config.name(), "", d.parameters(), config.parameters());
    for (Map.Entry<String, Object> e : config.parameters().entrySet()) {
      ParameterSpec spec = d.parameter(e.getKey());
      boolean expressionsAllowed = spec == null || spec.expressions();
      compiled.put(e.getKey(), compile(config.name(), e.getKey(), e.getValue(), expressionsAllowed));
    }
    return compiled;
  }

  /** Checks values against specs: unknown keys, required values, types, options; recursing into collections. */
  private void checkFields(String node, String prefix, List<ParameterSpec> specs, Map<String, Object> values) {
    for (String key : values.keySet()) {
      boolean known = specs.stream().anyMatch(s -> s.name().equals(key));
      if (!known) {
        problems.add(new Problem(node, prefix + key, "unknown parameter"
            + (specs.isEmpty() ? "" : "; known parameters: " + specs.stream().map(ParameterSpec::name)
                .collect(Collectors.joining(", ")))));
      }
    }
    for (ParameterSpec spec : specs) {
      String path = prefix + spec.name();
      if (!spec.appliesTo(values)) {
        continue;
      }
      Object value = values.get(spec.name());
      if (value == null) {
        if (spec.required() && spec.defaultValue() == null) {
          problems.add(new Problem(node, path, "a value is required"));
        }
        continue;
      }
      if (value instanceof String s && ExpressionEngine.isTemplate(s) && spec.expressions()) {
        continue; // checked when the expression is compiled; its result type is known only per item
      }
      checkType(node, path, spec, value);
    }
  }

  @SuppressWarnings("unchecked")
  private void checkType(String node, String path, ParameterSpec spec, Object value) {
    switch (spec.type()) {
      case STRING -> {
        if (value instanceof Map || value instanceof List) {
          problems.add(new Problem(node, path, "expected text, got " + Json.typeOf(value)));
        }
      }
      case NUMBER -> {
        try {
          Json.toNumber(value);
        } catch (IllegalArgumentException e) {
          problems.add(new Problem(node, path, "expected a number: " + e.getMessage()));
        }
      }
      case BOOLEAN -> {
        try {
          Json.toBoolean(value);
        } catch (IllegalArgumentException e) {
          problems.add(new Problem(node, path, "expected true or false: " + e.getMessage()));
        }
      }
      case OPTIONS -> {
        if (!spec.allows(value)) {
          problems.add(new Problem(node, path, "'" + value + "' is not one of " + spec.options().stream()
              .map(o -> "'" + o.value() + "'").collect(Collectors.joining(", "))));
        }
      }
      case MULTI_OPTIONS -> {
        if (!(value instanceof List<?> list)) {
          problems.add(new Problem(node, path, "expected a list of options, got " + Json.typeOf(value)));
        } else {
          for (Object v : list) {
            if (!spec.allows(v)) {
              problems.add(new Problem(node, path, "'" + v + "' is not one of " + spec.options().stream()
                  .map(o -> "'" + o.value() + "'").collect(Collectors.joining(", "))));
            }
          }
        }
      }
      case JSON -> {
        // any JSON value; a string is parsed by the node when it reads it
      }
      case COLLECTION -> {
        if (!(value instanceof Map<?, ?> map)) {
          problems.add(new Problem(node, path, "expected an object, got " + Json.typeOf(value)));
        } else if (!spec.fields().isEmpty()) {
          checkFields(node, path + ".", spec.fields(), (Map<String, Object>) map);
        }
      }
      case LIST -> {
        if (!(value instanceof List<?> list)) {
          problems.add(new Problem(node, path, "expected a list, got " + Json.typeOf(value)));
        } else if (!spec.fields().isEmpty()) {
          for (int i = 0; i < list.size(); i++) {
            Object entry = list.get(i);
            if (entry instanceof Map<?, ?> m) {
              checkFields(node, path + "[" + i + "].", spec.fields(), (Map<String, Object>) m);
            } else {
              problems.add(new Problem(node, path + "[" + i + "]", "expected an object, got " + Json.typeOf(entry)));
            }
          }
        }
      }
      default -> throw new IllegalStateException("unhandled parameter type " + spec.type());
    }
  }

  @SuppressWarnings("unchecked")
  private ParamValue compile(String node, String path, Object value, boolean expressionsAllowed) {
    if (value instanceof String s) {
      if (expressionsAllowed && ExpressionEngine.isTemplate(s)) {
        try {
          Template t = expressions.compile(s);
          if (t.referencesOtherNodes()) {
            keepLineage = true;
          }
          return new ParamValue.TemplateValue(t);
        } catch (ExpressionException e) {
          problems.add(new Problem(node, path, "expression error: " + e.getMessage()));
          return new ParamValue.Constant(s);
        }
      }
      return new ParamValue.Constant(s);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, ParamValue> entries = new LinkedHashMap<>();
      boolean constant = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        ParamValue v = compile(node, path + "." + e.getKey(), e.getValue(), expressionsAllowed);
        entries.put(String.valueOf(e.getKey()), v);
        constant &= v.isConstant();
      }
      return constant ? new ParamValue.Constant(value) : new ParamValue.MapValue(entries, (Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      List<ParamValue> entries = new ArrayList<>();
      boolean constant = true;
      for (int i = 0; i < list.size(); i++) {
        ParamValue v = compile(node, path + "[" + i + "]", list.get(i), expressionsAllowed);
        entries.add(v);
        constant &= v.isConstant();
      }
      return constant ? new ParamValue.Constant(value) : new ParamValue.ListValue(entries, (List<Object>) list);
    }
    return new ParamValue.Constant(value);
  }

  /** Every cycle must pass through a node that governs loops (Split In Batches); other cycles never end. */
  private void checkCycles(List<PlannedNode> nodes) {
    Graph<PlannedNode, DefaultEdge> graph = new DirectedPseudograph<>(DefaultEdge.class);
    nodes.forEach(graph::addVertex);
    for (PlannedNode n : nodes) {
      for (List<PlannedNode.Edge> out : n.edges) {
        for (PlannedNode.Edge e : out) {
          graph.addEdge(n, e.target());
        }
      }
    }
    for (Set<PlannedNode> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
      boolean cycle = component.size() > 1
          || component.stream().anyMatch(n -> graph.containsEdge(n, n));
      if (cycle && component.stream().noneMatch(n -> n.descriptor.governsLoops())) {
        String names = component.stream().sorted(Comparator.comparingInt(n -> n.index)).map(n -> "'" + n.name + "'")
            .collect(Collectors.joining(", "));
        problems.add(Problem.workflow("the nodes " + names + " form a cycle that no loop node governs; "
            + "it would never end (use Loop Over Items / Split In Batches to loop)"));
      }
    }
  }
}
