package dev.weft.n8n.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Merge to {@code weft.merge}: v1 (append, merge by key/index, multiplex, pass-through, wait, keep/remove key
 * matches), v2 (append, combine by fields/position/multiplex, choose branch) and v3 (append, combine by
 * fields/position/all, choose branch).
 */
final class MergeMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.merge");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (ctx.version() < 2) {
      return version1(ctx, p);
    }
    String mode = ctx.string("mode", "append");
    switch (mode) {
      case "append" -> {
        p.put("mode", "append");
        if (ctx.version() >= 3) {
          p.put("numberInputs", ctx.value("numberInputs", 2));
        }
      }
      case "chooseBranch" -> {
        String output;
        if (ctx.version() >= 3) {
          output = ctx.string("output", "specifiedInput").equals("empty") ? "empty" : "input" + inputNumber(ctx);
        } else {
          output = ctx.string("output", "input1");
        }
        p.put("mode", "chooseBranch");
        if (List.of("input1", "input2", "empty").contains(output)) {
          p.put("chooseOutput", output);
        } else {
          ctx.unsupported("output", "choosing the branch '" + output + "' has no Weft equivalent");
        }
      }
      case "combine" -> {
        String how = ctx.version() >= 3 ? ctx.string("combineBy", "combineByFields")
            : ctx.string("combinationMode", "mergeByFields");
        switch (how) {
          case "mergeByFields", "combineByFields" -> byFields(ctx, p);
          case "mergeByPosition", "combineByPosition" -> {
            p.put("mode", "combineByPosition");
            p.put("includeUnpaired", ctx.bool("options.includeUnpaired", false));
            clash(ctx, p);
          }
          case "multiplex", "combineAll" -> {
            p.put("mode", "allCombinations");
            clash(ctx, p);
          }
          default -> {
            return ctx.unsupportedNode("unknown combine mode '" + how + "'");
          }
        }
      }
      default -> {
        return ctx.unsupportedNode("the Merge mode '" + mode + "' has no Weft equivalent");
      }
    }
    return MappedNode.of("weft.merge", p);
  }

  private static int inputNumber(MappingContext ctx) {
    Object v = ctx.raw("useDataOfInput");
    return v instanceof Number n ? n.intValue() : 1;
  }

  private static void byFields(MappingContext ctx, Map<String, Object> p) {
    p.put("mode", "combineByFields");
    List<Object> fields = new ArrayList<>();
    if (ctx.version() >= 3 && !ctx.string("fieldsToMatchString", "").isEmpty()) {
      for (String f : ctx.string("fieldsToMatchString", "").split(",")) {
        if (!f.isBlank()) {
          fields.add(Map.of("input1Field", f.trim(), "input2Field", f.trim()));
        }
      }
    } else {
      List<Map<String, Object>> list = ctx.objects("mergeByFields.values");
      for (int i = 0; i < list.size(); i++) {
        Map<String, Object> f = list.get(i);
        String where = "mergeByFields.values[" + i + "]";
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("input1Field", AggregateMapper.literal(ctx, where + ".field1", f.get("field1")));
        w.put("input2Field", AggregateMapper.literal(ctx, where + ".field2", f.get("field2")));
        fields.add(w);
      }
    }
    p.put("fields", fields);
    String join = ctx.string("joinMode", "keepMatches");
    if (!List.of("keepMatches", "keepNonMatches", "keepEverything", "enrichInput1", "enrichInput2").contains(join)) {
      ctx.unsupported("joinMode", "unknown join mode '" + join + "'");
    }
    p.put("joinMode", join);
    if (join.equals("keepMatches") || join.equals("keepNonMatches")) {
      String from = ctx.string("outputDataFrom", "both");
      if (!List.of("both", "input1", "input2").contains(from)) {
        ctx.unsupported("outputDataFrom", "unknown output option '" + from + "'");
      }
      p.put("outputDataFrom", from);
    }
    p.put("multipleMatches", ctx.string("options.multipleMatches", "all"));
    p.put("fuzzyCompare", ctx.bool("options.fuzzyCompare", false));
    p.put("dotNotation", !ctx.bool("options.disableDotNotation", false));
    clash(ctx, p);
    if (join.equals("enrichInput2") && p.get("clashHandling") instanceof String c && c.startsWith("prefer")) {
      // n8n enriches input 2 by swapping the inputs, so its "prefer input 2" keeps input 1's values
      p.put("clashHandling", c.equals("preferInput2") ? "preferInput1" : "preferInput2");
    }
  }

  private static void clash(MappingContext ctx, Map<String, Object> p) {
    String resolve = ctx.string("options.clashHandling.values.resolveClash", "preferInput2");
    switch (resolve.isEmpty() ? "preferInput2" : resolve) {
      case "preferInput1", "preferInput2" -> {
        p.put("clashHandling", resolve.isEmpty() ? "preferInput2" : resolve);
        String mergeMode = ctx.string("options.clashHandling.values.mergeMode", "deepMerge");
        p.put("mergeMode", mergeMode.equals("shallowMerge") ? "shallow" : "deep");
        p.put("overrideEmpty", ctx.bool("options.clashHandling.values.overrideEmpty", false));
      }
      case "addSuffix" -> p.put("clashHandling", "addSuffix");
      default -> ctx.unsupported("options.clashHandling.values.resolveClash", "unknown clash handling '" + resolve
          + "'");
    }
  }

  private static MappedNode version1(MappingContext ctx, Map<String, Object> p) {
    String mode = ctx.string("mode", "append");
    switch (mode) {
      case "append" -> p.put("mode", "append");
      case "multiplex" -> {
        p.put("mode", "allCombinations");
        p.put("clashHandling", "preferInput2");
        p.put("mergeMode", "shallow");
      }
      case "passThrough" -> {
        p.put("mode", "chooseBranch");
        p.put("chooseOutput", ctx.string("output", "input1"));
      }
      case "wait" -> {
        p.put("mode", "chooseBranch");
        p.put("chooseOutput", "empty");
      }
      case "mergeByIndex" -> {
        String join = ctx.string("join", "left");
        if (!join.equals("inner") && !join.equals("outer")) {
          ctx.unsupported("join", "merging by index with a '" + join + "' join has no Weft equivalent");
        }
        p.put("mode", "combineByPosition");
        p.put("includeUnpaired", join.equals("outer"));
        p.put("clashHandling", "preferInput2");
        p.put("mergeMode", "shallow");
      }
      case "mergeByKey", "keepKeyMatches", "removeKeyMatches" -> {
        p.put("mode", "combineByFields");
        p.put("fields", List.of(Map.of(
            "input1Field", AggregateMapper.literal(ctx, "propertyName1", ctx.raw("propertyName1")),
            "input2Field", AggregateMapper.literal(ctx, "propertyName2", ctx.raw("propertyName2")))));
        if (mode.equals("mergeByKey")) {
          p.put("joinMode", "enrichInput1");
          p.put("clashHandling", "preferInput2");
          p.put("mergeMode", "shallow");
        } else {
          p.put("joinMode", mode.equals("keepKeyMatches") ? "keepMatches" : "keepNonMatches");
          p.put("outputDataFrom", "input1");
        }
      }
      default -> {
        return ctx.unsupportedNode("the Merge v1 mode '" + mode + "' has no Weft equivalent");
      }
    }
    return MappedNode.of("weft.merge", p);
  }
}
