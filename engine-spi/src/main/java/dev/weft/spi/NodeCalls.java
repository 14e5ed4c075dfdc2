package dev.weft.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a node of another type on behalf of the running node, inside the same execution: what an AI agent does when it
 * calls a node as a tool. Reached through {@link NodeContext#nodeCalls()}.
 *
 * <p>The called node is validated like a workflow node (every problem is reported with the call's name and the
 * parameter), gets its credentials by id like a workflow node, shares the execution's cancellation, and runs on the
 * calling thread. It is not a node of the workflow: it records no run data and sends no node events of its own, so the
 * calling node reports the call (the agent emits a step per tool call).
 */
public interface NodeCalls {

  /**
   * The descriptor of a registered node type.
   *
   * @param type node type id or alias
   * @param version the type's version, 0 for the newest
   * @return the descriptor, or empty when no such type (version) is registered
   */
  Optional<NodeDescriptor> descriptor(String type, int version);

  /**
   * Runs one activation of a node type and returns its items per output.
   *
   * @return items per declared output, in output order
   * @throws NodeException naming the call and the parameter when the parameters are invalid, or the called node's own
   *     failure, prefixed with the call's name
   */
  List<List<Item>> run(Call call) throws NodeException;

  /**
   * One call of a node type.
   *
   * @param name a name for the call, used in errors and as the called node's name (an agent uses the tool name)
   * @param type node type id or alias
   * @param version the type's version, 0 for the newest
   * @param parameters parameter values as a workflow holds them: {@code {{ }}} expressions are evaluated for each input
   *     item, as for a workflow node
   * @param arguments parameter values taken literally, never evaluated as expressions (values filled in by a language
   *     model); they replace parameters of the same name
   * @param credentials credential type id to stored credential id
   * @param items the called node's input items (input 0)
   */
  record Call(
      String name,
      String type,
      int version,
      Map<String, Object> parameters,
      Map<String, Object> arguments,
      Map<String, String> credentials,
      List<Item> items) {
    public Call {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      parameters = parameters == null ? Map.of() : parameters;
      arguments = arguments == null ? Map.of() : arguments;
      credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
      items = items == null ? List.of() : List.copyOf(items);
    }
  }
}
