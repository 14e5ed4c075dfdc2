package dev.weft.nodes.utility.combine;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weft.merge}: combines the items of its inputs.
 *
 * <ul>
 *   <li>{@code append}: the items of input 1, then input 2, and so on;</li>
 *   <li>{@code combineByFields}: joins input 1 and input 2 on equal field values (keep matches, keep non-matches,
 *       keep everything, enrich input 1, enrich input 2);</li>
 *   <li>{@code combineByPosition}: the first items of every input combined, then the second ones...;</li>
 *   <li>{@code allCombinations}: every item of input 1 combined with every item of input 2;</li>
 *   <li>{@code chooseBranch}: once both inputs have data, outputs input 1's items, input 2's, or one empty item paired
 *       with every item of both inputs.</li>
 * </ul>
 *
 * <p>The node runs when all its connected inputs have data, or when nothing else in the workflow can run; an input
 * that received nothing counts as empty (then {@code chooseBranch} outputs nothing).
 */
public final class MergeNode implements Node {
  /** The most inputs {@code append} and {@code combineByPosition} take. */
  public static final int MAX_INPUTS = 10;

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.merge")
      .displayName("Merge")
      .group("flow")
      .description("Combines the items of several inputs: append, join on fields, by position, or choose a branch.")
      .icon("fa:code-branch")
      .inputs(ports())
      .parameters(
          ParameterSpec.options("mode", Option.of("append", "Append"),
                  Option.of("combineByFields", "Combine by matching fields"),
                  Option.of("combineByPosition", "Combine by position"),
                  Option.of("allCombinations", "All possible combinations"),
                  Option.of("chooseBranch", "Choose branch"))
              .displayName("Mode").noExpressions(),
          ParameterSpec.number("numberInputs").defaultValue(2).displayName("Number of inputs").noExpressions()
              .description("2 to " + MAX_INPUTS).displayWhen("mode", "append", "combineByPosition"),
          ParameterSpec.list("fields",
                  ParameterSpec.string("input1Field").displayName("Input 1 field").required().build(),
                  ParameterSpec.string("input2Field").displayName("Input 2 field").required().build())
              .displayName("Fields to match").defaultValue(List.of()).noExpressions()
              .displayWhen("mode", "combineByFields"),
          ParameterSpec.options("joinMode", Option.of("keepMatches", "Keep matches (inner join)"),
                  Option.of("keepNonMatches", "Keep non-matches"),
                  Option.of("keepEverything", "Keep everything (outer join)"),
                  Option.of("enrichInput1", "Enrich input 1 (left join)"),
                  Option.of("enrichInput2", "Enrich input 2 (right join)"))
              .displayName("Output type").noExpressions().displayWhen("mode", "combineByFields"),
          ParameterSpec.options("outputDataFrom", Option.of("both", "Both inputs merged together"),
                  Option.of("input1", "Input 1"), Option.of("input2", "Input 2"))
              .displayName("Output data from").noExpressions()
              .description("For non-matches, 'both' adds a _source field naming each item's input")
              .displayWhen("joinMode", "keepMatches", "keepNonMatches"),
          ParameterSpec.options("multipleMatches", Option.of("all", "Include all matches"),
                  Option.of("first", "Include first match only"))
              .displayName("Multiple matches").noExpressions().displayWhen("mode", "combineByFields"),
          ParameterSpec.bool("fuzzyCompare").defaultValue(false).displayName("Fuzzy compare")
              .description("Match values of different types: 1 matches '1'").displayWhen("mode", "combineByFields"),
          ParameterSpec.bool("includeUnpaired").defaultValue(false).displayName("Include unpaired items")
              .description("When inputs differ in length, keep the extra items uncombined instead of dropping them")
              .displayWhen("mode", "combineByPosition"),
          ParameterSpec.options("clashHandling", Option.of("preferInput2", "Prefer the later input's version"),
                  Option.of("preferInput1", "Prefer the earlier input's version"),
                  Option.of("addSuffix", "Add the input number to every field name"))
              .displayName("When field names clash").noExpressions()
              .displayWhen("mode", "combineByFields", "combineByPosition", "allCombinations"),
          ParameterSpec.options("mergeMode", Option.of("deep", "Deep merge nested objects"),
                  Option.of("shallow", "Replace nested objects whole"))
              .displayName("Merging nested fields").noExpressions()
              .displayWhen("clashHandling", "preferInput1", "preferInput2"),
          ParameterSpec.bool("overrideEmpty").defaultValue(false).displayName("Override empty values")
              .description("Use the other input's value when the preferred one is null or empty")
              .displayWhen("clashHandling", "preferInput1", "preferInput2"),
          ParameterSpec.options("chooseOutput", Option.of("input1", "Input 1's items"),
                  Option.of("input2", "Input 2's items"), Option.of("empty", "A single empty item"))
              .displayName("Output").noExpressions().displayWhen("mode", "chooseBranch"),
          ParameterSpec.bool("dotNotation").defaultValue(true).displayName("Support dot notation")
              .displayWhen("mode", "combineByFields"))
      .build();

