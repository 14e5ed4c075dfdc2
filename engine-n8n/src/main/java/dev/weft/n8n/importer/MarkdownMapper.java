package dev.weft.n8n.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** n8n Markdown to {@code weft.markdown}: Markdown to HTML and back, with the output key. */
final class MarkdownMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.markdown");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    String mode = ctx.string("mode", "htmlToMarkdown");
    switch (mode) {
      case "markdownToHtml" -> {
        p.put("mode", "markdownToHtml");
        p.put("input", ctx.value("markdown", ""));
        p.put("tables", ctx.bool("options.tables", true));
        p.put("strikethrough", ctx.bool("options.strikethrough", true));
        p.put("softBreaksAsLineBreaks", ctx.bool("options.simpleLineBreaks", false));
        p.put("openLinksInNewWindow", ctx.bool("options.openLinksInNewWindow", false));
      }
      case "htmlToMarkdown" -> {
        p.put("mode", "htmlToMarkdown");
        p.put("input", ctx.value("html", ""));
        if (ctx.has("options.bulletListMarker")) {
          p.put("bulletMarker", ctx.string("options.bulletListMarker", "*"));
        }
        if (ctx.has("options.codeBlockStyle")) {
          p.put("codeBlockStyle", ctx.string("options.codeBlockStyle", "fenced"));
        }
        if (ctx.has("options.headingStyle")) {
          p.put("headingStyle", ctx.string("options.headingStyle", "atx"));
        }
        if (ctx.has("options.emDelimiter")) {
          p.put("emDelimiter", ctx.string("options.emDelimiter", "_"));
        }
      }
      default -> {
        return ctx.unsupportedNode("unknown Markdown mode '" + mode + "'");
      }
    }
    p.put("outputField", ctx.value("destinationKey", "data"));
    return MappedNode.of("weft.markdown", p);
  }
}
