package dev.weft.nodes.utility.html;

import dev.weft.nodes.utility.io.NodeIo;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.PairedItem;
import dev.weft.spi.ParameterSpec;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * HTML ({@code weft.html}): extracts values from HTML with CSS selectors (jsoup), reading the HTML from a field or a
 * binary property; or turns all items into one HTML table.
 */
public final class HtmlNode implements Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.html")
      .displayName("HTML")
      .group("transform")
      .description("Extracts values from HTML with CSS selectors, or converts items to an HTML table.")
      .icon("fa:code")
      .parameters(
          ParameterSpec.options("operation",
              new Option("extract", "Extract HTML content", "Read values out of HTML with CSS selectors."),
              new Option("convertToTable", "Convert to HTML table", "Make one HTML table of all items.")).displayName("Operation"),
          ParameterSpec.options("sourceType", new Option("json", "JSON field", ""), new Option("binary", "Binary property", ""))
              .displayName("Source").displayWhen("operation", "extract"),
          ParameterSpec.string("field").displayName("Field").defaultValue("data").displayWhen("sourceType", "json")
              .description("The field holding the HTML; dots reach into nested objects."),
          ParameterSpec.string("binaryProperty").displayName("Binary Property").defaultValue("data")
              .displayWhen("sourceType", "binary"),
          ParameterSpec.string("encoding").displayName("Encoding").defaultValue("UTF-8").displayWhen("sourceType", "binary"),
          ParameterSpec.list("extractionValues",
                  ParameterSpec.string("key").displayName("Key").required().description("Output field name.").build(),
                  ParameterSpec.string("cssSelector").displayName("CSS Selector").required().build(),
                  ParameterSpec.options("returnValue",
                      new Option("text", "Text", "The text of the matching elements."),
                      new Option("html", "HTML", "The inner HTML of the first match."),
                      new Option("attribute", "Attribute", "An attribute of the first match."),
                      new Option("value", "Value", "The value of the first matching input, select or textarea."))
                      .displayName("Return Value").build(),
                  ParameterSpec.string("attribute").displayName("Attribute").displayWhen("returnValue", "attribute").build(),
                  ParameterSpec.string("skipSelectors").displayName("Skip Selectors")
                      .description("Comma-separated selectors of elements whose text is left out.")
                      .displayWhen("returnValue", "text").build(),
                  ParameterSpec.bool("returnArray").displayName("Return Array").defaultValue(false)
                      .description("One value per matching element, as an array.").build())
              .displayName("Extraction Values").required().displayWhen("operation", "extract"),
          ParameterSpec.bool("trimValues").displayName("Trim Values").defaultValue(true).displayWhen("operation", "extract"),
          ParameterSpec.bool("cleanUpText").displayName("Clean Up Text").defaultValue(true).displayWhen("operation", "extract")
              .description("Remove line breaks and collapse whitespace in text values."),
          ParameterSpec.string("outputField").displayName("Output Field").defaultValue("table")
              .displayWhen("operation", "convertToTable"),
          ParameterSpec.bool("capitalizeHeaders").displayName("Capitalize Headers").defaultValue(false)
              .displayWhen("operation", "convertToTable"),
          ParameterSpec.string("caption").displayName("Caption").displayWhen("operation", "convertToTable"),
          ParameterSpec.string("tableAttributes").displayName("Table Attributes").displayWhen("operation", "convertToTable")
              .placeholder("class=\"orders\" border=\"1\""),
          ParameterSpec.string("headerAttributes").displayName("Header Cell Attributes").displayWhen("operation", "convertToTable"),
          ParameterSpec.string("rowAttributes").displayName("Row Attributes").displayWhen("operation", "convertToTable"),
          ParameterSpec.string("cellAttributes").displayName("Cell Attributes").displayWhen("operation", "convertToTable"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    if (items.isEmpty()) {
      return NodeOutput.none();
    }
    if ("convertToTable".equals(context.string("operation", 0))) {
      return NodeOutput.of(List.of(table(context, items)));
    }
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        out.add(0, extract(context, items.get(i), i).pairedWith(i));
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private static Item extract(NodeContext context, Item item, int i) throws Exception {
    String html;
    if ("binary".equals(context.string("sourceType", i))) {
      Charset charset = NodeIo.charset(context.string("encoding", i), "encoding", i);
      html = NodeIo.binaryText(context, item, context.string("binaryProperty", i), "binaryProperty", i, charset);
    } else {
      html = NodeIo.fieldText(item, context.string("field", i), "field", i);
    }
    Document document = Jsoup.parse(html);
    boolean trim = context.parameter("trimValues", i, Boolean.class) != Boolean.FALSE;
    boolean cleanUp = context.parameter("cleanUpText", i, Boolean.class) != Boolean.FALSE;
    List<?> values = context.parameter("extractionValues", i, List.class);
    if (values == null || values.isEmpty()) {
      throw NodeException.parameter("extractionValues", i, "parameter 'extractionValues' is empty: add a key and a CSS selector");
    }
    Map<String, Object> json = new LinkedHashMap<>();
    for (int n = 0; n < values.size(); n++) {
      if (!(values.get(n) instanceof Map<?, ?> spec)) {
        throw NodeException.parameter("extractionValues", i, "entry " + n + " of 'extractionValues' must be an object");
      }
      String key = text(spec.get("key"));
      String selector = text(spec.get("cssSelector"));
      if (key.isEmpty() || selector.isEmpty()) {
        throw NodeException.parameter("extractionValues", i, "entry " + n
            + " of 'extractionValues' needs both a key and a cssSelector");
      }
      Elements found;
      try {
        found = document.select(selector);
      } catch (Selector.SelectorParseException e) {
        throw NodeException.parameter("extractionValues", i, "entry " + n + " ('" + key + "'): '" + selector
            + "' is not a valid CSS selector: " + e.getMessage());
      }
      String returnValue = spec.get("returnValue") == null ? "text" : text(spec.get("returnValue"));
      String attribute = text(spec.get("attribute"));
      if ("attribute".equals(returnValue) && attribute.isEmpty()) {
        throw NodeException.parameter("extractionValues", i, "entry " + n + " ('" + key
            + "') returns an attribute but names none");
      }
      String skip = text(spec.get("skipSelectors"));
      boolean asArray = Boolean.TRUE.equals(Json.toBoolean(spec.get("returnArray")));
      Object value;
      if (asArray) {
        List<Object> list = new ArrayList<>();
        for (Element e : found) {
          list.add(value(new Elements(e), returnValue, attribute, skip, trim, cleanUp, n, key, i));
        }
        value = list;
      } else {
        value = value(found, returnValue, attribute, skip, trim, cleanUp, n, key, i);
      }
      Json.set(json, key, value);
    }
    return item.withJson(json);
  }

  private static Object value(Elements found, String returnValue, String attribute, String skip, boolean trim,
      boolean cleanUp, int n, String key, int i) throws NodeException {
    String value = switch (returnValue) {
      case "text" -> {
        StringBuilder sb = new StringBuilder();
        for (Element e : found) {
          Element copy = e;
          if (!skip.isEmpty()) {
            copy = e.clone();
            copy.select(skip).remove();
          }
          sb.append(copy.wholeText());
        }
        yield sb.toString();
      }
      case "html" -> found.isEmpty() ? null : found.first().html();
      case "attribute" -> found.isEmpty() || !found.first().hasAttr(attribute) ? null : found.first().attr(attribute);
      case "value" -> found.isEmpty() ? null : found.first().val();
      default -> throw NodeException.parameter("extractionValues", i, "entry " + n + " ('" + key + "'): '"
          + returnValue + "' is not a return value; use text, html, attribute or value");
    };
    if (value == null) {
      return null;
    }
    if (cleanUp && "text".equals(returnValue)) {
      value = value.replaceAll("\\r\\n|\\n|\\r", "").replaceAll("\\s+", " ").strip();
    }
    return trim ? value.strip() : value;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }

  private static Item table(NodeContext context, List<Item> items) throws NodeException {
    Set<String> columns = new LinkedHashSet<>();
    for (Item item : items) {
      columns.addAll(item.json().keySet());
    }
    boolean capitalize = context.bool("capitalizeHeaders", 0);
    StringBuilder html = new StringBuilder("<table").append(attrs(context, "tableAttributes")).append('>');
    String caption = context.string("caption", 0);
    if (caption != null && !caption.isEmpty()) {
      html.append("<caption>").append(Entities.escape(caption)).append("</caption>");
    }
    String rowAttrs = attrs(context, "rowAttributes");
    String headerAttrs = attrs(context, "headerAttributes");
    String cellAttrs = attrs(context, "cellAttributes");
    html.append("<thead><tr").append(rowAttrs).append('>');
    for (String column : columns) {
      String label = capitalize && !column.isEmpty()
          ? column.substring(0, 1).toUpperCase(Locale.ROOT) + column.substring(1) : column;
      html.append("<th").append(headerAttrs).append('>').append(Entities.escape(label)).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    List<PairedItem> sources = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      sources.add(PairedItem.of(i));
      html.append("<tr").append(rowAttrs).append('>');
      for (String column : columns) {
        Object value = items.get(i).json().get(column);
        String cell = value == null ? "" : value instanceof Map || value instanceof List
            ? NodeIo.writeJson(context, value, false) : value.toString();
        html.append("<td").append(cellAttrs).append('>').append(Entities.escape(cell)).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</tbody></table>");
    String field = context.string("outputField", 0);
    Map<String, Object> json = new LinkedHashMap<>();
    Json.set(json, field == null || field.isBlank() ? "table" : field, html.toString());
    return Item.of(json).pairedWith(sources);
  }

  private static String attrs(NodeContext context, String name) throws NodeException {
    String value = context.string(name, 0);
    if (value == null || value.isBlank()) {
      return "";
    }
    // Parse the attributes so that what is written is well-formed whatever the user typed.
    Element body = Jsoup.parseBodyFragment("<span " + value + "></span>").body();
    Element probe = body.childrenSize() == 0 ? null : body.child(0);
    if (probe == null || probe.attributes().size() == 0) {
      throw NodeException.parameter(name, 0, "'" + value + "' holds no attributes; write them as name=\"value\"");
    }
    StringBuilder sb = new StringBuilder();
    probe.attributes().forEach(a -> sb.append(' ').append(a.getKey()).append("=\"")
        .append(Entities.escape(a.getValue())).append('"'));
    return sb.toString();
  }
}
