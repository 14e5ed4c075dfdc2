package dev.weft.spi;

import java.util.Map;

/**
 * How a suspended node was woken up; see {@link NodeContext#resumption()}.
 *
 * @param byCall {@code true} when resumed by an outside call, {@code false} when its time came
 * @param payload data sent with the call (empty for a timer)
 */
public record Resumption(boolean byCall, Map<String, Object> payload) {
  public Resumption {
    payload = payload == null ? Map.of() : payload;
  }
}
