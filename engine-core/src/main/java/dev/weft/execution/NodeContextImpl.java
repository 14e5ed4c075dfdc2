package dev.weft.execution;

import dev.weft.event.ExecutionEvent;
import dev.weft.expression.ExpressionException;
import dev.weft.expression.Template;
import dev.weft.internal.Jackson;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.Cancellation;
import dev.weft.spi.Credentials;
import dev.weft.spi.ExecutionInfo;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.NodeCalls;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Resumption;
import dev.weft.spi.SubWorkflows;
import dev.weft.workflow.OnError;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The context of one node activation. */
final class NodeContextImpl implements NodeContext {
  private final ExecutionRun run;
  private final Task task;
  private final PlannedNode node;
  private final int runIndex;

  NodeContextImpl(ExecutionRun run, Task task, int runIndex, Task effective) {
    this.run = run;
    this.task = effective;
    this.node = task.node;
    this.runIndex = runIndex;
  }

  @Override
  public List<Item> items() {
    return task.input(0);
  }

  @Override
  public List<Item> items(int input) {
    return task.input(input);
  }

  @Override
  public int inputCount() {
    return node.inputCount;
  }

  @Override
  public Object parameter(String name, int itemIndex) throws NodeException {
    int dot = firstSeparator(name);
    String head = dot < 0 ? name : name.substring(0, dot);
    String rest = dot < 0 ? null : name.substring(dot + (name.charAt(dot) == '.' ? 1 : 0));
    ParamValue value = node.parameters.get(head);
    if (value == null) {
      return defaultFor(name, itemIndex);
    }
    // descend through compiled maps first, so only the part asked for is evaluated
    while (rest != null && !rest.isEmpty() && value instanceof ParamValue.MapValue map) {
      int next = firstSeparator(rest);
      String key = next < 0 ? rest : rest.substring(0, next);
      ParamValue child = map.entries().get(key);
      if (child == null) {
        return defaultFor(name, itemIndex);
      }
      value = child;
      rest = next < 0 ? null : rest.substring(next + (rest.charAt(next) == '.' ? 1 : 0));
    }
    Object resolved;
    if (value.isConstant()) {
      resolved = value.raw();
    } else {
      try {
        resolved = value.resolve(new ItemScope(run, task, itemIndex, runIndex));
      } catch (ExpressionException e) {
        throw new NodeException("expression failed: " + e.getMessage(), name, itemIndex, null, e);
      }
    }
    if (rest != null && !rest.isEmpty()) {
      if (!Json.has(resolved, rest)) {
        return defaultFor(name, itemIndex);
      }
      resolved = Json.get(resolved, rest);
    }
    return resolved;
  }

