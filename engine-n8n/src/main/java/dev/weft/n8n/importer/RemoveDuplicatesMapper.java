package dev.weft.n8n.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** n8n Remove Duplicates (and Item Lists' "remove duplicates") to {@code weft.removeDuplicates}. */
final class RemoveDuplicatesMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.removeDuplicates");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    String operation = node.type().equals("n8n-nodes-base.removeDuplicates")
        ? ctx.string("operation", "removeDuplicateInputItems") : "removeDuplicateInputItems";
    if (!operation.equals("removeDuplicateInputItems")) {
      return ctx.unsupportedNode("the operation '" + operation + "' (deduplication across executions) has no Weft "
          + "equivalent");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    String compare = ctx.string("compare", "allFields");
    switch (compare) {
      case "allFields" -> p.put("compare", "allFields");
      case "allFieldsExcept" -> {
        p.put("compare", "allFieldsExcept");
        p.put("fields", FieldLists.names(ctx, "fieldsToExclude"));
      }
      case "selectedFields" -> {
        p.put("compare", "selectedFields");
        p.put("fields", FieldLists.names(ctx, "fieldsToCompare"));
      }
      default -> ctx.unsupported("compare", "unknown compare option '" + compare + "'");
    }
    if (ctx.bool("options.removeOtherFields", false)) {
      p.put("removeOtherFields", true);
    }
    p.put("dotNotation", !ctx.bool("options.disableDotNotation", false));
    return MappedNode.of("weft.removeDuplicates", p);
  }
}
