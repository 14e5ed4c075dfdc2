package dev.weft.nodes.utility.edit;

import dev.weft.nodes.utility.common.FieldPaths;
import dev.weft.nodes.utility.common.JsonValues;
import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weft.set} (Edit Fields): sets fields on each item, either from a list of typed name/value pairs
 * ({@code manual}) or from a JSON object ({@code json}), on top of all, none, some or all-but-some of the item's
 * existing fields.
 */
public final class SetNode implements ItemNode {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.set")
      .displayName("Edit Fields (Set)")
      .group("transform")
      .description("Sets, adds or replaces fields of each item.")
      .icon("fa:pen")
      .parameters(
          ParameterSpec.options("mode", Option.of("manual", "Manual mapping"), Option.of("json", "JSON"))
              .displayName("Mode").noExpressions(),
          ParameterSpec.list("fields",
                  ParameterSpec.string("name").displayName("Name").required()
                      .description("The field to set; with dot notation 'a.b' sets b inside a").build(),
                  ParameterSpec.options("type", "string", "number", "boolean", "array", "object", "any")
                      .displayName("Type")
                      .description("number: numbers, numeric text (blank text is 0), true/false as 1/0; boolean: "
                          + "true/false in any case, 1/0; array and object: themselves or JSON text; string: any "
                          + "value, lists and objects as JSON; any: the value as it is (an expression's result keeps "
                          + "its type)")
                      .build(),
                  ParameterSpec.string("value").displayName("Value").build())
              .displayName("Fields to set").defaultValue(List.of()).displayWhen("mode", "manual"),
          ParameterSpec.json("json").displayName("JSON").defaultValue(Map.of())
              .description("An object whose fields are set on the item; may be a template").displayWhen("mode", "json"),
          ParameterSpec.options("include", Option.of("all", "All input fields"), Option.of("none", "No input fields"),
                  Option.of("selected", "Selected input fields"), Option.of("except", "All input fields except"))
              .displayName("Input fields to keep").noExpressions(),
          ParameterSpec.string("includeFields").displayName("Fields").placeholder("id, customer.name")
              .description("Comma-separated field names").displayWhen("include", "selected", "except"),
          ParameterSpec.bool("dotNotation").defaultValue(true).displayName("Support dot notation")
              .description("Treat 'a.b' as field b inside a; off: a field literally named 'a.b'"),
          ParameterSpec.bool("ignoreConversionErrors").defaultValue(false).displayName("Ignore type conversion errors")
              .description("Keep a value that does not convert to its field's type as it is, instead of failing"),
          ParameterSpec.bool("keepBinary").defaultValue(true).displayName("Keep binary data"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Item process(Item item, int i, NodeContext context) throws Exception {
    boolean dot = context.bool("dotNotation", i);
    Map<String, Object> out = base(item.json(), context, i, dot);
    if ("json".equals(context.string("mode", i))) {
      Object value = context.parameter("json", i);
      if (value instanceof CharSequence text) {
        value = text.toString().isBlank() ? Map.of() : JsonValues.parse(context, text.toString(), "json", i);
      }
      if (!(value instanceof Map<?, ?> map)) {
        throw NodeException.parameter("json", i, "'json' must be an object, got " + Json.typeOf(value));
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        FieldPaths.set(out, String.valueOf(e.getKey()), Json.copy(e.getValue()), dot);
      }
    } else {
      boolean ignoreErrors = context.bool("ignoreConversionErrors", i);
      Object fields = context.parameter("fields", i);
      List<?> list = fields instanceof List<?> l ? l : List.of();
      for (int f = 0; f < list.size(); f++) {
        Map<?, ?> field = list.get(f) instanceof Map<?, ?> m ? m : Map.of();
        Object name = field.get("name");
        if (name == null || String.valueOf(name).isBlank()) {
          throw NodeException.parameter("fields[" + f + "].name", i, "field " + f + " has no name");
        }
        String type = field.get("type") == null ? "string" : String.valueOf(field.get("type"));
        Object value = convert(field.get("value"), type, ignoreErrors, context, String.valueOf(name), f, i);
        try {
          FieldPaths.set(out, String.valueOf(name), value, dot);
        } catch (IllegalArgumentException e) {
          throw NodeException.parameter("fields[" + f + "].name", i, "field name '" + name
              + "' is not a valid path: " + e.getMessage());
        }
      }
    }
    Item result = item.withJson(out);
    if (!context.bool("keepBinary", i) && !item.binary().isEmpty()) {
      result = result.withBinary(Map.of());
    }
    return result.pairedWith(i);
  }

  private static Map<String, Object> base(Map<String, Object> json, NodeContext context, int i, boolean dot)
      throws NodeException {
    String include = context.string("include", i);
    if (include == null || include.equals("all")) {
      return Json.copy(json);
    }
    if (include.equals("none")) {
      return new LinkedHashMap<>();
    }
    List<String> names = FieldPaths.names(context.parameter("includeFields", i));
    if (include.equals("selected")) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (String name : names) {
        if (FieldPaths.has(json, name, dot)) {
          FieldPaths.set(out, name, Json.copy(FieldPaths.get(json, name, dot)), dot);
        }
      }
      return out;
    }
    Map<String, Object> out = Json.copy(json);
    for (String name : names) {
      FieldPaths.remove(out, name, dot);
    }
    return out;
  }

  private static Object convert(Object value, String type, boolean ignoreErrors, NodeContext context, String name,
      int f, int i) throws NodeException {
    if (!List.of("string", "number", "boolean", "array", "object", "any").contains(type)) {
      throw NodeException.parameter("fields[" + f + "].type", i, "field '" + name + "': unknown type '"
          + type + "'; use string, number, boolean, array, object or any");
    }
    if (type.equals("any")) {
      return Json.copy(value);
    }
    try {
      return switch (type) {
        case "string" -> value == null ? null : JsonValues.text(context, value);
        case "number" -> JsonValues.parseNumber(value);
        case "boolean" -> JsonValues.parseBoolean(value);
        case "array" -> structured(value, List.class, context);
        default -> structured(value, Map.class, context);
      };
    } catch (IllegalArgumentException e) {
      if (ignoreErrors) {
        return value;
      }
      String shown = value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
      throw new NodeException("field '" + name + "': the value " + shown + " cannot be converted to "
          + (type.equals("array") || type.equals("object") ? "an " : "a ") + type, "fields[" + f + "].value", i,
          "Set the field's type to match the value, or turn on 'ignoreConversionErrors' to keep such values as they are.",
          null);
    }
  }

  /** A list or map from itself or from JSON text; IllegalArgumentException when it is neither. */
  private static Object structured(Object value, Class<?> type, NodeContext context) {
    if (value == null) {
      return null;
    }
    Object v = value;
    if (v instanceof CharSequence text) {
      if (text.toString().isBlank()) {
        return null;
      }
      try {
        v = context.service(com.fasterxml.jackson.databind.ObjectMapper.class).readValue(text.toString(), Object.class);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException("not JSON", e);
      }
    }
    if (!type.isInstance(v)) {
      throw new IllegalArgumentException("not " + type.getSimpleName());
    }
    return Json.copy(v);
  }
}
