package dev.weft.n8n.importer;

import dev.weft.n8n.js.SortComparators;
import dev.weft.n8n.js.UntranslatableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Sort (and Item Lists' "sort") to {@code weft.sort}: by fields or random. A JavaScript comparator becomes a sort
 * by one field when it only compares that field of {@code a.json} and {@code b.json} (n8n's own template); any other
 * comparator is logic. Weft orders same-typed values as JavaScript's {@code <} does (numbers by value, text by
 * UTF-16 code units, case-sensitive); values of different types are ordered by type instead of being coerced.
 */
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
        // n8n's own comparator template (and code of its shape) only orders by one field
        String code = String.valueOf(ctx.raw("code"));
        try {
          SortComparators.FieldOrder order = SortComparators.fieldOrder(code);
          p.put("mode", "fields");
          p.put("fields", List.of(Map.of("field", order.field(),
              "order", order.descending() ? "descending" : "ascending")));
          p.put("dotNotation", false);
        } catch (UntranslatableException e) {
          ctx.unsupportedCode("code", e);
          return null;
        }
      }
      default -> {
        return ctx.unsupportedNode("unknown sort type '" + type + "'");
      }
    }
    return MappedNode.of("weft.sort", p);
  }
}
