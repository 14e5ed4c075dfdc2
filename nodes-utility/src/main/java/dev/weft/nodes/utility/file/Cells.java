package dev.weft.nodes.utility.file;

import dev.weft.nodes.utility.io.NodeIo;
import dev.weft.spi.Item;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turning items into table rows and cells into JSON values. */
final class Cells {
  private Cells() {}

  /** Column names: every key of every item, in order of first appearance. */
  static List<String> columns(List<Item> items) {
    Set<String> columns = new LinkedHashSet<>();
    for (Item item : items) {
      columns.addAll(item.json().keySet());
    }
    return List.copyOf(columns);
  }

  /** A value as cell text: objects and arrays as JSON, null as empty. */
  static String text(NodeContext context, Object value) throws NodeException {
    if (value == null) {
      return "";
    }
    if (value instanceof Map || value instanceof List) {
      return NodeIo.writeJson(context, value, false);
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return value.toString();
  }

  /** A cell's text read as a number or boolean where it plainly is one (HTML tables), else the text. */
  static Object infer(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return text;
    }
    if ("true".equalsIgnoreCase(t) || "false".equalsIgnoreCase(t)) {
      return Boolean.parseBoolean(t.toLowerCase(java.util.Locale.ROOT));
    }
    if (t.matches("-?(0|[1-9]\\d{0,17})")) {
      return Long.parseLong(t);
    }
    if (t.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][-+]?\\d+)?")) {
      return Double.parseDouble(t);
    }
    return text;
  }
}
