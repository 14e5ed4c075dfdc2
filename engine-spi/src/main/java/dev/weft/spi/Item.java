package dev.weft.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One unit of data flowing between nodes: a JSON object, optional binary attachments and its lineage.
 *
 * <p>The JSON is held as plain Java values ({@code Map<String, Object>}, {@code List<Object>}, {@code String},
 * {@code Number}, {@code Boolean} and {@code null}), which is what expressions read without conversion. Items are
 * shared between nodes without copying, so <b>a node never mutates the maps or lists of an item it received</b>: it
 * builds new ones (see {@link Json#copy(Object)} and {@link #withJson(Map)}).
 */
public final class Item {
  private static final Item EMPTY = new Item(Map.of(), Map.of(), List.of());

  private final Map<String, Object> json;
  private final Map<String, BinaryData> binary;
  private final List<PairedItem> pairedItems;

  private Item(Map<String, Object> json, Map<String, BinaryData> binary, List<PairedItem> pairedItems) {
    this.json = json;
    this.binary = binary;
    this.pairedItems = pairedItems;
  }

  /** An item with this JSON object and no binary data or lineage. */
  public static Item of(Map<String, Object> json) {
    return new Item(Objects.requireNonNull(json, "json"), Map.of(), List.of());
  }

  /** An item holding the key/value pairs given, in order: {@code Item.of("name", "Ada", "age", 36)}. */
  public static Item of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    Map<String, Object> json = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      json.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
    }
    return of(json);
  }

  /** An item with an empty JSON object, as a manual trigger emits it. */
  public static Item empty() {
    return EMPTY;
  }

  /** The item's JSON object. Treat it as read-only. */
  public Map<String, Object> json() {
    return json;
  }

  /** Binary attachments by property name (n8n calls the usual one {@code data}). */
  public Map<String, BinaryData> binary() {
    return binary;
  }

  /** The input items this item was made from; empty when the engine should infer it. */
  public List<PairedItem> pairedItems() {
    return pairedItems;
  }

  /**
   * A new item with this JSON object and this item's binary data. Lineage is not carried over: it says which input
   * item of the previous node this item came from, so the node making the new item pairs it anew (or leaves that to
   * {@link ItemNode} and the engine).
   */
  public Item withJson(Map<String, Object> newJson) {
    return new Item(Objects.requireNonNull(newJson, "json"), binary, List.of());
  }

  /** A new item with one more (or a replaced) binary attachment; lineage is not carried over (see {@link #withJson}). */
  public Item withBinary(String property, BinaryData data) {
    Map<String, BinaryData> copy = new LinkedHashMap<>(binary);
    copy.put(Objects.requireNonNull(property, "property"), Objects.requireNonNull(data, "data"));
    return new Item(json, Collections.unmodifiableMap(copy), List.of());
  }

  /** A new item with exactly these binary attachments; lineage is not carried over (see {@link #withJson}). */
  public Item withBinary(Map<String, BinaryData> attachments) {
    return new Item(json, attachments.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attachments)), List.of());
  }

  /** This item, marked as made from input item {@code itemIndex} of input 0. */
  public Item pairedWith(int itemIndex) {
    return new Item(json, binary, List.of(PairedItem.of(itemIndex)));
  }

  /** This item, marked as made from these input items. */
  public Item pairedWith(List<PairedItem> sources) {
    return new Item(json, binary, List.copyOf(sources));
  }

  /** This item paired with {@code itemIndex} unless it already names its sources. */
  public Item pairedWithIfAbsent(int itemIndex) {
    return pairedItems.isEmpty() ? pairedWith(itemIndex) : this;
  }

  /** Items are equal when their JSON and binary attachments are; lineage does not count. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Item other && json.equals(other.json) && binary.equals(other.binary);
  }

  @Override
  public int hashCode() {
    return json.hashCode() * 31 + binary.hashCode();
  }

  @Override
  public String toString() {
    return binary.isEmpty() ? "Item" + json : "Item" + json + " binary=" + binary.keySet();
  }
}
