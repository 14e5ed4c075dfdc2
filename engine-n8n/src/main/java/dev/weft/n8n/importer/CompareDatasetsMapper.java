package dev.weft.n8n.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Compare Datasets to {@code weft.compareDatasets}; the four outputs (in A only, same, different, in B only) and
 * two inputs are in the same order. Fuzzy compare is an option in v1 and a parameter from v2. Version differences
 * kept: the default for differences (B's version up to 2, both from 2.1), the names of both versions ({@code input1}
 * and {@code input2} in v1) and, with fuzzy compare, whether a missing field equals an empty one (from 2.1).
 */
final class CompareDatasetsMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.compareDatasets");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    List<Object> fields = new ArrayList<>();
    List<Map<String, Object>> list = ctx.objects("mergeByFields.values");
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> f = list.get(i);
      String where = "mergeByFields.values[" + i + "]";
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("fieldA", AggregateMapper.literal(ctx, where + ".field1", f.get("field1")));
      w.put("fieldB", AggregateMapper.literal(ctx, where + ".field2", f.get("field2")));
      fields.add(w);
    }
    p.put("fields", fields);
    // n8n's default changed: 'Use Input B Version' up to 2, 'Include Both Versions' from 2.1
    String resolve = ctx.string("resolve", ctx.version() < 2.1 ? "preferInput2" : "includeBoth");
    switch (resolve) {
      case "preferInput1" -> p.put("whenDifferent", "preferA");
      case "preferInput2" -> p.put("whenDifferent", "preferB");
      case "includeBoth" -> {
        p.put("whenDifferent", "includeBoth");
        // v1 names the two versions input1/input2, v2 on inputA/inputB
        p.put("labelA", ctx.version() < 2 ? "input1" : "inputA");
        p.put("labelB", ctx.version() < 2 ? "input2" : "inputB");
      }
      case "mix" -> {
        p.put("whenDifferent", "mix");
        p.put("mixBase", ctx.string("preferWhenMix", "input1").equals("input2") ? "inputB" : "inputA");
        p.put("mixExcept", ctx.string("exceptWhenMix", ""));
      }
      default -> ctx.unsupported("resolve", "unknown option '" + resolve + "'");
    }
    boolean fuzzy = ctx.version() < 2 ? ctx.bool("options.fuzzyCompare", false) : ctx.bool("fuzzyCompare", false);
    p.put("fuzzyCompare", fuzzy);
    if (fuzzy) {
      // before 2.1 a field only one item has is always 'different', even against an empty value
      p.put("emptyEqualsMissing", ctx.version() >= 2.1);
    }
    if (ctx.has("options.skipFields")) {
      p.put("skipFields", ctx.string("options.skipFields", ""));
    }
    p.put("multipleMatches", ctx.string("options.multipleMatches", "first"));
    p.put("dotNotation", !ctx.bool("options.disableDotNotation", false));
    return MappedNode.of("weft.compareDatasets", p);
  }
}
