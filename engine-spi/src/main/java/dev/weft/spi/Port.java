package dev.weft.spi;

import java.util.Objects;

/**
 * A named input or output of a node.
 *
 * @param name identifier, for example {@code main}, {@code true}, {@code false}, {@code error}
 * @param displayName label for people
 * @param required for inputs: the node does not run until this input has received data
 */
public record Port(String name, String displayName, boolean required) {
  public Port {
    Objects.requireNonNull(name, "name");
    displayName = displayName == null ? name : displayName;
  }

  /** An optional port whose label is its name. */
  public static Port of(String name) {
    return new Port(name, name, false);
  }

  /** The single input or output most nodes have. */
  public static Port main() {
    return new Port("main", "Main", false);
  }
}
