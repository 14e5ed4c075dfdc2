package dev.weft.n8n.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** n8n Split Out (and Item Lists' "split out items") to {@code weft.splitOut}. */
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
    return MappedNode.of("weft.splitOut", p);
  }
}
