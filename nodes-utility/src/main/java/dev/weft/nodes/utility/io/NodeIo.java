package dev.weft.nodes.utility.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing item data for the file and format nodes: text from a field or a binary property, JSON text
 * through the engine's {@link ObjectMapper}, and items as plain JSON values (for node state that must survive a
 * suspension). Every failure names the parameter and item at fault.
 */
public final class NodeIo {
  private NodeIo() {}

  /** The engine's JSON mapper (integers as {@code Long}). */
  public static ObjectMapper mapper(NodeContext context) {
    return context.service(ObjectMapper.class);
  }

  /**
   * Parses JSON text.
   *
   * @throws NodeException naming {@code parameter} and the item when the text is not JSON
   */
  public static Object parseJson(NodeContext context, String text, String parameter, int itemIndex)
      throws NodeException {
    try {
      return mapper(context).readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw NodeException.parameter(parameter, itemIndex,
          "'" + parameter + "' is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Indents as JavaScript's {@code JSON.stringify(value, null, 2)} does, which is what n8n users see. */
  private static final DefaultPrettyPrinter JS_PRETTY = new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"))
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator(""));

  /** A writer of JSON text, compact or indented with two spaces as {@code JSON.stringify(value, null, 2)}. */
  public static ObjectWriter jsonWriter(NodeContext context, boolean pretty) {
    return pretty ? mapper(context).writer(JS_PRETTY) : mapper(context).writer();
  }

  /** JSON text of a value, compact or indented with two spaces. */
  public static String writeJson(NodeContext context, Object value, boolean pretty) throws NodeException {
    try {
      return jsonWriter(context, pretty).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new NodeException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A charset by name, or a failure naming the parameter. */
  public static Charset charset(String name, String parameter, int itemIndex) throws NodeException {
    if (name == null || name.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name.trim());
    } catch (IllegalArgumentException e) {
      throw NodeException.parameter(parameter, itemIndex, "'" + name + "' is not a known character encoding");
    }
  }

  /**
   * The binary attachment {@code property} of an item.
   *
   * @throws NodeException naming the property, the parameter that named it and the item when it is missing
   */
  public static BinaryData binary(Item item, String property, String parameter, int itemIndex) throws NodeException {
    if (property == null || property.isBlank()) {
      throw NodeException.parameter(parameter, itemIndex, "parameter '" + parameter + "' is empty: name the binary property to read");
    }
    BinaryData data = item.binary().get(property);
    if (data == null) {
      throw NodeException.parameter(parameter, itemIndex, "the item has no binary property '"
          + property + "'" + (item.binary().isEmpty() ? " (it has no binary data)" : " (it has " + item.binary().keySet() + ")"));
    }
    return data;
  }

  /** Reads a binary attachment as text. */
  public static String binaryText(NodeContext context, Item item, String property, String parameter, int itemIndex,
      Charset charset) throws NodeException {
    BinaryData data = binary(item, property, parameter, itemIndex);
    try {
      return new String(context.binaries().readAll(data), charset);
    } catch (IOException e) {
      throw NodeException.item(itemIndex, "binary property '" + property
          + "' could not be read: " + e.getMessage(), e);
    }
  }

  /**
   * A text value at {@code path} in the item's JSON.
   *
   * @throws NodeException naming the field and item when it is missing or not text (numbers and booleans are turned
   *     into text)
   */
  public static String fieldText(Item item, String path, String parameter, int itemIndex) throws NodeException {
    if (path == null || path.isBlank()) {
      throw NodeException.parameter(parameter, itemIndex, "parameter '" + parameter + "' is empty: name the field to read");
    }
    Object value = Json.get(item.json(), path);
    if (value == null) {
      throw NodeException.parameter(parameter, itemIndex, "the item has no field '" + path + "'");
    }
    if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw NodeException.parameter(parameter, itemIndex, "field '" + path
        + "' holds " + Json.typeOf(value) + ", not text");
  }

  /** A deep copy of the item's JSON, to modify. */
  public static Map<String, Object> copy(Item item) {
    return Json.copy(item.json());
  }

  /** An item as plain JSON values: {@code {"json": {...}, "binary": {"data": {"id", "mimeType", "fileName", "size"}}}}. */
  public static Map<String, Object> toPlain(Item item) {
    Map<String, Object> plain = new LinkedHashMap<>();
    plain.put("json", item.json());
    if (!item.binary().isEmpty()) {
      Map<String, Object> binary = new LinkedHashMap<>();
      for (Map.Entry<String, BinaryData> e : item.binary().entrySet()) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", e.getValue().id());
        ref.put("mimeType", e.getValue().mimeType());
        ref.put("fileName", e.getValue().fileName());
        ref.put("size", e.getValue().size());
        binary.put(e.getKey(), ref);
      }
      plain.put("binary", binary);
    }
    return plain;
  }

  /** The reverse of {@link #toPlain(Item)}. */
  @SuppressWarnings("unchecked")
  public static Item fromPlain(Object plain) {
    Map<String, Object> map = (Map<String, Object>) plain;
    Object json = map.get("json");
    Item item = Item.of(json instanceof Map ? (Map<String, Object>) json : Map.of());
    Object binary = map.get("binary");
    if (binary instanceof Map<?, ?> refs) {
      for (Map.Entry<?, ?> e : refs.entrySet()) {
        Map<String, Object> ref = (Map<String, Object>) e.getValue();
        Number size = (Number) ref.get("size");
        item = item.withBinary(String.valueOf(e.getKey()), new BinaryData((String) ref.get("id"),
            (String) ref.get("mimeType"), (String) ref.get("fileName"), size == null ? 0 : size.longValue()));
      }
    }
    return item;
  }

  /** Items as plain JSON values. */
  public static List<Object> toPlain(List<Item> items) {
    List<Object> list = new ArrayList<>(items.size());
    for (Item item : items) {
      list.add(toPlain(item));
    }
    return list;
  }
}
