package dev.weft.nodes.utility.items;

import dev.weft.nodes.utility.common.FieldPaths;
import dev.weft.nodes.utility.common.JsonValues;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code weft.sort}: sorts items by fields (each ascending or descending), by a key expression evaluated per item,
 * or into a random order. Sorting is stable. Values of mixed types are ordered numbers, text, booleans, lists,
 * objects, and missing values last (first when descending).
 */
public final class SortNode implements Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.sort")
      .displayName("Sort")
      .group("transform")
      .description("Sorts items by fields, by an expression or randomly.")
      .icon("fa:sort-amount-down")
      .parameters(
          ParameterSpec.options("mode", Option.of("fields", "By fields"), Option.of("expression", "By expression"),
              Option.of("random", "Random order")).displayName("Sort").noExpressions(),
          ParameterSpec.list("fields",
                  ParameterSpec.string("field").displayName("Field").required().noExpressions().build(),
                  ParameterSpec.options("order", "ascending", "descending").displayName("Order").build())
              .displayName("Fields to sort by").defaultValue(List.of()).noExpressions()
              .description("Compared in order: the second field breaks ties of the first")
              .displayWhen("mode", "fields"),
          ParameterSpec.bool("dotNotation").defaultValue(true).displayName("Support dot notation")
              .displayWhen("mode", "fields"),
          ParameterSpec.string("key").displayName("Sort key").required()
              .description("An expression evaluated for each item, such as {{ $json.lastName & $json.firstName }}")
              .displayWhen("mode", "expression"),
          ParameterSpec.options("order", "ascending", "descending").displayName("Order")
              .displayWhen("mode", "expression"),
          ParameterSpec.number("seed").displayName("Random seed")
              .description("Makes the random order repeatable; empty for a new order each run")
              .displayWhen("mode", "random"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  private record Entry(Item item, int index, Object[] keys) {}

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    if (items.isEmpty()) {
      return NodeOutput.none();
    }
    String mode = context.rawParameter("mode") == null ? "fields" : String.valueOf(context.rawParameter("mode"));
    List<Entry> entries = new ArrayList<>(items.size());
    Comparator<Entry> order;
    switch (mode) {
      case "random" -> {
        Number seed = context.parameter("seed", 0, Number.class);
        for (int i = 0; i < items.size(); i++) {
          entries.add(new Entry(items.get(i), i, null));
        }
        Collections.shuffle(entries, seed == null ? new Random() : new Random(seed.longValue()));
        return output(entries);
      }
      case "expression" -> {
        for (int i = 0; i < items.size(); i++) {
          entries.add(new Entry(items.get(i), i, new Object[] {context.parameter("key", i)}));
        }
        order = keyOrder(0, "descending".equals(context.string("order", 0)));
      }
      default -> {
        List<?> fields = context.parameter("fields", 0) instanceof List<?> l ? l : List.of();
        if (fields.isEmpty()) {
          throw NodeException.parameter("fields", 0, "'fields' is empty: name at least one field to sort by");
        }
        boolean dot = context.bool("dotNotation", 0);
        String[] names = new String[fields.size()];
        order = null;
        for (int f = 0; f < fields.size(); f++) {
          Map<?, ?> field = fields.get(f) instanceof Map<?, ?> m ? m : Map.of();
          Object name = field.get("field");
          if (name == null || String.valueOf(name).isBlank()) {
            throw NodeException.parameter("fields[" + f + "].field", 0, "sort field " + f + " has no name");
          }
          names[f] = String.valueOf(name);
          Comparator<Entry> byField = keyOrder(f, "descending".equals(field.get("order")));
          order = order == null ? byField : order.thenComparing(byField);
        }
        for (int i = 0; i < items.size(); i++) {
          Object[] keys = new Object[names.length];
          for (int f = 0; f < names.length; f++) {
            try {
              keys[f] = FieldPaths.get(items.get(i).json(), names[f], dot);
            } catch (IllegalArgumentException e) {
              throw NodeException.parameter("fields[" + f + "].field", i, "sort field '" + names[f]
                  + "' is not a valid path: " + e.getMessage());
            }
          }
          entries.add(new Entry(items.get(i), i, keys));
        }
        boolean anyFound = false;
        for (int f = 0; f < names.length && !anyFound; f++) {
          for (Item item : items) {
            if (FieldPaths.has(item.json(), names[f], dot)) {
              anyFound = true;
              break;
            }
          }
        }
        if (!anyFound) {
          throw new NodeException("none of the sort fields " + List.of(names) + " is present in any input item",
              "fields", -1, dot ? null : "Dot notation is off: a name such as 'a.b' is one key, not b inside a.", null);
        }
      }
    }
    entries.sort(order);
    return output(entries);
  }

  private static Comparator<Entry> keyOrder(int key, boolean descending) {
    Comparator<Entry> c = (a, b) -> JsonValues.compare(a.keys()[key], b.keys()[key]);
    return descending ? c.reversed() : c;
  }

  private static NodeOutput output(List<Entry> entries) {
    List<Item> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.item().pairedWith(e.index()));
    }
    return NodeOutput.of(out);
  }
}
