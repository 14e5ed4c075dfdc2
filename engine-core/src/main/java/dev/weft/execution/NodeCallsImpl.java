package dev.weft.execution;

import dev.weft.node.NodeRegistry;
import dev.weft.spi.Item;
import dev.weft.spi.NodeCalls;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.workflow.OnError;
import dev.weft.workflow.Problem;
import dev.weft.workflow.RetryPolicy;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowException;
import dev.weft.workflow.WorkflowNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a node of another type for a running node (an agent's tool call): plans it as a one-node workflow so it is
 * validated and its parameters compiled exactly as in a workflow, then executes it with a context of the calling
 * execution. Values a language model filled in ({@link NodeCalls.Call#arguments()}) become constants: text a model
 * wrote is never evaluated as an expression.
 */
final class NodeCallsImpl implements NodeCalls {
  private final ExecutionRun run;
  private final int runIndex;

  NodeCallsImpl(ExecutionRun run, int runIndex) {
    this.run = run;
    this.runIndex = runIndex;
  }

  @Override
  public Optional<NodeDescriptor> descriptor(String type, int version) {
    NodeRegistry.Registered registered = run.engine().registry().find(type, version);
    return Optional.ofNullable(registered == null ? null : registered.descriptor());
  }

  @Override
  public List<List<Item>> run(Call call) throws NodeException {
    String who = "'" + call.name() + "' (" + call.type() + ")";
    if (run.engine().registry().find(call.type(), call.version()) == null) {
      throw new NodeException("node call " + who + ": unknown node type '" + call.type() + "'"
          + (call.version() > 0 ? " version " + call.version() : ""));
    }
    PlannedNode planned = plan(call, who);
    Task task = new Task(planned);
    task.inputs[0] = call.items();
    NodeContextImpl context = new NodeContextImpl(run, task, runIndex, task);
    NodeOutput out;
    try {
      out = planned.node.execute(context);
    } catch (NodeException e) {
      throw new NodeException("node call " + who + " failed: " + e.getMessage(), e.parameter(), e.itemIndex(),
          e.description(), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new NodeException("node call " + who + " failed: " + (e.getMessage() == null ? e : e.getMessage()), e);
    }
    if (out == null) {
      throw new NodeException("node call " + who + " returned no output");
    }
    if (out.suspension() != null) {
      throw new NodeException("node call " + who + " tried to suspend the execution; a node that waits cannot be "
          + "called on behalf of another node");
    }
    if (!out.errors().isEmpty()) {
      NodeOutput.ItemError first = out.errors().get(0);
      throw new NodeException("node call " + who + " failed on item " + first.itemIndex() + ": "
          + first.error().getMessage(), null, first.itemIndex(), null, first.error());
    }
    List<List<Item>> outputs = new ArrayList<>(planned.declaredOutputs);
    for (int i = 0; i < planned.declaredOutputs; i++) {
      outputs.add(out.output(i));
    }
    return outputs;
  }

  /** Validates and compiles the call as a one-node workflow; arguments become constants afterwards. */
  private PlannedNode plan(Call call, String who) throws NodeException {
    Map<String, Object> forValidation = new LinkedHashMap<>(call.parameters());
    for (Map.Entry<String, Object> a : call.arguments().entrySet()) {
      forValidation.put(a.getKey(), defuse(a.getValue()));
    }
    WorkflowNode config = new WorkflowNode(call.name(), call.type(), call.version(), 0, 0, forValidation,
        call.credentials(), false, RetryPolicy.NONE, OnError.STOP, 0, false, false, "");
    ExecutionPlan plan;
    try {
      Workflow workflow = Workflow.builder("node call " + call.name()).node(config).build();
      plan = new Planner(run.engine().registry(), run.engine().expressions(), run.plan().zone).plan(workflow);
    } catch (WorkflowException e) {
      throw invalid(who, e.problems());
    }
    PlannedNode compiled = plan.nodes.get(0);
    Map<String, ParamValue> parameters = new LinkedHashMap<>(compiled.parameters);
    Map<String, Object> actual = new LinkedHashMap<>(call.parameters());
    for (Map.Entry<String, Object> a : call.arguments().entrySet()) {
      parameters.put(a.getKey(), new ParamValue.Constant(a.getValue()));
      actual.put(a.getKey(), a.getValue());
    }
    WorkflowNode runConfig = new WorkflowNode(call.name(), call.type(), call.version(), 0, 0, actual,
        call.credentials(), false, RetryPolicy.NONE, OnError.STOP, 0, false, false, "");
    return new PlannedNode(0, runConfig, compiled.node, compiled.descriptor, parameters, compiled.declaredOutputs,
        null);
  }

  private static NodeException invalid(String who, List<Problem> problems) {
    String detail = problems.stream().map(p -> (p.parameter() == null ? "" : "parameter '" + p.parameter() + "': ")
        + p.message()).collect(Collectors.joining("; "));
    String parameter = problems.isEmpty() ? null : problems.get(0).parameter();
    return new NodeException("node call " + who + " has invalid parameters: " + detail, parameter, -1, null, null);
  }

  /** The value with every {@code {{} broken up, so validation checks model-written text as text, not a template. */
  @SuppressWarnings("unchecked")
  private static Object defuse(Object value) {
    if (value instanceof String s) {
      return s.replace("{{", "{ {");
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, defuse(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(defuse(v)));
      return out;
    }
    return value;
  }
}
