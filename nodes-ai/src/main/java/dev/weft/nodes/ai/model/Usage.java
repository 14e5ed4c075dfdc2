package dev.weft.nodes.ai.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens a model call used.
 *
 * @param inputTokens tokens of the prompt
 * @param outputTokens tokens generated
 */
public record Usage(long inputTokens, long outputTokens) {
  /** Nothing used. */
  public static final Usage ZERO = new Usage(0, 0);

  /** This and that added. */
  public Usage plus(Usage other) {
    return other == null ? this : new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
  }

  /** As JSON values: {@code {inputTokens, outputTokens, totalTokens}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("inputTokens", inputTokens);
    m.put("outputTokens", outputTokens);
    m.put("totalTokens", inputTokens + outputTokens);
    return m;
  }
}