  private static int firstSeparator(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.' || c == '[') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The default of a parameter the workflow leaves unset; a default that is a template (say
   * {@code {{ $json.chatInput }}}) is evaluated for the item like a value the user wrote.
   */
  private Object defaultFor(String name, int itemIndex) throws NodeException {
    Object value = defaultValue(name);
    if (value instanceof String s && dev.weft.expression.ExpressionEngine.isTemplate(s)) {
      try {
        return run.engine().expressions().compile(s).evaluate(new ItemScope(run, task, itemIndex, runIndex));
      } catch (dev.weft.expression.ExpressionException e) {
        throw new NodeException("the default of parameter '" + name + "' failed: " + e.getMessage(), name, itemIndex,
            null, e);
      }
    }
    return value;
  }

  /** The default of a (possibly nested) parameter from the node's schema. */
  private Object defaultValue(String path) {
    List<ParameterSpec> specs = node.descriptor.parameters();
    ParameterSpec spec = null;
    for (String part : path.split("\\.")) {
      spec = null;
      for (ParameterSpec s : specs) {
        if (s.name().equals(part)) {
          spec = s;
          break;
        }
      }
      if (spec == null) {
        return null;
      }
      specs = spec.fields();
    }
    return spec == null ? null : spec.defaultValue();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T parameter(String name, int itemIndex, Class<T> type) throws NodeException {
    Object value = parameter(name, itemIndex);
    if (value == null || type.isInstance(value) && !(value instanceof Number) || type == Object.class) {
      return (T) value;
    }
    try {
      if (type == String.class) {
        if (value instanceof Map || value instanceof List) {
          return (T) Jackson.write(value);
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
          return (T) Long.toString(d.longValue());
        }
        return (T) String.valueOf(value);
      }
      if (type == Boolean.class) {
        return (T) Json.toBoolean(value);
      }
      if (Number.class.isAssignableFrom(type)) {
        Number n = Json.toNumber(value);
        if (n == null) {
          return null;
        }
        if (type == Number.class) {
          return (T) n;
        }
        if (type == Double.class) {
          return (T) Double.valueOf(n.doubleValue());
        }
        if (type == Long.class || type == Integer.class) {
          double d = n.doubleValue();
          if (d != Math.rint(d)) {
            throw new IllegalArgumentException(value + " is not a whole number");
          }
          return type == Long.class ? (T) Long.valueOf(n.longValue()) : (T) Integer.valueOf(Math.toIntExact(n.longValue()));
        }
      }
      if (type == Map.class || type == List.class) {
        Object parsed = value instanceof String s ? parseJson(s) : value;
        if (type.isInstance(parsed)) {
          return (T) parsed;
        }
        throw new IllegalArgumentException("expected " + (type == Map.class ? "an object" : "a list") + ", got "
            + Json.typeOf(parsed));
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new NodeException(e.getMessage(), name, itemIndex, null, null);
    }
    throw new NodeException("cannot convert a " + Json.typeOf(value) + " to " + type.getSimpleName(), name, itemIndex,
        null, null);
  }

  private static Object parseJson(String s) {
    try {
      return Jackson.parse(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
  }

  @Override
  public boolean hasParameter(String name) {
    return Json.has(node.config.parameters(), name);
  }

  @Override
  public Object rawParameter(String name) {
    return Json.get(node.config.parameters(), name);
  }

  @Override
  public Object evaluate(String template, int itemIndex) throws NodeException {
    try {
      Template compiled = run.engine().expressions().compile(template);
      return compiled.evaluate(new ItemScope(run, task, itemIndex, runIndex));
    } catch (ExpressionException e) {
      throw new NodeException("expression failed: " + e.getMessage(), null, itemIndex, null, e);
    }
  }

  @Override
  public Credentials credentials(String credentialType) throws NodeException {
    if (!node.descriptor.usesCredential(credentialType)) {
      throw new NodeException("node type '" + node.descriptor.type() + "' does not declare credential type '"
          + credentialType + "'");
    }
    String id = node.config.credentials().get(credentialType);
    if (id == null) {
      throw new NodeException("no credentials of type '" + credentialType + "' are assigned to this node; set "
          + "\"credentials\": {\"" + credentialType + "\": \"<credential id>\"} in the workflow");
    }
    return run.engine().credentials().resolve(id, credentialType, node.name);
  }

  @Override
  public boolean hasCredentials(String credentialType) {
    return node.config.credentials().containsKey(credentialType);
  }

  @Override
  public NodeOutput.Builder output() {
    return new NodeOutput.Builder(node.declaredOutputs, node.config.onError() == OnError.STOP);
  }

  @Override
  public Logger logger() {
    return LoggerFactory.getLogger(node.node.getClass());
  }

  @Override
  public BinaryStore binaries() {
    return run.engine().binaries();
  }

  @Override
  public SubWorkflows workflows() {
    return new SubWorkflowsImpl(run, node);
  }

  @Override
  public Cancellation cancellation() {
    return run.cancellation;
  }

  @Override
  public ExecutionInfo execution() {
    return new ExecutionInfo(run.id, run.plan().workflow.id(), run.plan().workflow.name(), node.name,
        node.descriptor.type(), run.mode, runIndex, run.startedAt);
  }

  @Override
  public Clock clock() {
    return run.engine().clock();
  }

  @Override
  public ZoneId timeZone() {
    return run.plan().zone;
  }

  @Override
  public Map<String, Object> staticData() {
    return run.engine().staticData(run.plan().workflow, node.name);
  }

  @Override
  public Map<String, Object> nodeState() {
    return run.nodeState.computeIfAbsent(node.name, k -> new java.util.concurrent.ConcurrentHashMap<>());
  }

  @Override
  public Map<String, String> customData() {
    return run.customData;
  }

  @Override
  public Optional<Resumption> resumption() {
    return Optional.ofNullable(task.resumption);
  }

  @Override
  public void emit(String eventType, Map<String, Object> data) {
    Events events = run.engine().events();
    if (events.active()) {
      Map<String, Object> payload = new java.util.LinkedHashMap<>(data);
      payload.put("event", eventType);
      events.emit(ExecutionEvent.Type.CUSTOM, run, node.name, runIndex, List.of(), 0, null, payload);
    }
  }

  @Override
  public NodeCalls nodeCalls() {
    return new NodeCallsImpl(run, runIndex);
  }

  @Override
  public <T> T service(Class<T> type) {
    if (type == dev.weft.spi.WebhookResponder.class) {
      try {
        return run.engine().service(type); // a host's own, if it registered one
      } catch (IllegalStateException none) {
        return type.cast(dev.weft.trigger.WebhookReplies.responder(run.engine().clusterBus()));
      }
    }
    return run.engine().service(type);
  }
}
