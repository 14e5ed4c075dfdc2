package dev.weft.nodes.utility.markdown;

import dev.weft.nodes.utility.io.NodeIo;
import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown ({@code weft.markdown}): Markdown to HTML (CommonMark, with GFM tables and strikethrough) and HTML to
 * Markdown, writing the result into a field of the item.
 */
public final class MarkdownNode implements ItemNode {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.markdown")
      .displayName("Markdown")
      .group("transform")
      .description("Converts Markdown to HTML and HTML to Markdown.")
      .icon("fa:markdown")
      .parameters(
          ParameterSpec.options("mode",
              new Option("markdownToHtml", "Markdown to HTML", ""),
              new Option("htmlToMarkdown", "HTML to Markdown", "")).displayName("Mode"),
          ParameterSpec.string("input").displayName("Input").required()
              .description("The text to convert, usually an expression such as {{ $json.body }}."),
          ParameterSpec.string("outputField").displayName("Output Field").defaultValue("data").required()
              .description("Where to write the result; dots reach into nested objects."),
          ParameterSpec.bool("tables").displayName("GFM Tables").defaultValue(true).displayWhen("mode", "markdownToHtml"),
          ParameterSpec.bool("strikethrough").displayName("Strikethrough").defaultValue(true)
              .displayWhen("mode", "markdownToHtml"),
          ParameterSpec.bool("softBreaksAsLineBreaks").displayName("Line Breaks as <br>").defaultValue(false)
              .displayWhen("mode", "markdownToHtml"),
          ParameterSpec.bool("escapeHtml").displayName("Escape Raw HTML").defaultValue(false)
              .displayWhen("mode", "markdownToHtml").description("Show HTML written in the Markdown as text instead of passing it through."),
          ParameterSpec.bool("openLinksInNewWindow").displayName("Open Links in New Window").defaultValue(false)
              .displayWhen("mode", "markdownToHtml"),
          ParameterSpec.options("bulletMarker", Option.of("*"), Option.of("-"), Option.of("+"))
              .displayName("Bullet Marker").displayWhen("mode", "htmlToMarkdown"),
          ParameterSpec.options("codeBlockStyle", Option.of("fenced", "Fenced (```)"), Option.of("indented", "Indented"))
              .displayName("Code Block Style").displayWhen("mode", "htmlToMarkdown"),
          ParameterSpec.options("headingStyle", Option.of("atx", "ATX (# Heading)"), Option.of("setext", "Setext (underlined)"))
              .displayName("Heading Style").displayWhen("mode", "htmlToMarkdown"),
          ParameterSpec.options("emDelimiter", Option.of("_"), Option.of("*"))
              .displayName("Emphasis Delimiter").displayWhen("mode", "htmlToMarkdown"),
          ParameterSpec.options("strongDelimiter", Option.of("**"), Option.of("__"))
              .displayName("Strong Delimiter").displayWhen("mode", "htmlToMarkdown"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Item process(Item item, int i, NodeContext context) throws Exception {
    Object input = context.parameter("input", i);
    if (input != null && !(input instanceof CharSequence) && !(input instanceof Number) && !(input instanceof Boolean)) {
      throw NodeException.parameter("input", i, "parameter 'input' must be text, was " + Json.typeOf(input));
    }
    String text = input == null ? "" : input.toString();
    String result = "htmlToMarkdown".equals(context.string("mode", i))
        ? new HtmlToMarkdown(choice(context, "bulletMarker", i, "*"),
            !"indented".equals(context.string("codeBlockStyle", i)),
            "setext".equals(context.string("headingStyle", i)),
            choice(context, "emDelimiter", i, "_"), choice(context, "strongDelimiter", i, "**")).convert(text)
        : toHtml(context, i, text);
    String field = context.string("outputField", i);
    if (field == null || field.isBlank()) {
      throw NodeException.parameter("outputField", i, "parameter 'outputField' is empty: name the field for the result");
    }
    Map<String, Object> json = NodeIo.copy(item);
    Json.set(json, field, result);
    return item.withJson(json);
  }

  private static String choice(NodeContext context, String name, int i, String fallback) throws NodeException {
    String value = context.string(name, i);
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static String toHtml(NodeContext context, int i, String markdown) throws NodeException {
    List<Extension> extensions = new ArrayList<>();
    if (context.parameter("tables", i, Boolean.class) != Boolean.FALSE) {
      extensions.add(TablesExtension.create());
    }
    if (context.parameter("strikethrough", i, Boolean.class) != Boolean.FALSE) {
      extensions.add(StrikethroughExtension.create());
    }
    Parser parser = Parser.builder().extensions(extensions).build();
    HtmlRenderer.Builder renderer = HtmlRenderer.builder().extensions(extensions)
        .escapeHtml(context.bool("escapeHtml", i));
    if (context.bool("softBreaksAsLineBreaks", i)) {
      renderer.softbreak("<br />\n");
    }
    if (context.bool("openLinksInNewWindow", i)) {
      renderer.attributeProviderFactory(ctx -> (node, tagName, attributes) -> {
        if ("a".equals(tagName)) {
          attributes.put("target", "_blank");
          attributes.put("rel", "noopener noreferrer");
        }
      });
    }
    return renderer.build().render(parser.parse(markdown)).strip();
  }
}
