package dev.weft.n8n.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Aggregate (and Item Lists' "aggregate items" / "concatenate items") to {@code weft.aggregate}. Aggregate and
 * Item Lists 2.1 on give an empty list for a field no item has; Item Lists before 2.1 fail on it.
 */
final class AggregateMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.aggregate");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    String aggregate = ctx.string("aggregate", "aggregateIndividualFields");
    switch (aggregate) {
      case "aggregateIndividualFields" -> {
        p.put("aggregate", "individualFields");
        List<Object> fields = new ArrayList<>();
        List<Map<String, Object>> list = ctx.objects("fieldsToAggregate.fieldToAggregate");
        for (int i = 0; i < list.size(); i++) {
          Map<String, Object> f = list.get(i);
          String where = "fieldsToAggregate.fieldToAggregate[" + i + "]";
          Map<String, Object> w = new LinkedHashMap<>();
          w.put("field", literal(ctx, where + ".fieldToAggregate", f.get("fieldToAggregate")));
          if (Boolean.TRUE.equals(f.get("renameField")) && f.get("outputFieldName") != null) {
            w.put("outputField", literal(ctx, where + ".outputFieldName", f.get("outputFieldName")));
          }
          fields.add(w);
        }
        p.put("fields", fields);
        p.put("mergeLists", ctx.bool("options.mergeLists", false));
        p.put("keepMissing", ctx.bool("options.keepMissing", false));
        boolean itemListsBefore21 = node.type().equals("n8n-nodes-base.itemLists") && ctx.version() < 2.1;
        p.put("continueIfFieldNotFound", !itemListsBefore21);
        if (ctx.bool("options.keepOnlyUnique", false)) {
          ctx.unsupported("options.keepOnlyUnique", "keeping only unique values has no Weft equivalent");
        }
      }
      case "aggregateAllItemData" -> {
        p.put("aggregate", "allItemData");
        p.put("destination", ctx.value("destinationFieldName", "data"));
        String include = ctx.string("include", "allFields");
        switch (include) {
          case "allFields" -> p.put("include", "all");
          case "specifiedFields" -> {
            p.put("include", "selected");
            p.put("includeFields", FieldLists.names(ctx, "fieldsToInclude"));
          }
          case "allFieldsExcept" -> {
            p.put("include", "except");
            p.put("includeFields", FieldLists.names(ctx, "fieldsToExclude"));
          }
          default -> ctx.unsupported("include", "unknown include option '" + include + "'");
        }
      }
      default -> {
        return ctx.unsupportedNode("unknown aggregate option '" + aggregate + "'");
      }
    }
    p.put("dotNotation", !ctx.bool("options.disableDotNotation", false));
    p.put("includeBinary", ctx.bool("options.includeBinaries", false));
    return MappedNode.of("weft.aggregate", p);
  }

  static String literal(MappingContext ctx, String path, Object value) {
    if (value == null) {
      ctx.unsupported(path, "a field name is required");
      return "";
    }
    if (value instanceof String s && s.startsWith("=")) {
      ctx.unsupported(path, "an expression is not supported here; Weft needs a fixed field name");
      return "";
    }
    return String.valueOf(value);
  }
}
