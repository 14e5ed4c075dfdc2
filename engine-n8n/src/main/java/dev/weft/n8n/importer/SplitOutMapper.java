package dev.weft.n8n.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Split Out (and Item Lists' "split out items") to {@code weft.splitOut}. Split Out and Item Lists 2.1 on give no
 * items for an item without the field; Item Lists before 2.1 fail on it.
 */
final class SplitOutMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.splitOut");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("field", ctx.value("fieldToSplitOut", ""));
    String include = ctx.string("include", "noOtherFields");
    switch (include) {
      case "noOtherFields" -> p.put("include", "none");
      case "allOtherFields" -> p.put("include", "all");
      case "selectedOtherFields" -> {
        p.put("include", "selected");
        p.put("includeFields", FieldLists.names(ctx, "fieldsToInclude"));
      }
      default -> ctx.unsupported("include", "unknown include option '" + include + "'");
    }
    if (ctx.has("options.destinationFieldName")) {
      p.put("destination", ctx.value("options.destinationFieldName", ""));
    }
    p.put("dotNotation", !ctx.bool("options.disableDotNotation", false));
    p.put("includeBinary", ctx.bool("options.includeBinary", false));
    boolean itemListsBefore21 = node.type().equals("n8n-nodes-base.itemLists") && ctx.version() < 2.1;
    p.put("continueIfFieldNotFound", !itemListsBefore21);
    return MappedNode.of("weft.splitOut", p);
  }
}
