package com.example.weft.textcase;

import dev.weft.spi.Node;
import dev.weft.spi.NodePack;
import java.util.List;

/** The pack: listed in META-INF/services/dev.weft.spi.NodePack, so it loads from a classpath or as a plugin. */
public final class TextCaseNodes implements NodePack {
  @Override
  public String id() {
    return "example.textcase";
  }

  @Override
  public List<Node> nodes() {
    return List.of(new ChangeCaseNode());
  }
}
