package dev.weft.nodes.utility.combine;

import dev.weft.nodes.utility.common.FieldPaths;
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
import dev.weft.spi.Port;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code weft.compareDatasets}: matches the items of input A and input B by fields and sorts them into four outputs:
 * in A only, the same in both, different, in B only. For differing items the output holds A's version, B's, a mix,
 * or both side by side ({@code {keys, same, different: {field: {inputA, inputB}}, skipped}}).
 */
public final class CompareDatasetsNode implements Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.compareDatasets")
      .displayName("Compare Datasets")
      .group("transform")
      .description("Compares two inputs item by item: in A only, same, different, in B only.")
      .icon("fa:balance-scale")
      .inputs(new Port("inputA", "Input A", false), new Port("inputB", "Input B", false))
      .outputs(new Port("inAOnly", "In A only", false), new Port("same", "Same", false),
          new Port("different", "Different", false), new Port("inBOnly", "In B only", false))
      .parameters(
          ParameterSpec.list("fields",
                  ParameterSpec.string("fieldA").displayName("Input A field").required().build(),
                  ParameterSpec.string("fieldB").displayName("Input B field").required().build())
              .displayName("Fields to match").defaultValue(List.of()).noExpressions(),
          ParameterSpec.options("whenDifferent", Option.of("includeBoth", "Include both versions"),
                  Option.of("preferA", "Use input A's version"), Option.of("preferB", "Use input B's version"),
                  Option.of("mix", "Use a mix of versions"))
              .displayName("When there are differences").noExpressions()
              .description("Also decides which version of a fuzzily equal pair the 'same' output carries: B's for "
                  + "preferB (or a mix based on B), A's otherwise"),
          ParameterSpec.string("labelA").defaultValue("inputA").displayName("Name of A's version").noExpressions()
              .description("The key of input A's value in 'different' and 'skipped'")
              .displayWhen("whenDifferent", "includeBoth"),
          ParameterSpec.string("labelB").defaultValue("inputB").displayName("Name of B's version").noExpressions()
              .description("The key of input B's value in 'different' and 'skipped'")
              .displayWhen("whenDifferent", "includeBoth"),
          ParameterSpec.options("mixBase", Option.of("inputA", "Input A's version"),
                  Option.of("inputB", "Input B's version"))
              .displayName("Prefer").noExpressions().displayWhen("whenDifferent", "mix"),
          ParameterSpec.string("mixExcept").displayName("For everything except").placeholder("price, stock")
              .description("Comma-separated fields taken from the other version").noExpressions()
              .displayWhen("whenDifferent", "mix"),
          ParameterSpec.bool("fuzzyCompare").defaultValue(false).displayName("Fuzzy compare")
              .description("Treat values of different types as equal when they read the same (1 and '1'), "
                  + "and a missing field as equal to null"),
          ParameterSpec.bool("emptyEqualsMissing").defaultValue(true).displayName("Empty equals missing")
              .description("With fuzzy compare and both versions included: a field one version lacks counts as the "
                  + "same as an empty value (null, '', []) in the other. Off, such a field is always listed under "
                  + "'different' (n8n's Compare Datasets before 2.1)")
              .displayWhen("fuzzyCompare", true),
          ParameterSpec.string("skipFields").displayName("Fields to skip comparing").placeholder("updatedAt")
              .description("Comma-separated fields whose differences do not count").noExpressions(),
          ParameterSpec.options("multipleMatches", Option.of("first", "Include first match only"),
                  Option.of("all", "Include all matches"))
              .displayName("Multiple matches").noExpressions(),
          ParameterSpec.bool("dotNotation").defaultValue(true).displayName("Support dot notation"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> a = context.items(0);
    List<Item> b = context.items(1);
    NodeOutput.Builder out = context.output();
    if (a.isEmpty() || b.isEmpty()) {
      for (int i = 0; i < a.size(); i++) {
        out.add(0, a.get(i).pairedWith(List.of(new PairedItem(i, 0))));
      }
      for (int j = 0; j < b.size(); j++) {
        out.add(3, b.get(j).pairedWith(List.of(new PairedItem(j, 1))));
      }
      return out.build();
    }
    Matcher matcher = Matcher.of(context, "fields", new String[] {"fieldA", "fieldB"},
        new String[] {"input A", "input B"}, a, b);
    boolean dot = matcher.dotNotation();
    List<String> skip = FieldPaths.names(context.rawParameter("skipFields"));
    String resolve = context.rawParameter("whenDifferent") == null ? "includeBoth"
        : String.valueOf(context.rawParameter("whenDifferent"));
    boolean sameFromB = resolve.equals("preferB")
        || resolve.equals("mix") && "inputB".equals(context.rawParameter("mixBase"));
    boolean firstOnly = !"all".equals(context.rawParameter("multipleMatches"));
    List<List<Integer>> aToB = matcher.matches(a, 0, b);
    List<List<Integer>> bToA = matcher.matches(b, 1, a);
    for (int i = 0; i < a.size(); i++) {
      List<Integer> m = aToB.get(i);
      if (m.isEmpty()) {
        out.add(0, a.get(i).pairedWith(List.of(new PairedItem(i, 0))));
        continue;
      }
      for (int k = 0; k < (firstOnly ? 1 : m.size()); k++) {
        int j = m.get(k);
        List<PairedItem> sources = List.of(new PairedItem(i, 0), new PairedItem(j, 1));
        Map<String, Object> ja = strip(a.get(i).json(), skip, dot);
        Map<String, Object> jb = strip(b.get(j).json(), skip, dot);
        if (same(ja, jb, matcher.fuzzy())) {
          out.add(1, (sameFromB ? b.get(j) : a.get(i)).pairedWith(sources));
        } else {
          out.add(2, different(context, resolve, a.get(i), b.get(j), ja, jb, matcher, skip, i).pairedWith(sources));
        }
      }
    }
    for (int j = 0; j < b.size(); j++) {
      if (bToA.get(j).isEmpty()) {
        out.add(3, b.get(j).pairedWith(List.of(new PairedItem(j, 1))));
      }
    }
    return out.build();
  }

  private static String label(NodeContext context, String parameter, String fallback, int i) throws NodeException {
    Object v = context.rawParameter(parameter);
    String label = v == null ? fallback : String.valueOf(v).trim();
    if (label.isEmpty()) {
      throw NodeException.parameter(parameter, i, "'" + parameter + "' is empty: name the key of that version");
    }
    return label;
  }

  private static Map<String, Object> strip(Map<String, Object> json, List<String> skip, boolean dot) {
    if (skip.isEmpty()) {
      return json;
    }
    Map<String, Object> copy = Json.copy(json);
    for (String f : skip) {
      FieldPaths.remove(copy, f, dot);
    }
    return copy;
  }

  private static boolean same(Map<String, Object> a, Map<String, Object> b, boolean fuzzy) {
    Set<String> keys = new LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      if (!fuzzy && a.containsKey(k) != b.containsKey(k)) {
        return false;
      }
      if (!Matcher.equal(a.get(k), b.get(k), fuzzy)) {
        return false;
      }
    }
    return true;
  }

  private static Item different(NodeContext context, String resolve, Item a, Item b, Map<String, Object> ja,
      Map<String, Object> jb, Matcher matcher, List<String> skip, int i) throws NodeException {
    boolean dot = matcher.dotNotation();
    switch (resolve) {
      case "preferA":
        return a;
      case "preferB":
        return b;
      case "mix": {
        boolean baseA = !"inputB".equals(context.rawParameter("mixBase"));
        Item base = baseA ? a : b;
        Item other = baseA ? b : a;
        Map<String, Object> json = Json.copy(base.json());
        for (String f : FieldPaths.names(context.rawParameter("mixExcept"))) {
          if (FieldPaths.has(other.json(), f, dot)) {
            FieldPaths.set(json, f, Json.copy(FieldPaths.get(other.json(), f, dot)), dot);
          } else {
            FieldPaths.remove(json, f, dot);
          }
        }
        return base.withJson(json);
      }
      case "includeBoth": {
        String labelA = label(context, "labelA", "inputA", i);
        String labelB = label(context, "labelB", "inputB", i);
        Map<String, Object> keys = new LinkedHashMap<>();
        for (String f : matcher.fields(0)) {
          keys.put(f, Json.copy(FieldPaths.get(a.json(), f, dot)));
        }
        Map<String, Object> same = new LinkedHashMap<>();
        Map<String, Object> diff = new LinkedHashMap<>();
        Set<String> all = new LinkedHashSet<>(ja.keySet());
        all.addAll(jb.keySet());
        boolean missingMatches = matcher.fuzzy() && context.bool("emptyEqualsMissing", i);
        for (String k : all) {
          boolean bothHave = ja.containsKey(k) && jb.containsKey(k);
          boolean equal = (bothHave || missingMatches) && Matcher.equal(ja.get(k), jb.get(k), matcher.fuzzy());
          if (equal) {
            if (ja.containsKey(k)) {
              same.put(k, Json.copy(ja.get(k)));
            }
          } else {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put(labelA, Json.copy(ja.get(k)));
            pair.put(labelB, Json.copy(jb.get(k)));
            diff.put(k, pair);
          }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("keys", keys);
        json.put("same", same);
        json.put("different", diff);
        if (!skip.isEmpty()) {
          Map<String, Object> skipped = new LinkedHashMap<>();
          for (String f : skip) {
            if (FieldPaths.has(a.json(), f, dot) || FieldPaths.has(b.json(), f, dot)) {
              Map<String, Object> pair = new LinkedHashMap<>();
              pair.put(labelA, Json.copy(FieldPaths.get(a.json(), f, dot)));
              pair.put(labelB, Json.copy(FieldPaths.get(b.json(), f, dot)));
              skipped.put(f, pair);
            }
          }
          json.put("skipped", skipped);
        }
        return Item.of(json);
      }
      default:
        throw NodeException.parameter("whenDifferent", i, "unknown choice '" + resolve
            + "'; use preferA, preferB, mix or includeBoth");
    }
  }
}
