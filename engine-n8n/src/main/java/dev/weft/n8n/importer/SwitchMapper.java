package dev.weft.n8n.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Switch to {@code weft.switch}.
 *
 * <ul>
 *   <li>Expression mode (all versions): the output index expression, with n8n's number of outputs (4 in v1,
 *       {@code outputsAmount} in v2, {@code numberOutputs} in v3).</li>
 *   <li>Rules mode v1: one {@code value1} compared per rule ({@code dataType}, {@code operation},
 *       {@code value2}) and routed to the rule's {@code output}; each rule becomes a Weft output and the n8n output's
 *       connections leave from every rule output that routes to it, and from the fallback.</li>
 *   <li>Rules mode v2: the same comparisons, but rule i sends to output i and the fallback is an output index.</li>
 *   <li>Rules mode v3: one filter per rule, output i for rule i, {@code options.fallbackOutput} as none, extra or an
 *       output index, {@code options.allMatchingOutputs}.</li>
 * </ul>
 */
final class SwitchMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.switch");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    String mode = ctx.string("mode", "rules");
    if (mode.equals("expression")) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("mode", "expression");
      long outputs = ctx.version() < 2 ? 4 : ctx.version() < 3 ? number(ctx, "outputsAmount", 4)
          : number(ctx, "numberOutputs", 4);
      p.put("numberOutputs", outputs);
      p.put("output", ConditionMapping.typed(ctx, "output", ctx.raw("output") == null ? 0 : ctx.raw("output")));
      return MappedNode.of("weft.switch", p);
    }
    if (!mode.equals("rules")) {
      return ctx.unsupportedNode("unknown Switch mode '" + mode + "'");
    }
    return ctx.version() < 3 ? legacyRules(ctx) : rules(ctx);
  }

  private static long number(MappingContext ctx, String path, long fallback) {
    Object v = ctx.raw(path);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    ctx.unsupported(path, "expected a fixed number, found " + MappingContext.describe(v));
    return fallback;
  }

  private static MappedNode legacyRules(MappingContext ctx) {
    String dataType = ctx.string("dataType", "number");
    Object value1 = ctx.has("value1") ? ctx.raw("value1") : ConditionMapping.v1DefaultValue(dataType);
    List<Map<String, Object>> rules = ctx.objects("rules.rules");
    List<Object> weftRules = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Map<String, Object> rule = rules.get(i);
      String where = "rules.rules[" + i + "]";
      String operation = rule.get("operation") == null ? "equal" : String.valueOf(rule.get("operation"));
      Object value2 = rule.containsKey("value2") ? rule.get("value2") : ConditionMapping.v1DefaultValue(dataType);
      Map<String, Object> condition = ConditionMapping.v1Condition(ctx, where, dataType, operation, value1, value2);
      if (condition == null) {
        continue;
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("conditions", List.of(condition));
      r.put("combinator", "and");
      weftRules.add(r);
      targets.add(rule.get("output") instanceof Number n ? n.intValue() : 0);
    }
    int fallback = ctx.raw("fallbackOutput") instanceof Number n ? n.intValue() : -1;
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("mode", "rules");
    p.put("rules", weftRules);
    p.put("allMatchingOutputs", false);
    p.put("looseTypeValidation", true);
    if (ctx.version() >= 2) {
      // v2: rule i sends to output i; the fallback is one of those outputs
      if (fallback < 0) {
        p.put("fallback", "none");
      } else {
        p.put("fallback", "output");
        p.put("fallbackOutput", (long) fallback);
      }
      return MappedNode.of("weft.switch", p);
    }
    p.put("fallback", fallback < 0 ? "none" : "extra");
    int fallbackOutput = weftRules.size();
    return MappedNode.of("weft.switch", p).withOutputs(n8nOutput -> {
      List<Integer> weft = new ArrayList<>();
      for (int r = 0; r < targets.size(); r++) {
        if (targets.get(r) == n8nOutput) {
          weft.add(r);
        }
      }
      if (fallback >= 0 && fallback == n8nOutput) {
        weft.add(fallbackOutput);
      }
      return weft.stream().mapToInt(Integer::intValue).toArray();
    });
  }

  private static MappedNode rules(MappingContext ctx) {
    List<Map<String, Object>> rules = ctx.objects("rules.values");
    List<Object> weftRules = new ArrayList<>();
    boolean ignoreCase = ctx.bool("options.ignoreCase", false);
    boolean loose = ctx.bool("looseTypeValidation", false) || ctx.bool("options.looseTypeValidation", false);
    for (int i = 0; i < rules.size(); i++) {
      String where = "rules.values[" + i + "]";
      ConditionMapping.Result r = ConditionMapping.filter(ctx, where + ".conditions");
      ignoreCase |= r.ignoreCase();
      loose |= r.loose();
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("conditions", r.conditions());
      rule.put("combinator", r.combinator());
      Map<String, Object> raw = rules.get(i);
      if (Boolean.TRUE.equals(raw.get("renameOutput")) && raw.get("outputKey") instanceof String key) {
        rule.put("name", key);
      }
      weftRules.add(rule);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("mode", "rules");
    p.put("rules", weftRules);
    Object fallback = ctx.raw("options.fallbackOutput");
    if (fallback == null || "none".equals(fallback)) {
      p.put("fallback", "none");
    } else if ("extra".equals(fallback)) {
      p.put("fallback", "extra");
    } else if (fallback instanceof Number n) {
      p.put("fallback", "output");
      p.put("fallbackOutput", n.longValue());
    } else {
      ctx.unsupported("options.fallbackOutput", "unknown fallback output " + MappingContext.describe(fallback));
    }
    p.put("allMatchingOutputs", ctx.bool("options.allMatchingOutputs", false));
    p.put("ignoreCase", ignoreCase);
    p.put("looseTypeValidation", loose);
    return MappedNode.of("weft.switch", p);
  }
}
