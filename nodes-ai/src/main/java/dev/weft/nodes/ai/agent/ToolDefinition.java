package dev.weft.nodes.ai.agent;

import dev.weft.spi.NodeException;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool as a workflow declares it in an agent's {@code tools} parameter.
 *
 * @param name the name the model sees
 * @param description what it does, for the model
 * @param kind which {@link ToolFactory} makes it: {@code node}, {@code workflow}, {@code agent}, {@code handoff}, or
 *     a kind another package registered (such as {@code vectorStore})
 * @param config the kind's settings, as JSON values
 */
public record ToolDefinition(String name, String description, String kind, Map<String, Object> config) {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    description = description == null ? "" : description;
    config = config == null ? Map.of() : config;
  }

  /** Whether a name is one every provider accepts. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** A text setting of the config, or {@code null}. */
  public String string(String key) {
    Object v = config.get(key);
    return v == null ? null : String.valueOf(v);
  }

  /**
   * A text setting that must be there.
   *
   * @throws NodeException naming the tool and the setting
   */
  public String require(String key) throws NodeException {
    String v = string(key);
    if (v == null || v.isBlank()) {
      throw NodeException.parameter("tools", -1, "tool '" + name + "' (" + kind + ") needs config." + key);
    }
    return v;
  }
}
