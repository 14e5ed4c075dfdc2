package dev.weft.nodes.utility.execution;

import dev.weft.spi.NodeException;
import java.util.Map;

/** The failure raised by {@link StopAndErrorNode}; it keeps every field of a given error object. */
public final class StopAndErrorException extends NodeException {
  private static final long serialVersionUID = 1L;

  private final transient Map<String, Object> fields;

  StopAndErrorException(String message, String description, int itemIndex, Map<String, Object> fields) {
    super(message, null, itemIndex, description, null);
    java.util.LinkedHashMap<String, Object> kept = new java.util.LinkedHashMap<>();
    fields.forEach((k, v) -> {
      if (v != null) {
        kept.put(k, v);
      }
    });
    this.fields = java.util.Collections.unmodifiableMap(kept);
  }

  /** The fields of the error object the workflow gave (empty for a plain message); fields holding null are left out. */
  public Map<String, Object> fields() {
    return fields;
  }
}
