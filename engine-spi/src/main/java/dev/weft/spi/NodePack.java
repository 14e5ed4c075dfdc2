package dev.weft.spi;

import java.util.List;

/**
 * A set of nodes and credential types shipped together. List the implementation in
 * {@code META-INF/services/dev.weft.spi.NodePack} for {@link java.util.ServiceLoader} to find it on the classpath; the
 * same class is the extension point when the pack is loaded as a plugin.
 *
 * <p>A pack whose nodes hold long-lived resources (connection pools, broker connections) keeps them in the pack
 * instance and releases them in {@link #close()}, which the engine calls when it closes and when the plugin holding
 * the pack is stopped or unloaded.
 */
public interface NodePack extends AutoCloseable {

  /** A stable id for the pack, for example {@code weft.utility}. */
  String id();

  /** The pack's node types. */
  List<Node> nodes();

  /** The pack's credential types. */
  default List<CredentialType> credentialTypes() {
    return List.of();
  }

  /**
   * Releases what the pack's nodes hold (pools, connections). Called once the pack's node types are unregistered:
   * when the engine closes, or when its plugin is stopped, unloaded or reloaded. Executions still running on the
   * pack's nodes may ask for a resource again afterwards; a pack then opens it anew. The default holds nothing.
   */
  @Override
  default void close() {}
}
