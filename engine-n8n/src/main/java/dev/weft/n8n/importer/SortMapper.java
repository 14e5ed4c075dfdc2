package dev.weft.n8n.importer;

import dev.weft.n8n.js.UntranslatableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** n8n Sort (and Item Lists' "sort") to {@code weft.sort}: by fields or random; a JavaScript comparator is logic. */
final class SortMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.sort");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    String type = ctx.string("type", "simple");
    switch (type) {
      case "simple" -> {
        p.put("mode", "fields");
        List<Object> fields = new ArrayList<>();
        List<Map<String, Object>> list = ctx.objects("sortFieldsUi.sortField");
        for (int i = 0; i < list.size(); i++) {
          Map<String, Object> f = list.get(i);
          Map<String, Object> w = new LinkedHashMap<>();
          w.put("field", AggregateMapper.literal(ctx, "sortFieldsUi.sortField[" + i + "].fieldName",
              f.get("fieldName")));
          w.put("order", f.get("order") == null ? "ascending" : String.valueOf(f.get("order")));
          fields.add(w);
        }
        p.put("fields", fields);
        p.put("dotNotation", !ctx.bool("options.disableDotNotation", false));
      }
      case "random" -> p.put("mode", "random");
      case "code" -> {
        String code = String.valueOf(ctx.raw("code"));
        ctx.unsupportedCode("code", new UntranslatableException(code, "a JavaScript sort comparator is logic"));
        return null;
      }
      default -> {
        return ctx.unsupportedNode("unknown sort type '" + type + "'");
      }
    }
    return MappedNode.of("weft.sort", p);
  }
}
