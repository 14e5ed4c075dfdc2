package dev.weft.nodes.utility.combine;

import dev.weft.nodes.utility.common.JsonValues;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.PairedItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How Merge combines items of several inputs into one when their fields clash: the earlier or the later input wins
 * ({@code preferInput1} / {@code preferInput2}, nested objects merged deeply or replaced whole), or every field gets
 * the number of its input as a suffix ({@code addSuffix}: {@code name_1}, {@code name_2}).
 */
record Clash(String resolve, boolean deep, boolean overrideEmpty) {

  /** One item's part in a combination: the item and where it came from. */
  record Part(Item item, int itemIndex, int input) {}

  /** Combines parts given in input order into one item, paired with all of them. */
  Item combine(List<Part> parts) {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, BinaryData> binary = new LinkedHashMap<>();
    List<PairedItem> sources = new ArrayList<>(parts.size());
    if (resolve.equals("addSuffix")) {
      for (Part p : parts) {
        String suffix = "_" + (p.input() + 1);
        p.item().json().forEach((k, v) -> json.put(k + suffix, Json.copy(v)));
        p.item().binary().forEach((k, v) -> binary.put(k + suffix, v));
      }
    } else {
      List<Part> order = new ArrayList<>(parts);
      if (resolve.equals("preferInput1")) {
        java.util.Collections.reverse(order);
      }
      // later parts in 'order' win
      for (Part p : order) {
        overlay(json, p.item().json());
        binary.putAll(p.item().binary());
      }
    }
    for (Part p : parts) {
      sources.add(new PairedItem(p.itemIndex(), p.input()));
    }
    return Item.of(json).withBinary(binary).pairedWith(sources);
  }

  @SuppressWarnings("unchecked")
  private void overlay(Map<String, Object> target, Map<String, Object> source) {
    for (Map.Entry<String, Object> e : source.entrySet()) {
      Object incoming = e.getValue();
      if (overrideEmpty && empty(incoming) && target.containsKey(e.getKey()) && !empty(target.get(e.getKey()))) {
        continue;
      }
      if (deep && target.get(e.getKey()) instanceof Map<?, ?> existing && incoming instanceof Map<?, ?> in) {
        Map<String, Object> merged = Json.copy((Map<String, Object>) existing);
        JsonValues.deepMerge(merged, (Map<String, Object>) in);
        target.put(e.getKey(), merged);
      } else {
        target.put(e.getKey(), Json.copy(incoming));
      }
    }
  }

  private static boolean empty(Object v) {
    return v == null || v instanceof CharSequence s && s.length() == 0;
  }
}
