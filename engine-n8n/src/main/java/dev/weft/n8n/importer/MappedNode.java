package dev.weft.n8n.importer;

import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * The Weft node an n8n node becomes.
 *
 * @param type the Weft node type id
 * @param parameters the Weft parameters (expressions already translated)
 * @param outputs the Weft outputs an n8n output's connections leave from: usually the same index; several when rules
 *     of an n8n Switch share an output; none when the Weft node has no such output; {@link #NEVER_USED} when the
 *     output never carries items
 * @param inputIndex maps an n8n input index to the Weft input index
 */
record MappedNode(String type, Map<String, Object> parameters, IntFunction<int[]> outputs,
    IntUnaryOperator inputIndex) {

  /**
   * An output index meaning: the n8n output never carries items on the Weft node (it always fails, say), so its
   * connections are left out without a problem.
   */
  static final int NEVER_USED = -1;

  /** A node whose inputs and outputs are numbered as in n8n. */
  static MappedNode of(String type, Map<String, Object> parameters) {
    return new MappedNode(type, parameters, i -> new int[] {i}, IntUnaryOperator.identity());
  }

  /** This node with n8n's outputs renumbered. */
  MappedNode withOutputs(IntFunction<int[]> mapping) {
    return new MappedNode(type, parameters, mapping, inputIndex);
  }
}
