package dev.weft.nodes.utility.xml;

import dev.weft.spi.NodeException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** XML text to JSON values in xml2js's layout. Refuses DTDs, so no entity, internal or external, is ever expanded. */
final class XmlReader {
  private final String attrKey;
  private final String charKey;
  private final boolean explicitArray;
  private final boolean explicitRoot;
  private final boolean ignoreAttrs;
  private final boolean mergeAttrs;
  private final boolean normalize;
  private final boolean lowercaseTags;
  private final boolean trim;

  XmlReader(String attrKey, String charKey, boolean explicitArray, boolean explicitRoot, boolean ignoreAttrs,
      boolean mergeAttrs, boolean normalize, boolean lowercaseTags, boolean trim) {
    this.attrKey = attrKey;
    this.charKey = charKey;
    this.explicitArray = explicitArray;
    this.explicitRoot = explicitRoot;
    this.ignoreAttrs = ignoreAttrs;
    this.mergeAttrs = mergeAttrs;
    this.normalize = normalize;
    this.lowercaseTags = lowercaseTags;
    this.trim = trim;
  }

  static XMLInputFactory secureFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  private static final class Frame {
    final String name;
    final Map<String, Object> obj = new LinkedHashMap<>();
    final StringBuilder text = new StringBuilder();
    boolean cdata;

    Frame(String name) {
      this.name = name;
    }
  }

  Object read(String xml, String field, int itemIndex) throws NodeException {
    XMLStreamReader reader = null;
    try {
      reader = secureFactory().createXMLStreamReader(new StringReader(xml));
      Deque<Frame> stack = new ArrayDeque<>();
      Object result = null;
      String rootName = null;
      while (reader.hasNext()) {
        int event = reader.next();
        switch (event) {
          case XMLStreamConstants.DTD -> throw NodeException.parameter("field", itemIndex,
              "the XML in field '" + field + "' has a DOCTYPE declaration; DTDs are refused because they can "
              + "load external entities (XXE)");
          case XMLStreamConstants.ENTITY_REFERENCE -> throw NodeException.parameter("field", itemIndex,
              "the XML in field '" + field + "' refers to the undeclared entity '&"
              + reader.getLocalName() + ";'");
          case XMLStreamConstants.START_ELEMENT -> {
            Frame frame = new Frame(tagName(reader.getPrefix(), reader.getLocalName()));
            if (!ignoreAttrs && reader.getAttributeCount() > 0) {
              Map<String, Object> attrs = new LinkedHashMap<>();
              for (int a = 0; a < reader.getAttributeCount(); a++) {
                String prefix = reader.getAttributePrefix(a);
                String name = prefix == null || prefix.isEmpty()
                    ? reader.getAttributeLocalName(a) : prefix + ":" + reader.getAttributeLocalName(a);
                if (mergeAttrs) {
                  assignOrPush(frame.obj, name, reader.getAttributeValue(a));
                } else {
                  attrs.put(name, reader.getAttributeValue(a));
                }
              }
              if (!mergeAttrs) {
                frame.obj.put(attrKey, attrs);
              }
            }
            stack.push(frame);
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
            if (!stack.isEmpty()) {
              stack.peek().text.append(reader.getText());
            }
          }
          case XMLStreamConstants.CDATA -> {
            if (!stack.isEmpty()) {
              stack.peek().text.append(reader.getText());
              stack.peek().cdata = true;
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            Frame frame = stack.pop();
            Object value = close(frame);
            if (stack.isEmpty()) {
              result = value;
              rootName = frame.name;
            } else {
              assignOrPush(stack.peek().obj, frame.name, value);
            }
          }
          default -> {
            // comments, processing instructions and the document's start and end carry no data
          }
        }
      }
      if (rootName == null) {
        throw NodeException.parameter("field", itemIndex, "field '" + field
            + "' holds no XML element");
      }
      if (!explicitRoot) {
        return result;
      }
      Map<String, Object> root = new LinkedHashMap<>();
      root.put(rootName, explicitArray ? new ArrayList<>(List.of(result)) : result);
      return root;
    } catch (XMLStreamException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("\\s+", " ").trim();
      throw NodeException.parameter("field", itemIndex, "field '" + field
          + "' is not well-formed XML: " + message);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing is left to release
        }
      }
    }
  }

  private String tagName(String prefix, String local) {
    String name = prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    return lowercaseTags ? name.toLowerCase(Locale.ROOT) : name;
  }

  private Object close(Frame frame) {
    String text = frame.text.toString();
    String emptyText = "";
    boolean hasText;
    if (text.isBlank() && !frame.cdata) {
      emptyText = text;
      hasText = false;
    } else {
      if (trim) {
        text = text.strip();
      }
      if (normalize) {
        text = text.replaceAll("\\s{2,}", " ").strip();
      }
      hasText = true;
    }
    Map<String, Object> obj = frame.obj;
    if (hasText) {
      if (obj.isEmpty()) {
        return text;
      }
      obj.put(charKey, text);
      return obj;
    }
    return obj.isEmpty() ? emptyText : obj;
  }

  @SuppressWarnings("unchecked")
  private void assignOrPush(Map<String, Object> obj, String key, Object value) {
    Object existing = obj.get(key);
    if (existing == null && !obj.containsKey(key)) {
      obj.put(key, explicitArray ? new ArrayList<>(List.of(value)) : value);
    } else if (existing instanceof List<?>) {
      ((List<Object>) existing).add(value);
    } else {
      List<Object> list = new ArrayList<>();
      list.add(existing);
      list.add(value);
      obj.put(key, list);
    }
  }
}
