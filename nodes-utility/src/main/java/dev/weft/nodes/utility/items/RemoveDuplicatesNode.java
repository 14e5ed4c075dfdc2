package dev.weft.nodes.utility.items;

import dev.weft.nodes.utility.common.FieldPaths;
import dev.weft.nodes.utility.common.JsonValues;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code weft.removeDuplicates}: keeps the first of the items that are equal in all fields, in the fields selected,
 * or in all fields but some. Equality is by JSON value: {@code 1} and {@code 1.0} are equal, {@code 1} and
 * {@code "1"} are not. With {@code removeOtherFields} the remaining items keep only the compared fields.
 */
public final class RemoveDuplicatesNode implements Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.removeDuplicates")
      .displayName("Remove Duplicates")
      .group("transform")
      .description("Removes items that repeat earlier items of the input.")
      .icon("fa:clone")
      .parameters(
          ParameterSpec.options("compare", Option.of("allFields", "All fields"),
              Option.of("allFieldsExcept", "All fields except"), Option.of("selectedFields", "Selected fields"))
              .displayName("Compare").noExpressions(),
          ParameterSpec.string("fields").displayName("Fields").placeholder("email, name.last")
              .description("Comma-separated field names").displayWhen("compare", "allFieldsExcept", "selectedFields"),
          ParameterSpec.bool("removeOtherFields").defaultValue(false).displayName("Remove other fields")
              .description("Keep only the compared fields in the items that remain: the selected fields, or every "
                  + "field but the excluded ones").displayWhen("compare", "allFieldsExcept", "selectedFields"),
          ParameterSpec.bool("dotNotation").defaultValue(true).displayName("Support dot notation"))
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
    String compare = context.rawParameter("compare") == null ? "allFields"
        : String.valueOf(context.rawParameter("compare"));
    boolean dot = context.bool("dotNotation", 0);
    List<String> fields = FieldPaths.names(context.parameter("fields", 0));
    if (!compare.equals("allFields") && fields.isEmpty()) {
      throw NodeException.parameter("fields", 0, "'fields' is empty: name the fields to "
          + (compare.equals("selectedFields") ? "compare" : "leave out of the comparison"));
    }
    if (compare.equals("selectedFields")) {
      checkSelected(items, fields, dot);
    }
    boolean removeOthers = !compare.equals("allFields") && context.bool("removeOtherFields", 0);
    Set<Object> seen = new HashSet<>();
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Map<String, Object> json = items.get(i).json();
      Map<String, Object> compared;
      if (compare.equals("selectedFields")) {
        compared = new LinkedHashMap<>();
        for (String f : fields) {
          FieldPaths.set(compared, f, Json.copy(FieldPaths.get(json, f, dot)), dot);
        }
      } else if (compare.equals("allFieldsExcept")) {
        compared = Json.copy(json);
        for (String f : fields) {
          FieldPaths.remove(compared, f, dot);
        }
      } else {
        compared = json;
      }
      if (seen.add(JsonValues.key(compared, false))) {
        Item kept = removeOthers ? items.get(i).withJson(compared) : items.get(i);
        out.add(kept.pairedWith(i));
      }
    }
    return NodeOutput.of(out);
  }

  /** Each selected field must be in every item, with the same type throughout (else "1" and 1 would silently differ). */
  private static void checkSelected(List<Item> items, List<String> fields, boolean dot) throws NodeException {
    for (String field : fields) {
      String type = null;
      int typeItem = -1;
      for (int i = 0; i < items.size(); i++) {
        Map<String, Object> json = items.get(i).json();
        if (!FieldPaths.has(json, field, dot)) {
          throw new NodeException("field '" + field + "' is missing from item " + i, "fields", i,
              !dot && field.contains(".") ? "Dot notation is off: '" + field + "' is one key, not a nested field."
                  : "Compare only fields every item has.", null);
        }
        Object value = FieldPaths.get(json, field, dot);
        if (value == null) {
          continue;
        }
        String t = Json.typeOf(value);
        if (type == null) {
          type = t;
          typeItem = i;
        } else if (!type.equals(t)) {
          throw new NodeException("field '" + field + "' is not always of the same type: " + type + " in item "
              + typeItem + ", " + t + " in item " + i, "fields", i,
              "Convert the field to one type first (for example with Edit Fields).", null);
        }
      }
    }
  }
}