  private static Port[] ports() {
    Port[] ports = new Port[MAX_INPUTS];
    for (int i = 0; i < MAX_INPUTS; i++) {
      ports[i] = new Port("input" + (i + 1), "Input " + (i + 1), false);
    }
    return ports;
  }

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    String mode = raw(context, "mode", "append");
    int inputs = mode.equals("append") || mode.equals("combineByPosition") ? numberInputs(context) : 2;
    for (int in = inputs; in < context.inputCount(); in++) {
      if (!context.items(in).isEmpty()) {
        throw NodeException.parameter("numberInputs", -1, "input " + (in + 1) + " received items, but mode '" + mode
            + "' uses " + inputs + " inputs" + (inputs == 2 && !mode.equals("append") && !mode.equals("combineByPosition")
                ? "" : "; raise 'numberInputs'"));
      }
    }
    List<Item> out = switch (mode) {
      case "append" -> append(context, inputs);
      case "combineByFields" -> byFields(context);
      case "combineByPosition" -> byPosition(context, inputs);
      case "allCombinations" -> allCombinations(context);
      case "chooseBranch" -> chooseBranch(context);
      default -> throw NodeException.parameter("mode", -1, "unknown mode '" + mode + "'");
    };
    return NodeOutput.of(out);
  }

  private static String raw(NodeContext context, String name, String fallback) {
    Object v = context.rawParameter(name);
    return v == null ? fallback : String.valueOf(v);
  }

  private static int numberInputs(NodeContext context) throws NodeException {
    Object v = context.rawParameter("numberInputs");
    Number n;
    try {
      n = v == null ? 2 : Json.toNumber(v);
    } catch (IllegalArgumentException e) {
      n = null;
    }
    if (n == null || n.intValue() < 2 || n.intValue() > MAX_INPUTS || n.doubleValue() != n.intValue()) {
      throw NodeException.parameter("numberInputs", -1, "'numberInputs' must be a whole number from 2 to " + MAX_INPUTS
          + ", got " + v);
    }
    return n.intValue();
  }

  private static Clash clash(NodeContext context) {
    return new Clash(raw(context, "clashHandling", "preferInput2"), !"shallow".equals(raw(context, "mergeMode", "deep")),
        Boolean.TRUE.equals(Json.toBoolean(context.rawParameter("overrideEmpty"))));
  }

  private static List<Item> append(NodeContext context, int inputs) {
    List<Item> out = new ArrayList<>();
    for (int in = 0; in < inputs && in < context.inputCount(); in++) {
      List<Item> items = context.items(in);
      for (int i = 0; i < items.size(); i++) {
        out.add(items.get(i).pairedWith(List.of(new PairedItem(i, in))));
      }
    }
    return out;
  }

  private static List<Item> byPosition(NodeContext context, int inputs) {
    Clash clash = clash(context);
    boolean unpaired = Boolean.TRUE.equals(Json.toBoolean(context.rawParameter("includeUnpaired")));
    List<List<Item>> lists = new ArrayList<>();
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int in = 0; in < inputs; in++) {
      List<Item> items = in < context.inputCount() ? context.items(in) : List.of();
      lists.add(items);
      min = Math.min(min, items.size());
      max = Math.max(max, items.size());
    }
    int length = unpaired ? max : min;
    List<Item> out = new ArrayList<>(length);
    for (int k = 0; k < length; k++) {
      List<Clash.Part> parts = new ArrayList<>();
      for (int in = 0; in < inputs; in++) {
        if (k < lists.get(in).size()) {
          parts.add(new Clash.Part(lists.get(in).get(k), k, in));
        }
      }
      out.add(parts.size() == 1 && !clash.resolve().equals("addSuffix")
          ? parts.get(0).item().pairedWith(List.of(new PairedItem(k, parts.get(0).input())))
          : clash.combine(parts));
    }
    return out;
  }

  private static List<Item> allCombinations(NodeContext context) {
    Clash clash = clash(context);
    List<Item> a = context.items(0);
    List<Item> b = context.items(1);
    List<Item> out = new ArrayList<>(a.size() * b.size());
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < b.size(); j++) {
        out.add(clash.combine(List.of(new Clash.Part(a.get(i), i, 0), new Clash.Part(b.get(j), j, 1))));
      }
    }
    return out;
  }

  private static List<Item> chooseBranch(NodeContext context) {
    List<Item> a = context.items(0);
    List<Item> b = context.items(1);
    if (a.isEmpty() || b.isEmpty()) {
      return List.of();
    }
    String choice = raw(context, "chooseOutput", "input1");
    if (choice.equals("empty")) {
      // the empty item stands for both inputs: expressions after the merge reach either branch's items
      List<PairedItem> sources = new ArrayList<>(a.size() + b.size());
      for (int i = 0; i < a.size(); i++) {
        sources.add(new PairedItem(i, 0));
      }
      for (int j = 0; j < b.size(); j++) {
        sources.add(new PairedItem(j, 1));
      }
      return List.of(Item.empty().pairedWith(sources));
    }
    int in = choice.equals("input2") ? 1 : 0;
    List<Item> chosen = in == 0 ? a : b;
    List<Item> out = new ArrayList<>(chosen.size());
    for (int i = 0; i < chosen.size(); i++) {
      out.add(chosen.get(i).pairedWith(List.of(new PairedItem(i, in))));
    }
    return out;
  }

  private static List<Item> byFields(NodeContext context) throws NodeException {
    List<Item> a = context.items(0);
    List<Item> b = context.items(1);
    String join = raw(context, "joinMode", "keepMatches");
    String from = raw(context, "outputDataFrom", "both");
    if (a.isEmpty() || b.isEmpty()) {
      return unmatchedOnly(join, from, a, b);
    }
    Matcher matcher = Matcher.of(context, "fields", new String[] {"input1Field", "input2Field"},
        new String[] {"input 1", "input 2"}, a, b);
    boolean firstOnly = "first".equals(raw(context, "multipleMatches", "all"));
    Clash clash = clash(context);
    List<List<Integer>> aToB = matcher.matches(a, 0, b);
    List<List<Integer>> bToA = matcher.matches(b, 1, a);
    List<Item> out = new ArrayList<>();
    switch (join) {
      case "keepMatches" -> {
        if (from.equals("input1")) {
          addMatched(out, a, 0, aToB, true);
        } else if (from.equals("input2")) {
          addMatched(out, b, 1, bToA, true);
        } else {
          joinInto(out, a, b, aToB, firstOnly, clash, false, false);
        }
      }
      case "keepNonMatches" -> {
        if (!from.equals("input2")) {
          addMatched(out, a, 0, aToB, false);
        }
        if (!from.equals("input1")) {
          addMatched(out, b, 1, bToA, false);
        }
        if (from.equals("both")) {
          for (int k = 0; k < out.size(); k++) {
            Item item = out.get(k);
            Map<String, Object> json = new LinkedHashMap<>(Json.copy(item.json()));
            json.put("_source", "input" + (item.pairedItems().get(0).input() + 1));
            out.set(k, item.withJson(json));
          }
        }
      }
      case "keepEverything" -> {
        joinInto(out, a, b, aToB, firstOnly, clash, false, false);
        addMatched(out, a, 0, aToB, false);
        addMatched(out, b, 1, bToA, false);
      }
      case "enrichInput1" -> joinInto(out, a, b, aToB, firstOnly, clash, true, false);
      case "enrichInput2" -> joinInto(out, b, a, bToA, firstOnly, clash, true, true);
      default -> throw NodeException.parameter("joinMode", -1, "unknown join mode '" + join + "'");
    }
    return out;
  }

  /** When an input is empty nothing matches: the result is what the join keeps of unmatched items. */
  private static List<Item> unmatchedOnly(String join, String from, List<Item> a, List<Item> b) {
    List<Item> out = new ArrayList<>();
    boolean keepA = join.equals("keepEverything") || join.equals("enrichInput1")
        || join.equals("keepNonMatches") && !from.equals("input2");
    boolean keepB = join.equals("keepEverything") || join.equals("enrichInput2")
        || join.equals("keepNonMatches") && !from.equals("input1");
    if (keepA) {
      for (int i = 0; i < a.size(); i++) {
        out.add(source(a.get(i), i, 0, join, from));
      }
    }
    if (keepB) {
      for (int i = 0; i < b.size(); i++) {
        out.add(source(b.get(i), i, 1, join, from));
      }
    }
    return out;
  }

  private static Item source(Item item, int i, int input, String join, String from) {
    Item out = item.pairedWith(List.of(new PairedItem(i, input)));
    if (join.equals("keepNonMatches") && from.equals("both")) {
      Map<String, Object> json = Json.copy(item.json());
      json.put("_source", "input" + (input + 1));
      out = out.withJson(json);
    }
    return out;
  }

  /** Adds the items of one input that have matches ({@code matched}) or have none ({@code !matched}). */
  private static void addMatched(List<Item> out, List<Item> items, int input, List<List<Integer>> matches,
      boolean matched) {
    for (int i = 0; i < items.size(); i++) {
      if (matches.get(i).isEmpty() != matched) {
        out.add(items.get(i).pairedWith(List.of(new PairedItem(i, input))));
      }
    }
  }

  /**
   * Joins each item of {@code left} with its matches in {@code right}; with {@code keepLone} an item without matches
   * is kept alone. {@code swapped} says that {@code left} is input 2 (so clash handling still sees input order).
   */
  private static void joinInto(List<Item> out, List<Item> left, List<Item> right, List<List<Integer>> matches,
      boolean firstOnly, Clash clash, boolean keepLone, boolean swapped) {
    int leftInput = swapped ? 1 : 0;
    int rightInput = swapped ? 0 : 1;
    for (int i = 0; i < left.size(); i++) {
      List<Integer> m = matches.get(i);
      if (m.isEmpty()) {
        if (keepLone) {
          out.add(left.get(i).pairedWith(List.of(new PairedItem(i, leftInput))));
        }
        continue;
      }
      for (int k = 0; k < (firstOnly ? 1 : m.size()); k++) {
        int j = m.get(k);
        Clash.Part l = new Clash.Part(left.get(i), i, leftInput);
        Clash.Part r = new Clash.Part(right.get(j), j, rightInput);
        out.add(clash.combine(swapped ? List.of(r, l) : List.of(l, r)));
      }
    }
  }
}
