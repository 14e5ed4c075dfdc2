package dev.weft.nodes.utility;

import dev.weft.spi.Node;
import dev.weft.spi.NodePack;
import java.util.ArrayList;
import java.util.List;

/** The utility node pack: flow control, data transformation, dates, files and formats. */
public final class UtilityNodes implements NodePack {

  @Override
  public String id() {
    return "weft.utility";
  }

  @Override
  public List<Node> nodes() {
    List<Node> nodes = new ArrayList<>();
    // flow and data nodes
    // files, formats, dates and sub-workflows
    return List.copyOf(nodes);
  }
}
