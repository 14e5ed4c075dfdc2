package dev.weft.nodes.utility.edit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.nodes.utility.common.JsonValues;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code weft.code}: data code without JavaScript.
 *
 * <ul>
 *   <li>{@code json}: a literal list of objects (or of {@code {"json": {...}}} items) becomes one item each;</li>
 *   <li>{@code jsonata}, run for each item: the transform's result replaces the item's JSON (an object gives one
 *       item, a list of objects several, {@code null} none);</li>
 *   <li>{@code jsonata}, run once for all items: {@code $inputItems()} returns the JSON of all input items and the
 *       result (a list of objects, or one object) becomes the output items.</li>
 * </ul>
 */
public final class CodeNode implements Node {
  private static final Set<String> ITEM_KEYS = Set.of("json", "binary", "pairedItem");

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.code")
      .displayName("Code")
      .group("transform")
      .description("Produces items from literal JSON or transforms them with JSONata.")
      .icon("fa:code")
      .parameters(
          ParameterSpec.options("mode", Option.of("json", "Literal JSON items"), Option.of("jsonata", "JSONata"))
              .displayName("Mode").noExpressions(),
          ParameterSpec.json("items").displayName("Items").defaultValue(List.of())
              .description("A list of objects, one item each (an object alone makes one item)")
              .displayWhen("mode", "json"),
          ParameterSpec.string("expression").displayName("JSONata transform").noExpressions()
              .placeholder("{ \"name\": $uppercase(name) }")
              .description("Written without {{ }}; evaluated in an item's scope ($json is the item)")
              .displayWhen("mode", "jsonata"),
          ParameterSpec.options("runOnce", Option.of("eachItem", "Once for each item"),
                  Option.of("allItems", "Once for all items, with $inputItems()"))
              .displayName("Run").noExpressions().displayWhen("mode", "jsonata"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    String mode = context.rawParameter("mode") == null ? "json" : String.valueOf(context.rawParameter("mode"));
    if (mode.equals("json")) {
      return literal(context);
    }
    Object expr = context.rawParameter("expression");
    if (expr == null || String.valueOf(expr).isBlank()) {
      throw NodeException.parameter("expression", -1, "'expression' is empty: give the JSONata transform to apply");
    }
    String expression = String.valueOf(expr).trim();
    if (expression.startsWith("{{") && expression.endsWith("}}")) {
      expression = expression.substring(2, expression.length() - 2).trim();
    }
    return "allItems".equals(context.rawParameter("runOnce")) ? once(context, expression) : each(context, expression);
  }

  private static NodeOutput literal(NodeContext context) throws NodeException {
    int scope = 0;
    Object value = context.parameter("items", scope);
    if (value instanceof CharSequence text) {
      value = text.toString().isBlank() ? List.of() : JsonValues.parse(context, text.toString(), "items", scope);
    }
    List<Item> out = new ArrayList<>();
    List<?> entries = value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
    for (int e = 0; e < entries.size(); e++) {
      out.add(toItem(entries.get(e), "items", e, -1).pairedWith(paired(context)));
    }
    return NodeOutput.of(out);
  }

  private static NodeOutput each(NodeContext context, String expression) throws NodeException {
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        Object result = context.evaluate("{{ " + expression + " }}", i);
        List<?> results = result == null ? List.of() : result instanceof List<?> l ? l : List.of(result);
        for (int r = 0; r < results.size(); r++) {
          Item produced = toItem(results.get(r), "expression", r, i);
          out.add(0, items.get(i).withJson(produced.json()).pairedWith(i));
        }
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private static NodeOutput once(NodeContext context, String expression) throws NodeException {
    List<Item> items = context.items();
    List<Object> jsons = new ArrayList<>(items.size());
    for (Item item : items) {
      jsons.add(item.json());
    }
    String literal;
    try {
      literal = context.service(ObjectMapper.class).writeValueAsString(jsons);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new NodeException("the input items cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
    String program = "{{ ( $inputItems := function() { " + literal + " }; " + expression + " ) }}";
    Object result = context.evaluate(program, 0);
    List<?> results = result == null ? List.of() : result instanceof List<?> l ? l : List.of(result);
    List<Item> out = new ArrayList<>(results.size());
    List<PairedItem> all = paired(context);
    for (int r = 0; r < results.size(); r++) {
      Item produced = toItem(results.get(r), "expression", r, -1);
      out.add(results.size() == items.size() ? produced.pairedWith(r) : produced.pairedWith(all));
    }
    return NodeOutput.of(out);
  }

  private static List<PairedItem> paired(NodeContext context) {
    List<PairedItem> all = new ArrayList<>();
    for (int i = 0; i < context.items().size(); i++) {
      all.add(PairedItem.of(i));
    }
    return all;
  }

  @SuppressWarnings("unchecked")
  private static Item toItem(Object entry, String parameter, int index, int itemIndex) throws NodeException {
    if (!(entry instanceof Map<?, ?> map)) {
      String source = parameter.equals("items") ? "entry " + index + " of 'items'" : "result " + index
          + " of the transform" + (itemIndex >= 0 ? " for item " + itemIndex : "");
      throw NodeException.parameter(parameter, itemIndex, source + " is " + Json.typeOf(entry)
          + "; every entry must be an object");
    }
    if (map.get("json") instanceof Map<?, ?> inner && ITEM_KEYS.containsAll(map.keySet())) {
      return Item.of(Json.copy((Map<String, Object>) inner));
    }
    return Item.of(Json.copy((Map<String, Object>) map));
  }
}
