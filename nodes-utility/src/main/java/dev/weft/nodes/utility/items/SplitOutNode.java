package dev.weft.nodes.utility.items;

import dev.weft.nodes.utility.common.FieldPaths;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weft.splitOut}: turns a list field of each item into one item per element. An object field splits into its
 * values; any other value makes one item. Several fields (comma-separated) split side by side: element k of each.
 *
 * <p>Without other fields and without a destination name, an element that is an object becomes the item itself;
 * otherwise the element is stored under the destination name (the field's own name by default). An item whose field
 * is {@code null} passes through unchanged. A field no input item has fails the node as a whole; one that only some
 * items lack fails those items (or, with {@code continueIfFieldNotFound}, gives no items for them).
 */
public final class SplitOutNode implements Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.splitOut")
      .displayName("Split Out")
      .group("transform")
      .description("Turns a list inside each item into separate items.")
      .icon("fa:sign-out-alt")
      .parameters(
          ParameterSpec.string("field").displayName("Field to split out").required().placeholder("orders")
              .description("The list field; several comma-separated fields split side by side"),
          ParameterSpec.options("include", Option.of("none", "No other fields"),
              Option.of("all", "All other fields"), Option.of("selected", "Selected other fields"))
              .displayName("Include").noExpressions(),
          ParameterSpec.string("includeFields").displayName("Fields to include").placeholder("customer, date")
              .description("Comma-separated field names").displayWhen("include", "selected"),
          ParameterSpec.string("destination").displayName("Destination field name")
              .description("Where each element goes; the split field's name by default (comma-separated for several)"),
          ParameterSpec.bool("dotNotation").defaultValue(true).displayName("Support dot notation"),
          ParameterSpec.bool("continueIfFieldNotFound").defaultValue(false).displayName("Continue if the field is missing")
              .description("An item without the field gives no items, instead of failing"),
          ParameterSpec.bool("includeBinary").defaultValue(false).displayName("Include binary data")
              .description("Copy the item's binary data to each new item"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    requireFieldsInSomeItem(items, context);
    for (int i = 0; i < items.size(); i++) {
      try {
        for (Item produced : split(items.get(i), i, context)) {
          out.add(0, produced);
        }
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  /**
   * A field that no item has is a mistake in the parameters (a misspelt name, a field from another node), not in the
   * data: the node fails as a whole, before splitting anything. A field only some items lack fails just those items.
   */
  private static void requireFieldsInSomeItem(List<Item> items, NodeContext context) throws NodeException {
    if (items.isEmpty() || context.bool("continueIfFieldNotFound", 0)) {
      return;
    }
    boolean dot = context.bool("dotNotation", 0);
    for (String field : FieldPaths.names(context.parameter("field", 0))) {
      if (items.stream().noneMatch(it -> FieldPaths.has(it.json(), field, dot))) {
        throw new NodeException("field '" + field + "' to split out is not in any input item", "field", -1,
            !dot && field.contains(".") ? "Dot notation is off: '" + field + "' is one key, not a nested field."
                : "Check the field's spelling against the input items, or set 'continueIfFieldNotFound'.",
            null);
      }
    }
  }

  private static List<Item> split(Item item, int i, NodeContext context) throws NodeException {
    boolean dot = context.bool("dotNotation", i);
    List<String> fields = FieldPaths.names(context.parameter("field", i));
    if (fields.isEmpty()) {
      throw NodeException.parameter("field", i, "'field' is empty: name the list field to split out");
    }
    List<String> destinations = FieldPaths.names(context.parameter("destination", i));
    if (!destinations.isEmpty() && destinations.size() != fields.size()) {
      throw NodeException.parameter("destination", i, "" + destinations.size()
          + " destination names for " + fields.size() + " fields; give one per field");
    }
    String include = context.string("include", i);
    include = include == null ? "none" : include;
    Map<String, Object> json = item.json();
    List<List<?>> lists = new ArrayList<>();
    int length = 0;
    boolean allNull = true;
    for (String field : fields) {
      if (!FieldPaths.has(json, field, dot)) {
        if (context.bool("continueIfFieldNotFound", i)) {
          return List.of();
        }
        throw new NodeException("field '" + field + "' to split out is not in the item", "field", i,
            !dot && field.contains(".") ? "Dot notation is off: '" + field + "' is one key, not a nested field." : null,
            null);
      }
      Object value = FieldPaths.get(json, field, dot);
      List<?> elements;
      if (value == null) {
        elements = List.of();
      } else {
        allNull = false;
        elements = value instanceof List<?> l ? l : value instanceof Map<?, ?> m ? new ArrayList<>(m.values())
            : List.of(value);
      }
      lists.add(elements);
      length = Math.max(length, elements.size());
    }
    if (allNull) {
      return List.of(item.pairedWith(i));
    }
    Map<String, Object> base = new LinkedHashMap<>();
    if (include.equals("all")) {
      base = Json.copy(json);
      for (String field : fields) {
        FieldPaths.remove(base, field, dot);
      }
    } else if (include.equals("selected")) {
      for (String name : FieldPaths.names(context.parameter("includeFields", i))) {
        if (FieldPaths.has(json, name, dot)) {
          FieldPaths.set(base, name, Json.copy(FieldPaths.get(json, name, dot)), dot);
        }
      }
    }
    boolean spread = include.equals("none") && destinations.isEmpty() && fields.size() == 1;
    boolean binary = context.bool("includeBinary", i);
    List<Item> out = new ArrayList<>(length);
    for (int k = 0; k < length; k++) {
      Map<String, Object> produced = Json.copy(base);
      for (int f = 0; f < fields.size(); f++) {
        if (k >= lists.get(f).size()) {
          continue;
        }
        Object element = Json.copy(lists.get(f).get(k));
        if (spread && element instanceof Map<?, ?> map) {
          for (Map.Entry<?, ?> e : map.entrySet()) {
            produced.put(String.valueOf(e.getKey()), e.getValue());
          }
        } else {
          FieldPaths.set(produced, destinations.isEmpty() ? fields.get(f) : destinations.get(f), element, dot);
        }
      }
      Item result = Item.of(produced);
      if (binary && !item.binary().isEmpty()) {
        result = result.withBinary(item.binary());
      }
      out.add(result.pairedWith(i));
    }
    return out;
  }
}
