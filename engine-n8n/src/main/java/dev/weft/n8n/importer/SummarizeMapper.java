package dev.weft.n8n.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Summarize (and Item Lists' "summarize") to {@code weft.summarize}. Summarize 1.1 and Item Lists 2.1 summarise a
 * field no item has as empty instead of failing; Summarize 1 groups by and writes split-by values as text.
 */
final class SummarizeMapper implements NodeMapper {

  private static final List<String> AGGREGATIONS = List.of("count", "countUnique", "sum", "average", "min", "max",
      "concatenate", "append", "appendUnique");

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.summarize");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    // from 1.1, a field no item has is a hint in n8n, not an error
    MappedNode mapped = map(ctx, ctx.version() >= 1.1);
    if (ctx.version() < 1.1 && mapped.parameters().containsKey("splitBy")) {
      // Summarize 1 groups by the split values' text and writes that text (0 becomes "0", null "null")
      Map<String, Object> p = new LinkedHashMap<>(mapped.parameters());
      p.put("splitValuesAsText", true);
      return new MappedNode(mapped.type(), p, mapped.outputs(), mapped.inputIndex());
    }
    return mapped;
  }

  /**
   * The mapping; {@code lenientMissingFields} for Item Lists 2.1+, which summarises a field no item has as empty
   * rather than failing.
   */
  static MappedNode map(MappingContext ctx, boolean lenientMissingFields) {
    Map<String, Object> p = new LinkedHashMap<>();
    List<Object> fields = new ArrayList<>();
    List<Map<String, Object>> list = ctx.objects("fieldsToSummarize.values");
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> f = list.get(i);
      String where = "fieldsToSummarize.values[" + i + "]";
      String aggregation = f.get("aggregation") == null ? "count" : String.valueOf(f.get("aggregation"));
      if (!AGGREGATIONS.contains(aggregation)) {
        ctx.unsupported(where + ".aggregation", "unknown aggregation '" + aggregation + "'");
        continue;
      }
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("aggregation", aggregation);
      w.put("field", AggregateMapper.literal(ctx, where + ".field", f.get("field")));
      if (aggregation.equals("concatenate")) {
        String separator = f.get("separateBy") == null ? "," : String.valueOf(f.get("separateBy"));
        if (separator.equals("other")) {
          separator = f.get("customSeparator") == null ? "" : String.valueOf(f.get("customSeparator"));
        }
        w.put("separator", separator);
      }
      if (f.get("includeEmpty") instanceof Boolean b) {
        w.put("includeEmpty", b);
      }
      fields.add(w);
    }
    p.put("fieldsToSummarize", fields);
    if (ctx.has("fieldsToSplitBy")) {
      p.put("splitBy", FieldLists.names(ctx, "fieldsToSplitBy"));
    }
    String format = ctx.string("options.outputFormat", "separateItems");
    if (!format.equals("separateItems") && !format.equals("singleItem")) {
      ctx.unsupported("options.outputFormat", "unknown output format '" + format + "'");
    }
    p.put("outputFormat", format);
    p.put("dotNotation", !ctx.bool("options.disableDotNotation", false));
    p.put("continueIfFieldNotFound", lenientMissingFields || ctx.bool("options.continueIfFieldNotFound", false));
    p.put("skipEmptySplitFields", ctx.bool("options.skipEmptySplitFields", false));
    return MappedNode.of("weft.summarize", p);
  }
}
