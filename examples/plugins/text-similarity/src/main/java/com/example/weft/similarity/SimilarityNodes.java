package com.example.weft.similarity;

import dev.weft.spi.Node;
import dev.weft.spi.NodePack;
import java.util.List;

/** The pack: listed in META-INF/services/dev.weft.spi.NodePack, so it loads from a classpath or as a plugin. */
public final class SimilarityNodes implements NodePack {
  @Override
  public String id() {
    return "example.similarity";
  }

  @Override
  public List<Node> nodes() {
    return List.of(new SimilarityNode());
  }
}
