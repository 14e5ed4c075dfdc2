package dev.weft.n8n.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n HTML Extract and HTML to {@code weft.html}: extraction by CSS selectors (HTML Extract never cleans up text;
 * HTML's extraction does unless told not to) and HTML's conversion of items to a table.
 */
final class HtmlMapper implements NodeMapper {
  static final String HTML_EXTRACT = "n8n-nodes-base.htmlExtract";

  @Override
  public List<String> n8nTypes() {
    return List.of(HTML_EXTRACT, "n8n-nodes-base.html");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    boolean legacy = node.type().equals(HTML_EXTRACT);
    String operation = legacy ? "extractHtmlContent" : ctx.string("operation", "generateHtmlTemplate");
    switch (operation) {
      case "extractHtmlContent" -> extract(ctx, p, legacy);
      case "convertToHtmlTable" -> {
        p.put("operation", "convertToTable");
        p.put("capitalizeHeaders", ctx.bool("options.capitalize", false));
        copy(ctx, p, "options.caption", "caption");
        copy(ctx, p, "options.tableAttributes", "tableAttributes");
        copy(ctx, p, "options.headerAttributes", "headerAttributes");
        copy(ctx, p, "options.rowAttributes", "rowAttributes");
        copy(ctx, p, "options.cellAttributes", "cellAttributes");
      }
      default -> {
        return ctx.unsupportedNode("the HTML operation '" + operation + "' has no Weft equivalent");
      }
    }
    return MappedNode.of("weft.html", p);
  }

  private static void copy(MappingContext ctx, Map<String, Object> p, String from, String to) {
    if (ctx.has(from)) {
      p.put(to, ctx.value(from, ""));
    }
  }

  private static void extract(MappingContext ctx, Map<String, Object> p, boolean legacy) {
    p.put("operation", "extract");
    String source = ctx.string("sourceData", "json");
    if (source.equals("binary")) {
      p.put("sourceType", "binary");
      p.put("binaryProperty", ctx.value("dataPropertyName", "data"));
    } else {
      p.put("sourceType", "json");
      p.put("field", ctx.value("dataPropertyName", "data"));
    }
    List<Object> values = new ArrayList<>();
    List<Map<String, Object>> list = ctx.objects("extractionValues.values");
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> v = list.get(i);
      String where = "extractionValues.values[" + i + "]";
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("key", ctx.translate(where + ".key", v.get("key") == null ? "" : v.get("key")));
      w.put("cssSelector", ctx.translate(where + ".cssSelector", v.get("cssSelector") == null ? ""
          : v.get("cssSelector")));
      String returnValue = v.get("returnValue") == null ? "text" : String.valueOf(v.get("returnValue"));
      w.put("returnValue", returnValue);
      if (returnValue.equals("attribute")) {
        w.put("attribute", ctx.translate(where + ".attribute", v.get("attribute") == null ? "" : v.get("attribute")));
      }
      if (v.get("skipSelectors") != null) {
        w.put("skipSelectors", ctx.translate(where + ".skipSelectors", v.get("skipSelectors")));
      }
      w.put("returnArray", Boolean.TRUE.equals(v.get("returnArray")));
      values.add(w);
    }
    p.put("extractionValues", values);
    p.put("trimValues", ctx.bool("options.trimValues", true));
    p.put("cleanUpText", !legacy && ctx.bool("options.cleanUpText", true));
  }
}
