package dev.weft.n8n.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** n8n XML to {@code weft.xml}, with xml2js' parser and builder options under Weft's names. */
final class XmlMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.xml");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    String mode = ctx.string("mode", "xmlToJson");
    p.put("field", ctx.value("dataPropertyName", "data"));
    p.put("attributeKey", ctx.value("options.attrkey", "$"));
    p.put("charKey", ctx.value("options.charkey", "_"));
    switch (mode) {
      case "xmlToJson" -> {
        p.put("mode", "xmlToJson");
        p.put("explicitArray", ctx.bool("options.explicitArray", false));
        p.put("explicitRoot", ctx.bool("options.explicitRoot", true));
        p.put("ignoreAttributes", ctx.bool("options.ignoreAttrs", false));
        p.put("mergeAttributes", ctx.bool("options.mergeAttrs", true));
        p.put("normalizeWhitespace", ctx.bool("options.normalize", false));
        p.put("lowercaseTags", ctx.bool("options.normalizeTags", false));
        p.put("trim", ctx.bool("options.trim", false));
      }
      case "jsonToxml" -> {
        p.put("mode", "jsonToXml");
        p.put("headless", ctx.bool("options.headless", false));
        p.put("rootName", ctx.value("options.rootName", "root"));
        p.put("cdata", ctx.bool("options.cdata", false));
        if (ctx.bool("options.allowSurrogateChars", false)) {
          ctx.unsupported("options.allowSurrogateChars", "allowing surrogate characters has no Weft equivalent");
        }
      }
      default -> {
        return ctx.unsupportedNode("unknown XML mode '" + mode + "'");
      }
    }
    return MappedNode.of("weft.xml", p);
  }
}
