package dev.weft.n8n.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** n8n Limit (and Item Lists' "limit") to {@code weft.limit}. */
final class LimitMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.limit");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("maxItems", ctx.value("maxItems", 1));
    String keep = ctx.string("keep", "firstItems");
    switch (keep) {
      case "firstItems" -> p.put("keep", "first");
      case "lastItems" -> p.put("keep", "last");
      default -> ctx.unsupported("keep", "unknown keep option '" + keep + "'");
    }
    return MappedNode.of("weft.limit", p);
  }
}
