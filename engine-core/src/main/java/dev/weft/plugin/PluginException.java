package dev.weft.plugin;

/** A plugin could not be loaded, started, stopped or unloaded. The message names the plugin and the reason. */
public final class PluginException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String pluginId;

  PluginException(String pluginId, String message, Throwable cause) {
    super(message, cause);
    this.pluginId = pluginId;
  }

  /**
   * The plugin at fault: its id, its file name when the descriptor could not be read, or {@code null} when the
   * plugins folder itself could not be read.
   */
  public String pluginId() {
    return pluginId;
  }
}
