package dev.weft.nodes.utility.xml;

import dev.weft.spi.NodeException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** JSON values to XML text in xml2js's layout (attributes under the attribute key, text under the text key). */
final class XmlWriter {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._:-]*");
  private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

  private final String attrKey;
  private final String charKey;
  private final boolean headless;
  private final boolean cdata;
  private final boolean pretty;

  XmlWriter(String attrKey, String charKey, boolean headless, boolean cdata, boolean pretty) {
    this.attrKey = attrKey;
    this.charKey = charKey;
    this.headless = headless;
    this.cdata = cdata;
    this.pretty = pretty;
  }

  String write(Map<String, Object> json, String rootName, int itemIndex) throws NodeException {
    StringBuilder out = new StringBuilder();
    if (!headless) {
      out.append(DECLARATION);
    }
    if ("root".equals(rootName) && json.size() == 1) {
      Map.Entry<String, Object> only = json.entrySet().iterator().next();
      if (!(only.getValue() instanceof List<?>)) {
        element(out, only.getKey(), only.getValue(), 0, itemIndex);
        return out.toString();
      }
    }
    element(out, rootName, json, 0, itemIndex);
    return out.toString();
  }

  private void newline(StringBuilder out, int depth) {
    if (pretty) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append("  ".repeat(depth));
    }
  }

  private void element(StringBuilder out, String name, Object value, int depth, int itemIndex) throws NodeException {
    if (!NAME.matcher(name).matches()) {
      throw NodeException.item(itemIndex, "key '" + name
          + "' cannot be an XML element name (names start with a letter or '_' and hold letters, digits, '.', '-', '_' or ':')", null);
    }
    if (value instanceof List<?> list) {
      for (Object entry : list) {
        element(out, name, entry, depth, itemIndex);
      }
      return;
    }
    newline(out, depth);
    out.append('<').append(name);
    if (!(value instanceof Map<?, ?> map)) {
      if (value == null) {
        out.append("/>");
      } else {
        out.append('>');
        text(out, scalar(value));
        out.append("</").append(name).append('>');
      }
      return;
    }
    Object attrs = map.get(attrKey);
    if (attrs instanceof Map<?, ?> attributes) {
      for (Map.Entry<?, ?> a : attributes.entrySet()) {
        String attrName = String.valueOf(a.getKey());
        if (!NAME.matcher(attrName).matches()) {
          throw NodeException.item(itemIndex, "key '" + attrName
              + "' under '" + attrKey + "' of element '" + name + "' cannot be an XML attribute name", null);
        }
        out.append(' ').append(attrName).append("=\"").append(escape(scalar(a.getValue()), true)).append('"');
      }
    }
    Object text = map.get(charKey);
    boolean hasChildren = false;
    for (Object key : map.keySet()) {
      if (!attrKey.equals(key) && !charKey.equals(key)) {
        hasChildren = true;
        break;
      }
    }
    if (!hasChildren) {
      if (text == null) {
        out.append("/>");
      } else {
        out.append('>');
        text(out, scalar(text));
        out.append("</").append(name).append('>');
      }
      return;
    }
    out.append('>');
    if (text != null) {
      newline(out, depth + 1);
      text(out, scalar(text));
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (!attrKey.equals(key) && !charKey.equals(key)) {
        element(out, key, e.getValue(), depth + 1, itemIndex);
      }
    }
    newline(out, depth);
    out.append("</").append(name).append('>');
  }

  private void text(StringBuilder out, String text) {
    if (cdata && (text.indexOf('<') >= 0 || text.indexOf('&') >= 0 || text.indexOf('>') >= 0)) {
      out.append("<![CDATA[").append(text.replace("]]>", "]]]]><![CDATA[>")).append("]]>");
    } else {
      out.append(escape(text, false));
    }
  }

  private static String scalar(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }

  private static String escape(String s, boolean attribute) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append(attribute ? "&quot;" : "\"");
        case '\r' -> sb.append("&#xD;");
        case '\n' -> sb.append(attribute ? "&#xA;" : "\n");
        case '\t' -> sb.append(attribute ? "&#x9;" : "\t");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
