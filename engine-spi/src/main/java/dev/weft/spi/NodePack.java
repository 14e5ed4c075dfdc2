package dev.weft.spi;

import java.util.List;

/**
 * A set of nodes and credential types shipped together. List the implementation in
 * {@code META-INF/services/dev.weft.spi.NodePack} for {@link java.util.ServiceLoader} to find it on the classpath; the
 * same class is the extension point when the pack is loaded as a plugin.
 */
public interface NodePack {

  /** A stable id for the pack, for example {@code weft.utility}. */
  String id();

  /** The pack's node types. */
  List<Node> nodes();

  /** The pack's credential types. */
  default List<CredentialType> credentialTypes() {
    return List.of();
  }
}
