package dev.weft.spi;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Everything a node gets from the engine for one activation: its input items, its parameters resolved per item, its
 * credentials and the engine's services. A context belongs to one activation; do not keep it.
 *
 * <p>Parameters are resolved lazily: {@code parameter("url", i)} evaluates the {@code {{ }}} expressions of the
 * {@code url} parameter against item {@code i} when asked. Nested values of a collection are reached with a dot:
 * {@code parameter("options.caseSensitive", i)}. Defaults from the {@link ParameterSpec} apply.
 */
public interface NodeContext extends Services {

  /** Items on input 0. */
  List<Item> items();

  /** Items on the given input; empty when that input received nothing. */
  List<Item> items(int input);

  /** How many inputs the node has. */
  int inputCount();

  /**
   * A parameter's value for one item: expressions evaluated, default applied.
   *
   * @throws NodeException naming the parameter and item when an expression fails
   */
  Object parameter(String name, int itemIndex) throws NodeException;

  /**
   * A parameter's value for one item, converted: {@code String, Number, Long, Integer, Double, Boolean, Map, List}.
   * Numbers and booleans given as text are accepted.
   *
   * @throws NodeException naming the parameter, item and expected type when the value does not convert
   */
  <T> T parameter(String name, int itemIndex, Class<T> type) throws NodeException;

  /** A text parameter for one item ({@code null} when unset). */
  default String string(String name, int itemIndex) throws NodeException {
    return parameter(name, itemIndex, String.class);
  }

  /** A boolean parameter for one item; {@code false} when unset. */
  default boolean bool(String name, int itemIndex) throws NodeException {
    Boolean b = parameter(name, itemIndex, Boolean.class);
    return b != null && b;
  }

  /** Whether the workflow gives this parameter a value (a default does not count). */
  boolean hasParameter(String name);

  /** The parameter exactly as the workflow holds it, expressions unevaluated; {@code null} when unset. */
  Object rawParameter(String name);

  /**
   * Evaluates a template ({@code "Hello {{ $json.name }}"}, or one {@code {{ }}} keeping its value's type) in the scope
   * of an item, as a parameter would be. For nodes whose parameters hold expressions to evaluate later.
   */
  Object evaluate(String template, int itemIndex) throws NodeException;

  /**
   * The credentials of a type the node declared.
   *
   * @throws NodeException when the workflow assigns none, or the type is not declared by the node
   */
  Credentials credentials(String credentialType) throws NodeException;

  /** Whether the workflow assigns credentials of this type to the node. */
  boolean hasCredentials(String credentialType);

  /** A builder for this activation's output, with one list per output and the workflow's error setting. */
  NodeOutput.Builder output();

  /** Logger named after the node type, with execution and node in its context. */
  Logger logger();

  /** Where binary content is stored. */
  BinaryStore binaries();

  /** Runs sub-workflows. */
  SubWorkflows workflows();

  /** The execution's cancellation signal. */
  Cancellation cancellation();

  /** Facts about the execution and node. */
  ExecutionInfo execution();

  /** The engine's clock: use it, not the system clock, so that tests and replays can control time. */
  Clock clock();

  /** The workflow's time zone (its setting, or the engine's default). */
  ZoneId timeZone();

  /**
   * Data the node keeps across executions of its workflow (a polling cursor, a last-seen id). Mutable; saved when
   * the execution ends.
   */
  Map<String, Object> staticData();

  /**
   * Data the node keeps across its runs within this execution (where a loop node such as Split In Batches is in its
   * items). Mutable; saved with the execution, so it survives a suspension.
   */
  Map<String, Object> nodeState();

  /**
   * The execution's custom data: key/value pairs a workflow records about itself (an order id, a customer), stored with
   * the execution and searchable. Mutable.
   */
  Map<String, String> customData();

  /** How the node was woken after it suspended the execution; empty on a normal run. */
  Optional<Resumption> resumption();

  /**
   * Publishes a custom execution event (for example streamed tokens of a language model) to the engine's listeners.
   * Cheap when nobody listens.
   */
  void emit(String eventType, Map<String, Object> data);

  /**
   * Runs nodes of other types on behalf of this node (an agent calling a node as a tool).
   *
   * @throws UnsupportedOperationException when the engine running this node cannot do that
   */
  default NodeCalls nodeCalls() {
    throw new UnsupportedOperationException("this engine cannot run other node types on behalf of a node "
        + "(NodeContext.nodeCalls); run the node on a Weft engine-core that supports it");
  }
}
