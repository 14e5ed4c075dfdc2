package dev.weft.workflow;

import java.util.Objects;

/**
 * An edge: items on output {@code output} of node {@code from} go to input {@code input} of node {@code to}.
 *
 * @param from source node name
 * @param output source output index
 * @param to target node name
 * @param input target input index
 */
public record Connection(String from, int output, String to, int input) {
  public Connection {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
