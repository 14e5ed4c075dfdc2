package dev.weft.plugin;

/** Where a plugin stands. */
public enum PluginStatus {
  /** Loaded, and its node types are registered: new executions can use them. */
  STARTED,
  /** Loaded, but its node types are not registered (after {@link NodePlugins#stop(String)}). */
  STOPPED,
  /**
   * Could not be loaded or started; {@link PluginInfo#error()} says why. Nothing of it is registered and its class
   * loader is released; {@link NodePlugins#reload(String)} tries again from disk.
   */
  FAILED
}
