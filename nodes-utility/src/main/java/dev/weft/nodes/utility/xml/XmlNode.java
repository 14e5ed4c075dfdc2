package dev.weft.nodes.utility.xml;

import dev.weft.nodes.utility.io.NodeIo;
import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * XML ({@code weft.xml}): turns XML text in a field into JSON (the item becomes the parsed document), or an item's
 * JSON into XML text in a field, with the conventions of the widely used xml2js library that n8n's XML node follows:
 * attributes under {@code $} (or merged into the element), text under {@code _}, repeated elements as arrays.
 * Parsing uses the JDK's StAX parser with DTDs refused, so external entities (XXE) can never be loaded.
 */
public final class XmlNode implements ItemNode {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.xml")
      .displayName("XML")
      .group("transform")
      .description("Converts XML text to JSON and JSON to XML text.")
      .icon("fa:file-code")
      .parameters(
          ParameterSpec.options("mode",
              new Option("xmlToJson", "XML to JSON", "Parse the XML in a field; the item becomes the parsed document."),
              new Option("jsonToXml", "JSON to XML", "Write the item's JSON as XML text into a field.")).displayName("Mode"),
          ParameterSpec.string("field").displayName("Field").defaultValue("data").required()
              .description("XML to JSON: the field holding the XML. JSON to XML: the field to write the XML to."),
          ParameterSpec.string("attributeKey").displayName("Attribute Key").defaultValue("$")
              .description("Key under which an element's attributes are kept."),
          ParameterSpec.string("charKey").displayName("Text Key").defaultValue("_")
              .description("Key under which an element's text is kept when it also has attributes or children."),
          ParameterSpec.bool("explicitArray").displayName("Always Use Arrays").defaultValue(false)
              .displayWhen("mode", "xmlToJson").description("Put child elements (and merged attributes) in arrays even when there is one."),
          ParameterSpec.bool("explicitRoot").displayName("Keep Root Element").defaultValue(true)
              .displayWhen("mode", "xmlToJson").description("Keep the root element as the single key of the result."),
          ParameterSpec.bool("ignoreAttributes").displayName("Ignore Attributes").defaultValue(false)
              .displayWhen("mode", "xmlToJson"),
          ParameterSpec.bool("mergeAttributes").displayName("Merge Attributes").defaultValue(true)
              .displayWhen("mode", "xmlToJson").description("Put attributes next to child elements instead of under the attribute key."),
          ParameterSpec.bool("normalizeWhitespace").displayName("Normalize Whitespace").defaultValue(false)
              .displayWhen("mode", "xmlToJson").description("Collapse runs of whitespace in text to one space."),
          ParameterSpec.bool("lowercaseTags").displayName("Lower-case Tag Names").defaultValue(false)
              .displayWhen("mode", "xmlToJson"),
          ParameterSpec.bool("trim").displayName("Trim Text").defaultValue(false)
              .displayWhen("mode", "xmlToJson"),
          ParameterSpec.bool("headless").displayName("Omit XML Declaration").defaultValue(false)
              .displayWhen("mode", "jsonToXml"),
          ParameterSpec.string("rootName").displayName("Root Element").defaultValue("root")
              .displayWhen("mode", "jsonToXml")
              .description("Name of the root element; with 'root' an object of a single key uses that key as the root."),
          ParameterSpec.bool("cdata").displayName("Use CDATA").defaultValue(false).displayWhen("mode", "jsonToXml")
              .description("Wrap text that needs escaping in CDATA sections instead of escaping it."),
          ParameterSpec.bool("pretty").displayName("Indent").defaultValue(true).displayWhen("mode", "jsonToXml"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Item process(Item item, int i, NodeContext context) throws Exception {
    String field = context.string("field", i);
    String attrKey = nonEmpty(context, "attributeKey", i, "$");
    String charKey = nonEmpty(context, "charKey", i, "_");
    if ("jsonToXml".equals(context.string("mode", i))) {
      XmlWriter writer = new XmlWriter(attrKey, charKey, context.bool("headless", i), context.bool("cdata", i),
          context.parameter("pretty", i, Boolean.class) != Boolean.FALSE);
      String rootName = context.string("rootName", i);
      String xml = writer.write(item.json(), rootName == null || rootName.isBlank() ? "root" : rootName, i);
      if (field == null || field.isBlank()) {
        throw NodeException.parameter("field", i, "parameter 'field' is empty: name the field to write the XML to");
      }
      Map<String, Object> json = new LinkedHashMap<>();
      Json.set(json, field, xml);
      return item.withJson(json);
    }
    String xml = NodeIo.fieldText(item, field, "field", i);
    XmlReader reader = new XmlReader(attrKey, charKey, context.bool("explicitArray", i),
        context.parameter("explicitRoot", i, Boolean.class) != Boolean.FALSE, context.bool("ignoreAttributes", i),
        context.parameter("mergeAttributes", i, Boolean.class) != Boolean.FALSE,
        context.bool("normalizeWhitespace", i), context.bool("lowercaseTags", i), context.bool("trim", i));
    Object parsed = reader.read(xml, field, i);
    if (parsed instanceof Map<?, ?>) {
      @SuppressWarnings("unchecked")
      Map<String, Object> json = (Map<String, Object>) parsed;
      return item.withJson(json);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(field, parsed);
    return item.withJson(json);
  }

  private static String nonEmpty(NodeContext context, String name, int i, String fallback) throws NodeException {
    String value = context.string(name, i);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
