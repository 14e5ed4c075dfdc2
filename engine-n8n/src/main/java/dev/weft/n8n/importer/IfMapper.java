package dev.weft.n8n.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n If and Filter to {@code weft.if} and {@code weft.filter}. Version 1 keeps typed condition lists
 * ({@code conditions.string[]}, ...) combined by {@code combineOperation} (If) or {@code combineConditions} (Filter);
 * version 2 and later hold one filter parameter with its case and type-validation options.
 */
final class IfMapper implements NodeMapper {
  static final String IF = "n8n-nodes-base.if";
  static final String FILTER = "n8n-nodes-base.filter";

  @Override
  public List<String> n8nTypes() {
    return List.of(IF, FILTER);
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    boolean filter = node.type().equals(FILTER);
    Map<String, Object> p = new LinkedHashMap<>();
    if (ctx.version() < 2) {
      List<Map<String, Object>> conditions = ConditionMapping.v1(ctx, "conditions");
      String combinator = ConditionMapping.v1Combinator(ctx, filter ? "combineConditions" : "combineOperation", "and");
      if (conditions.isEmpty() && combinator.equals("or")) {
        // v1 with "any" and no condition: no condition holds, so every item fails
        conditions = List.of(Map.of("left", "{{ false }}", "type", "boolean", "operator", "isTrue"));
      }
      p.put("conditions", conditions);
      p.put("combinator", combinator);
      // v1 compares like JavaScript: strings via toString(), dates from text or numbers.
      p.put("looseTypeValidation", true);
    } else {
      ConditionMapping.Result r = ConditionMapping.filter(ctx, "conditions");
      p.put("conditions", r.conditions());
      p.put("combinator", r.combinator());
      boolean ignoreCase = r.ignoreCase() || ctx.bool("options.ignoreCase", false);
      boolean loose = r.loose() || ctx.bool("looseTypeValidation", false)
          || ctx.bool("options.looseTypeValidation", false);
      p.put("ignoreCase", ignoreCase);
      p.put("looseTypeValidation", loose);
    }
    return MappedNode.of(filter ? "weft.filter" : "weft.if", p);
  }
}
