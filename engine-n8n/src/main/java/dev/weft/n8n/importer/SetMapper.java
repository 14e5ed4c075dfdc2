package dev.weft.n8n.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Set (Edit Fields) to {@code weft.set}.
 *
 * <ul>
 *   <li>v1/v2: {@code values.boolean|number|string[] = {name, value}} applied in n8n's order (booleans, numbers, then
 *       strings), unnamed fields named {@code propertyName}, {@code keepOnlySet}, {@code options.dotNotation}; a
 *       string field's expression result is written as it is (Weft type {@code any}).</li>
 *   <li>v3.0-3.2: {@code fields.values[] = {name, type: stringValue|numberValue|..., <type>: value}}, {@code include}
 *       (default all), {@code includeFields}/{@code excludeFields}.</li>
 *   <li>v3.3+: {@code assignments.assignments[] = {name, type, value}}; other fields are kept only with
 *       {@code includeOtherFields}.</li>
 *   <li>JSON mode ({@code mode: raw}): {@code jsonOutput}.</li>
 * </ul>
 */
final class SetMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.set");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (ctx.version() < 3) {
      p.put("mode", "manual");
      p.put("fields", legacyFields(ctx));
      p.put("include", ctx.bool("keepOnlySet", false) ? "none" : "all");
    } else {
      String mode = ctx.string("mode", "manual");
      if (mode.equals("raw")) {
        p.put("mode", "json");
        p.put("json", ctx.value("jsonOutput", "{}"));
      } else if (mode.equals("manual")) {
        p.put("mode", "manual");
        p.put("fields", ctx.version() < 3.3 ? typedFields(ctx) : assignments(ctx));
      } else {
        return ctx.unsupportedNode("unknown Set mode '" + mode + "'");
      }
      include(ctx, p);
      p.put("ignoreConversionErrors", ctx.bool("options.ignoreConversionErrors", false));
      boolean keepBinary = ctx.version() < 3.3 ? ctx.bool("options.includeBinary", true)
          : !ctx.bool("options.stripBinary", false);
      p.put("keepBinary", keepBinary);
    }
    p.put("dotNotation", ctx.bool("options.dotNotation", true));
    return MappedNode.of("weft.set", p);
  }

  private static List<Object> legacyFields(MappingContext ctx) {
    List<Object> out = new ArrayList<>();
    for (String type : List.of("boolean", "number", "string")) {
      List<Map<String, Object>> list = ctx.objects("values." + type);
      for (int i = 0; i < list.size(); i++) {
        Map<String, Object> v = list.get(i);
        String where = "values." + type + "[" + i + "]";
        Object name = v.get("name") == null ? "propertyName" : v.get("name");
        Object value = v.containsKey("value") ? v.get("value") : ConditionMapping.v1DefaultValue(type);
        // v1/v2 write an expression's result as it is, whatever the field's declared type
        boolean expression = type.equals("string") && value instanceof String s && s.startsWith("=");
        out.add(field(ctx, where, name, expression ? "any" : type, value));
      }
    }
    return out;
  }

  private static List<Object> typedFields(MappingContext ctx) {
    List<Object> out = new ArrayList<>();
    List<Map<String, Object>> list = ctx.objects("fields.values");
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> v = list.get(i);
      String where = "fields.values[" + i + "]";
      String n8nType = v.get("type") == null ? "stringValue" : String.valueOf(v.get("type"));
      if (!n8nType.endsWith("Value")) {
        ctx.unsupported(where + ".type", "unknown field type '" + n8nType + "'");
        continue;
      }
      String type = n8nType.substring(0, n8nType.length() - "Value".length());
      Object name = v.get("name") == null ? "" : v.get("name");
      out.add(field(ctx, where, name, type, v.get(n8nType)));
    }
    return out;
  }

  private static List<Object> assignments(MappingContext ctx) {
    List<Object> out = new ArrayList<>();
    List<Map<String, Object>> list = ctx.objects("assignments.assignments");
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> v = list.get(i);
      String where = "assignments.assignments[" + i + "]";
      String type = v.get("type") == null ? "string" : String.valueOf(v.get("type"));
      Object name = v.get("name") == null ? "" : v.get("name");
      out.add(field(ctx, where, name, type, v.get("value")));
    }
    return out;
  }

  private static Map<String, Object> field(MappingContext ctx, String where, Object name, String type, Object value) {
    if (!List.of("string", "number", "boolean", "array", "object", "any").contains(type)) {
      ctx.unsupported(where + ".type", "unknown field type '" + type + "'");
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", ctx.translate(where + ".name", String.valueOf(name)));
    f.put("type", type);
    Object v;
    if (value == null) {
      v = null;
    } else if (value instanceof String) {
      v = ctx.translate(where + ".value", value);
    } else if (value instanceof Number || value instanceof Boolean) {
      v = String.valueOf(value);
    } else {
      v = ctx.translate(where + ".value", value);
    }
    f.put("value", v);
    return f;
  }

  private static void include(MappingContext ctx, Map<String, Object> p) {
    String include;
    if (ctx.version() >= 3.3 && !ctx.bool("includeOtherFields", false)) {
      include = "none";
    } else {
      include = ctx.string("include", "all");
    }
    switch (include) {
      case "all", "none" -> p.put("include", include);
      case "selected" -> {
        p.put("include", "selected");
        p.put("includeFields", ctx.value("includeFields", ""));
      }
      case "except" -> {
        p.put("include", "except");
        p.put("includeFields", ctx.value("excludeFields", ""));
      }
      default -> ctx.unsupported("include", "unknown include option '" + include + "'");
    }
  }
}
