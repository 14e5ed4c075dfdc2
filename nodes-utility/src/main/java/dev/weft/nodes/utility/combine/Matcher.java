package dev.weft.nodes.utility.combine;

import dev.weft.nodes.utility.common.FieldPaths;
import dev.weft.nodes.utility.common.JsonValues;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches the items of two inputs by pairs of fields (field a of input A equals field b of input B), through a hash
 * index: linear in the number of items. An item whose match field is missing or {@code null} (with fuzzy compare:
 * any empty value) matches nothing.
 */
final class Matcher {
  private final List<String[]> pairs;
  private final boolean fuzzy;
  private final boolean dot;

  private Matcher(List<String[]> pairs, boolean fuzzy, boolean dot) {
    this.pairs = pairs;
    this.fuzzy = fuzzy;
    this.dot = dot;
  }

  /**
   * Reads the field pairs from a list parameter whose entries name a field of each input.
   *
   * @param names the two entry keys, such as {@code input1Field} and {@code input2Field}
   * @param labels how the inputs are called in messages, such as {@code input 1} and {@code input 2}
   */
  static Matcher of(NodeContext context, String parameter, String[] names, String[] labels, List<Item> a,
      List<Item> b) throws NodeException {
    boolean dot = context.bool("dotNotation", 0);
    boolean fuzzy = context.bool("fuzzyCompare", 0);
    List<?> list = context.parameter(parameter, 0) instanceof List<?> l ? l : List.of();
    if (list.isEmpty()) {
      throw NodeException.parameter(parameter, 0, "'" + parameter + "' is empty: name at least one pair of fields to match");
    }
    List<String[]> pairs = new ArrayList<>();
    for (int p = 0; p < list.size(); p++) {
      Map<?, ?> entry = list.get(p) instanceof Map<?, ?> m ? m : Map.of();
      String[] pair = new String[2];
      for (int side = 0; side < 2; side++) {
        Object name = entry.get(names[side]);
        if (name == null || String.valueOf(name).isBlank()) {
          throw NodeException.parameter(parameter + "[" + p + "]." + names[side], 0, "match " + p + " names no field of "
              + labels[side]);
        }
        pair[side] = String.valueOf(name).trim();
        List<Item> items = side == 0 ? a : b;
        String field = pair[side];
        if (!items.isEmpty() && items.stream().noneMatch(it -> FieldPaths.has(it.json(), field, dot))) {
          throw new NodeException("field '" + field + "' is not in any item of " + labels[side],
              parameter + "[" + p + "]." + names[side], -1,
              !dot && field.contains(".") ? "Dot notation is off: '" + field + "' is one key, not a nested field."
                  : "Check the field's spelling against the items of " + labels[side] + ".", null);
        }
      }
      pairs.add(pair);
    }
    return new Matcher(pairs, fuzzy, dot);
  }

  /** The match key of an item of input {@code side} (0 or 1), or {@code null} when a match field is missing. */
  Object key(Item item, int side) {
    List<Object> key = new ArrayList<>(pairs.size());
    for (String[] pair : pairs) {
      Object v = FieldPaths.get(item.json(), pair[side], dot);
      Object k = v == null ? null : JsonValues.key(v, fuzzy);
      if (k == null || "empty".equals(k)) {
        return null;
      }
      key.add(k);
    }
    return key;
  }

  /** For each item of {@code from} (side {@code side}), the indexes of the matching items of {@code to}. */
  List<List<Integer>> matches(List<Item> from, int side, List<Item> to) {
    Map<Object, List<Integer>> index = new HashMap<>();
    for (int j = 0; j < to.size(); j++) {
      Object k = key(to.get(j), 1 - side);
      if (k != null) {
        index.computeIfAbsent(k, x -> new ArrayList<>()).add(j);
      }
    }
    List<List<Integer>> out = new ArrayList<>(from.size());
    for (Item item : from) {
      Object k = key(item, side);
      out.add(k == null ? List.of() : index.getOrDefault(k, List.of()));
    }
    return out;
  }

  /** The match fields of input {@code side}. */
  List<String> fields(int side) {
    List<String> out = new ArrayList<>();
    for (String[] pair : pairs) {
      out.add(pair[side]);
    }
    return out;
  }

  boolean dotNotation() {
    return dot;
  }

  boolean fuzzy() {
    return fuzzy;
  }

  static boolean equal(Object a, Object b, boolean fuzzy) {
    return fuzzy ? JsonValues.key(a, true).equals(JsonValues.key(b, true)) : Json.equal(a, b);
  }
}
