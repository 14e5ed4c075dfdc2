package dev.weft.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * One plugin as {@link NodePlugins#list()} reports it.
 *
 * @param id the plugin id from its descriptor, or the file name (without {@code .zip}/{@code .jar}) when the
 *     descriptor could not be read
 * @param version the plugin's version, or {@code null} when the descriptor could not be read
 * @param requires the range of SPI versions the plugin accepts, as declared ({@code *} when it declares none)
 * @param path the zip, jar or folder the plugin was loaded from
 * @param status whether its node types are registered
 * @param nodeTypes the node type ids it registered ({@code type@version}), empty unless {@link PluginStatus#STARTED}
 * @param error why it failed, naming the plugin; {@code null} unless {@link PluginStatus#FAILED}
 */
public record PluginInfo(String id, String version, String requires, Path path, PluginStatus status,
    List<String> nodeTypes, String error) {

  public PluginInfo {
    nodeTypes = List.copyOf(nodeTypes);
  }
}
