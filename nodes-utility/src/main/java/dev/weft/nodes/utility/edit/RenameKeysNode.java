package dev.weft.nodes.utility.edit;

import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code weft.renameKeys}: renames fields of each item, by pairs of old and new names (dot notation reaches into
 * nested objects) and then by regular-expression rules applied to key names down to a chosen depth.
 *
 * <p>All pairs read the item as it came in, so {@code a → b} together with {@code b → a} swaps two fields.
 */
public final class RenameKeysNode implements ItemNode {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.renameKeys")
      .displayName("Rename Keys")
      .group("transform")
      .description("Renames fields of each item by name pairs or regular expressions.")
      .icon("fa:edit")
      .parameters(
          ParameterSpec.list("keys",
                  ParameterSpec.string("from").displayName("Current name").required().build(),
                  ParameterSpec.string("to").displayName("New name").required().build())
              .displayName("Keys to rename").defaultValue(List.of()),
          ParameterSpec.list("regexRules",
                  ParameterSpec.string("pattern").displayName("Regular expression").required().build(),
                  ParameterSpec.string("replacement").displayName("Replace with").defaultValue("")
                      .description("May refer to groups as $1, $2").build(),
                  ParameterSpec.bool("ignoreCase").displayName("Ignore case").defaultValue(false).build(),
                  ParameterSpec.number("depth").displayName("Depth").defaultValue(0)
                      .description("0: top-level keys only; n: n levels down; -1: every level").build())
              .displayName("Regular-expression rules").defaultValue(List.of()))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Item process(Item item, int i, NodeContext context) throws Exception {
    Map<String, Object> json = Json.copy(item.json());
    List<?> pairs = context.parameter("keys", i) instanceof List<?> l ? l : List.of();
    List<String[]> moves = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int p = 0; p < pairs.size(); p++) {
      Map<?, ?> pair = pairs.get(p) instanceof Map<?, ?> m ? m : Map.of();
      String from = pair.get("from") == null ? "" : String.valueOf(pair.get("from"));
      String to = pair.get("to") == null ? "" : String.valueOf(pair.get("to"));
      if (from.isBlank() || to.isBlank()) {
        throw NodeException.parameter("keys[" + p + "]", i, "rename " + p
            + " needs both a current and a new name, got '" + from + "' → '" + to + "'");
      }
      if (from.equals(to) || !Json.has(item.json(), from)) {
        continue;
      }
      moves.add(new String[] {from, to});
      values.add(Json.get(item.json(), from));
    }
    for (String[] move : moves) {
      Json.remove(json, move[0]);
    }
    for (int m = 0; m < moves.size(); m++) {
      try {
        Json.set(json, moves.get(m)[1], Json.copy(values.get(m)));
      } catch (IllegalArgumentException e) {
        throw NodeException.parameter("keys", i, "new name '" + moves.get(m)[1]
            + "' is not a valid path: " + e.getMessage());
      }
    }
    List<?> rules = context.parameter("regexRules", i) instanceof List<?> l ? l : List.of();
    for (int r = 0; r < rules.size(); r++) {
      Map<?, ?> rule = rules.get(r) instanceof Map<?, ?> m ? m : Map.of();
      String where = "regexRules[" + r + "]";
      Object patternText = rule.get("pattern");
      if (patternText == null || String.valueOf(patternText).isEmpty()) {
        throw NodeException.parameter(where + ".pattern", i, "rule " + r + " has no pattern");
      }
      Pattern pattern;
      try {
        boolean ignoreCase = Boolean.TRUE.equals(Json.toBoolean(rule.get("ignoreCase")));
        pattern = Pattern.compile(String.valueOf(patternText), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
      } catch (PatternSyntaxException e) {
        throw NodeException.parameter(where + ".pattern", i, "rule " + r + ": '" + patternText
            + "' is not a valid regular expression: " + e.getDescription());
      }
      Number depth = rule.get("depth") == null ? 0 : Json.toNumber(rule.get("depth"));
      String replacement = rule.get("replacement") == null ? "" : String.valueOf(rule.get("replacement"));
      try {
        json = renameByPattern(json, pattern, replacement, depth == null ? 0 : depth.intValue());
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw NodeException.parameter(where + ".replacement", i, "rule " + r + ": replacement '"
            + replacement + "' is invalid: " + e.getMessage());
      }
    }
    return item.withJson(json).pairedWith(i);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> renameByPattern(Map<String, Object> json, Pattern pattern, String replacement,
      int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : json.entrySet()) {
      Matcher m = pattern.matcher(e.getKey());
      String key = m.find() ? m.replaceAll(replacement) : e.getKey();
      Object value = e.getValue();
      if (depth != 0) {
        value = descend(value, pattern, replacement, depth - 1);
      }
      out.put(key, value);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object descend(Object value, Pattern pattern, String replacement, int depth) {
    if (value instanceof Map<?, ?> map) {
      return renameByPattern((Map<String, Object>) map, pattern, replacement, depth);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(descend(o, pattern, replacement, depth));
      }
      return out;
    }
    return value;
  }
}
