package dev.weft.nodes.ai.internal;

import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;

/** Parameter reading the AI nodes share. */
public final class Params {
  private Params() {}

  /**
   * A text parameter for one item whose default is a template (such as {@code {{ $json.chatInput }}}): the engine
   * hands defaults over as they are, so an unset parameter's template default is evaluated here.
   */
  public static String text(NodeContext context, String name, int i) throws NodeException {
    String value = context.string(name, i);
    if (value != null && !context.hasParameter(name) && value.contains("{{")) {
      Object evaluated = context.evaluate(value, i);
      return evaluated == null ? null : String.valueOf(evaluated);
    }
    return value;
  }

  /**
   * A text parameter as {@link #text} reads it, which must not be blank.
   *
   * @throws NodeException naming the parameter and item, saying {@code what} is empty
   */
  public static String required(NodeContext context, String name, int i, String what) throws NodeException {
    String value = text(context, name, i);
    if (value == null || value.isBlank()) {
      throw NodeException.parameter(name, i, what + " is empty for this item");
    }
    return value;
  }
}
