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
import dev.weft.spi.PairedItem;
import dev.weft.spi.ParameterSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code weft.summarize}: aggregates fields over all items, or over groups of items that share the values of the
 * split-by fields (a pivot table). Each aggregation gives an output field named after it and the field:
 * {@code count_id}, {@code unique_count_id}, {@code sum_total}, {@code average_total}, {@code min_total},
 * {@code max_total}, {@code concatenated_name}, {@code appended_name}, {@code unique_appended_name} (dots in the
 * field's name become underscores).
 *
 * <p>Empty values ({@code null}, missing, {@code ""}) are skipped unless the entry includes them; sum, average, min
 * and max use numbers only. Groups keep the order in which they first appear.
 */
public final class SummarizeNode implements Node {
  private static final Map<String, String> PREFIX = Map.of("count", "count_", "countUnique", "unique_count_",
      "sum", "sum_", "average", "average_", "min", "min_", "max", "max_", "concatenate", "concatenated_",
      "append", "appended_", "appendUnique", "unique_appended_");

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.summarize")
      .displayName("Summarize")
      .group("transform")
      .description("Counts, sums, averages or lists field values, optionally per group (like a pivot table).")
      .icon("fa:table")
      .parameters(
          ParameterSpec.list("fieldsToSummarize",
                  ParameterSpec.options("aggregation", Option.of("count", "Count"),
                      Option.of("countUnique", "Count unique"), Option.of("sum", "Sum"), Option.of("average", "Average"),
                      Option.of("min", "Min"), Option.of("max", "Max"), Option.of("concatenate", "Concatenate"),
                      Option.of("append", "Append"), Option.of("appendUnique", "Append unique"))
                      .displayName("Aggregation").build(),
                  ParameterSpec.string("field").displayName("Field").required().build(),
                  ParameterSpec.string("separator").displayName("Separator").defaultValue(", ")
                      .description("Between concatenated values").displayWhen("aggregation", "concatenate").build(),
                  ParameterSpec.bool("includeEmpty").displayName("Include empty values").defaultValue(false)
                      .displayWhen("aggregation", "count", "countUnique", "concatenate", "append", "appendUnique")
                      .build())
              .displayName("Fields to summarize").defaultValue(List.of()).noExpressions(),
          ParameterSpec.string("splitBy").displayName("Fields to split by").placeholder("country, city")
              .description("Comma-separated: one summary per combination of their values").noExpressions(),
          ParameterSpec.options("outputFormat", Option.of("separateItems", "One item per group"),
              Option.of("singleItem", "A single item, nested by group values")).displayName("Output format")
              .noExpressions(),
          ParameterSpec.bool("dotNotation").defaultValue(true).displayName("Support dot notation"),
          ParameterSpec.bool("continueIfFieldNotFound").defaultValue(false).displayName("Continue if a field is missing")
              .description("Summarize a field no item has (as empty) instead of failing"),
          ParameterSpec.bool("skipEmptySplitFields").defaultValue(false).displayName("Ignore items without split values")
              .description("Leave out items whose split-by fields are missing, null or empty"),
          ParameterSpec.bool("splitValuesAsText").defaultValue(false).displayName("Split values as text")
              .description("Group by and write the split-by values as text: 0 and '0' form one group written \"0\", "
                  + "null and a missing value one written \"null\", objects and lists their JSON (n8n's Summarize 1)"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  private record Entry(String aggregation, String field, String separator, boolean includeEmpty, String output) {}

  private record Group(List<Object> values, List<Integer> members) {}

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    if (items.isEmpty()) {
      return NodeOutput.none();
    }
    boolean dot = context.bool("dotNotation", 0);
    List<Entry> entries = entries(context, items, dot);
    List<String> splitBy = FieldPaths.names(context.parameter("splitBy", 0));
    boolean skipEmpty = context.bool("skipEmptySplitFields", 0);
    boolean asText = context.bool("splitValuesAsText", 0);
    Map<Object, Group> groups = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      List<Object> values = new ArrayList<>(splitBy.size());
      boolean empty = false;
      for (String field : splitBy) {
        Object v = FieldPaths.get(items.get(i).json(), field, dot);
        empty |= isEmpty(v);
        values.add(asText ? JsonValues.text(context, v) : v);
      }
      if (skipEmpty && empty) {
        continue;
      }
      final List<Object> groupValues = values;
      groups.computeIfAbsent(JsonValues.key(values, false), k -> new Group(groupValues, new ArrayList<>()))
          .members().add(i);
    }
    List<Group> ordered = hierarchical(groups.values());
    boolean single = "singleItem".equals(context.rawParameter("outputFormat"));
    List<Item> out = new ArrayList<>();
    Map<String, Object> nested = new LinkedHashMap<>();
    List<PairedItem> allMembers = new ArrayList<>();
    for (Group group : ordered) {
      Map<String, Object> summary = new LinkedHashMap<>();
      for (Entry entry : entries) {
        summary.put(entry.output(), aggregate(entry, group.members(), items, dot));
      }
      List<PairedItem> sources = new ArrayList<>(group.members().size());
      for (int m : group.members()) {
        sources.add(PairedItem.of(m));
      }
      if (single && !splitBy.isEmpty()) {
        Map<String, Object> level = nested;
        for (int s = 0; s < splitBy.size(); s++) {
          String key = JsonValues.text(context, group.values().get(s));
          if (s == splitBy.size() - 1) {
            level.put(key, summary);
          } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) level.computeIfAbsent(key, k -> new LinkedHashMap<>());
            level = next;
          }
        }
        allMembers.addAll(sources);
      } else {
        Map<String, Object> json = new LinkedHashMap<>();
        for (int s = 0; s < splitBy.size(); s++) {
          FieldPaths.set(json, splitBy.get(s), Json.copy(group.values().get(s)), dot);
        }
        json.putAll(summary);
        out.add(Item.of(json).pairedWith(sources));
      }
    }
    if (single && !splitBy.isEmpty()) {
      allMembers.sort((a, b) -> Integer.compare(a.item(), b.item()));
      return NodeOutput.of(List.of(Item.of(nested).pairedWith(allMembers)));
    }
    return NodeOutput.of(out);
  }

  /**
   * Orders groups as a tree of split values: by the first appearance of the first split value, then within it by the
   * first appearance of the second, and so on (red/foo, red/bar, blue/spam rather than red/foo, blue/spam, red/bar).
   */
  private static List<Group> hierarchical(java.util.Collection<Group> groups) {
    Map<Object, Integer> firstSeen = new java.util.HashMap<>();
    Map<Group, int[]> ranks = new java.util.IdentityHashMap<>();
    for (Group g : groups) {
      int[] rank = new int[g.values().size()];
      for (int s = 0; s < rank.length; s++) {
        Object prefix = JsonValues.key(g.values().subList(0, s + 1), false);
        rank[s] = firstSeen.computeIfAbsent(prefix, k -> firstSeen.size());
      }
      ranks.put(g, rank);
    }
    List<Group> out = new ArrayList<>(groups);
    out.sort((a, b) -> java.util.Arrays.compare(ranks.get(a), ranks.get(b)));
    return out;
  }

  private static List<Entry> entries(NodeContext context, List<Item> items, boolean dot) throws NodeException {
    List<?> list = context.parameter("fieldsToSummarize", 0) instanceof List<?> l ? l : List.of();
    if (list.isEmpty()) {
      throw NodeException.parameter("fieldsToSummarize", 0, "'fieldsToSummarize' is empty: add at least one field");
    }
    boolean continueIfMissing = context.bool("continueIfFieldNotFound", 0);
    List<Entry> entries = new ArrayList<>();
    for (int e = 0; e < list.size(); e++) {
      Map<?, ?> spec = list.get(e) instanceof Map<?, ?> m ? m : Map.of();
      String where = "fieldsToSummarize[" + e + "]";
      String aggregation = spec.get("aggregation") == null ? "count" : String.valueOf(spec.get("aggregation"));
      if (!PREFIX.containsKey(aggregation)) {
        throw NodeException.parameter(where + ".aggregation", 0, "unknown aggregation '" + aggregation + "'; use one of "
            + new java.util.TreeSet<>(PREFIX.keySet()));
      }
      Object fieldValue = spec.get("field");
      if (fieldValue == null || String.valueOf(fieldValue).isBlank()) {
        throw NodeException.parameter(where + ".field", 0, "entry " + e + " of 'fieldsToSummarize' has no field");
      }
      String field = String.valueOf(fieldValue).trim();
      if (!continueIfMissing && items.stream().noneMatch(it -> FieldPaths.has(it.json(), field, dot))) {
        throw new NodeException("field '" + field + "' is not in any input item", where + ".field", -1,
            "Set 'continueIfFieldNotFound' to summarize it as empty"
                + (!dot && field.contains(".") ? "; dot notation is off, so '" + field + "' is one key" : "") + ".",
            null);
      }
      Object sep = spec.get("separator");
      boolean includeEmpty = Boolean.TRUE.equals(Json.toBoolean(spec.get("includeEmpty")));
      entries.add(new Entry(aggregation, field, sep == null ? ", " : String.valueOf(sep), includeEmpty,
          PREFIX.get(aggregation) + field.replace('.', '_')));
    }
    return entries;
  }

  private static boolean isEmpty(Object v) {
    return v == null || v instanceof CharSequence s && s.length() == 0;
  }

  private static Object aggregate(Entry entry, List<Integer> members, List<Item> items, boolean dot) {
    List<Object> values = new ArrayList<>(members.size());
    boolean numeric = Set.of("sum", "average", "min", "max").contains(entry.aggregation());
    for (int m : members) {
      Object v = FieldPaths.get(items.get(m).json(), entry.field(), dot);
      if (numeric ? v instanceof Number : entry.includeEmpty() || !isEmpty(v)) {
        values.add(v);
      }
    }
    switch (entry.aggregation()) {
      case "count":
        return (long) values.size();
      case "countUnique": {
        Set<Object> keys = new HashSet<>();
        for (Object v : values) {
          keys.add(JsonValues.key(v, false));
        }
        return (long) keys.size();
      }
      case "append":
        return Json.copy(values);
      case "appendUnique": {
        Set<Object> keys = new HashSet<>();
        List<Object> unique = new ArrayList<>();
        for (Object v : values) {
          if (keys.add(JsonValues.key(v, false))) {
            unique.add(Json.copy(v));
          }
        }
        return unique;
      }
      case "concatenate": {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < values.size(); k++) {
          if (k > 0) {
            sb.append(entry.separator());
          }
          Object v = values.get(k);
          sb.append(v instanceof Map || v instanceof List ? jsonText(v) : v instanceof Number n
              ? JsonValues.numberText(n) : String.valueOf(v));
        }
        return sb.toString();
      }
      default:
        return numeric(entry.aggregation(), values);
    }
  }

  private static Object numeric(String aggregation, List<Object> values) {
    if (values.isEmpty()) {
      return aggregation.equals("sum") ? (Object) 0L : null;
    }
    if (aggregation.equals("min") || aggregation.equals("max")) {
      Number best = null;
      for (Object v : values) {
        Number n = (Number) v;
        if (best == null || (aggregation.equals("min") ? Json.compareNumbers(n, best) < 0
            : Json.compareNumbers(n, best) > 0)) {
          best = n;
        }
      }
      return Json.normalize(best);
    }
    boolean integral = values.stream().allMatch(v -> v instanceof Long || v instanceof Integer
        || v instanceof Short || v instanceof Byte);
    if (aggregation.equals("sum") && integral) {
      long sum = 0;
      for (Object v : values) {
        sum = Math.addExact(sum, ((Number) v).longValue());
      }
      return sum;
    }
    double sum = 0;
    for (Object v : values) {
      sum += ((Number) v).doubleValue();
    }
    double result = aggregation.equals("sum") ? sum : sum / values.size();
    return Json.normalize(BigDecimal.valueOf(result));
  }

  private static String jsonText(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
