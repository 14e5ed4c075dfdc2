package dev.weft.nodes.utility.items;

import dev.weft.nodes.utility.common.FieldPaths;
import dev.weft.spi.BinaryData;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weft.aggregate}: combines all items into one. Either each named field becomes a list of that field's
 * values ({@code individualFields}), or the items' data becomes one list of objects ({@code allItemData}).
 */
public final class AggregateNode implements Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.aggregate")
      .displayName("Aggregate")
      .group("transform")
      .description("Combines the fields of all items into lists in a single item.")
      .icon("fa:layer-group")
      .parameters(
          ParameterSpec.options("aggregate", Option.of("individualFields", "Individual fields"),
              Option.of("allItemData", "All item data into one list")).displayName("Aggregate").noExpressions(),
          ParameterSpec.list("fields",
                  ParameterSpec.string("field").displayName("Input field").required().noExpressions().build(),
                  ParameterSpec.string("outputField").displayName("Output field").noExpressions()
                      .description("The list's name; the input field's (last) name by default").build())
              .displayName("Fields to aggregate").defaultValue(List.of()).noExpressions()
              .displayWhen("aggregate", "individualFields"),
          ParameterSpec.bool("mergeLists").defaultValue(false).displayName("Merge lists")
              .description("When a value is itself a list, add its elements rather than the list")
              .displayWhen("aggregate", "individualFields"),
          ParameterSpec.bool("keepMissing").defaultValue(false).displayName("Keep missing and null values")
              .description("Add null for items where the field is missing or null, instead of skipping them")
              .displayWhen("aggregate", "individualFields"),
          ParameterSpec.bool("continueIfFieldNotFound").defaultValue(false).displayName("Continue if a field is missing")
              .description("Give an empty list for a field no item has, instead of failing")
              .displayWhen("aggregate", "individualFields"),
          ParameterSpec.string("destination").defaultValue("data").displayName("Put output in field")
              .displayWhen("aggregate", "allItemData"),
          ParameterSpec.options("include", Option.of("all", "All fields"), Option.of("selected", "Selected fields"),
                  Option.of("except", "All fields except"))
              .displayName("Include").noExpressions().displayWhen("aggregate", "allItemData"),
          ParameterSpec.string("includeFields").displayName("Fields").placeholder("id, name")
              .description("Comma-separated field names").displayWhen("include", "selected", "except"),
          ParameterSpec.bool("dotNotation").defaultValue(true).displayName("Support dot notation"),
          ParameterSpec.bool("includeBinary").defaultValue(false).displayName("Include binary data")
              .description("Keep the items' binary attachments on the output item; later ones win on a name clash"))
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
    boolean dot = context.bool("dotNotation", 0);
    Map<String, Object> json = "allItemData".equals(context.rawParameter("aggregate"))
        ? allItemData(items, context, dot)
        : individualFields(items, context, dot);
    Item out = Item.of(json);
    if (context.bool("includeBinary", 0)) {
      Map<String, BinaryData> binary = new LinkedHashMap<>();
      for (Item item : items) {
        binary.putAll(item.binary());
      }
      out = out.withBinary(binary);
    }
    List<PairedItem> sources = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      sources.add(PairedItem.of(i));
    }
    return NodeOutput.of(List.of(out.pairedWith(sources)));
  }

  private static Map<String, Object> individualFields(List<Item> items, NodeContext context, boolean dot)
      throws NodeException {
    List<?> fields = context.parameter("fields", 0) instanceof List<?> l ? l : List.of();
    if (fields.isEmpty()) {
      throw NodeException.parameter("fields", 0, "'fields' is empty: name at least one field to aggregate");
    }
    boolean merge = context.bool("mergeLists", 0);
    boolean keepMissing = context.bool("keepMissing", 0);
    boolean continueIfMissing = context.bool("continueIfFieldNotFound", 0);
    Map<String, Object> out = new LinkedHashMap<>();
    for (int f = 0; f < fields.size(); f++) {
      Map<?, ?> spec = fields.get(f) instanceof Map<?, ?> m ? m : Map.of();
      Object nameValue = spec.get("field");
      if (nameValue == null || String.valueOf(nameValue).isBlank()) {
        throw NodeException.parameter("fields[" + f + "].field", 0, "field " + f + " to aggregate has no name");
      }
      String field = String.valueOf(nameValue).trim();
      Object renamed = spec.get("outputField");
      String output = renamed != null && !String.valueOf(renamed).isBlank() ? String.valueOf(renamed).trim()
          : dot && field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
      if (out.containsKey(output)) {
        throw NodeException.parameter("fields[" + f + "].outputField", 0, "output field '" + output
            + "' is used by two aggregated fields; give one of them another output name");
      }
      List<Object> values = new ArrayList<>();
      boolean found = false;
      for (Item item : items) {
        boolean present = FieldPaths.has(item.json(), field, dot);
        found |= present;
        Object value = present ? FieldPaths.get(item.json(), field, dot) : null;
        if (value == null) {
          if (keepMissing) {
            values.add(null);
          }
        } else if (merge && value instanceof List<?> list) {
          values.addAll(Json.copy(list));
        } else {
          values.add(Json.copy(value));
        }
      }
      if (!found && !continueIfMissing) {
        throw new NodeException("field '" + field + "' is not in any input item", "fields[" + f + "].field", -1,
            "Set 'continueIfFieldNotFound' to aggregate it as an empty list"
                + (!dot && field.contains(".") ? "; dot notation is off, so '" + field + "' is one key" : "") + ".",
            null);
      }
      out.put(output, values);
    }
    return out;
  }

  private static Map<String, Object> allItemData(List<Item> items, NodeContext context, boolean dot)
      throws NodeException {
    String destination = context.string("destination", 0);
    if (destination == null || destination.isBlank()) {
      throw NodeException.parameter("destination", 0, "'destination' is empty: name the field to put the list in");
    }
    String include = context.string("include", 0);
    include = include == null ? "all" : include;
    List<String> names = FieldPaths.names(context.parameter("includeFields", 0));
    if (!include.equals("all") && names.isEmpty()) {
      throw NodeException.parameter("includeFields", 0, "'includeFields' is empty: name the fields to "
          + (include.equals("selected") ? "include" : "leave out"));
    }
    List<Object> data = new ArrayList<>(items.size());
    for (Item item : items) {
      Map<String, Object> json = item.json();
      Map<String, Object> entry;
      if (include.equals("selected")) {
        entry = new LinkedHashMap<>();
        for (String name : names) {
          if (FieldPaths.has(json, name, dot)) {
            FieldPaths.set(entry, name, Json.copy(FieldPaths.get(json, name, dot)), dot);
          }
        }
      } else {
        entry = Json.copy(json);
        if (include.equals("except")) {
          for (String name : names) {
            FieldPaths.remove(entry, name, dot);
          }
        }
      }
      data.add(entry);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(destination.trim(), data);
    return out;
  }
}
