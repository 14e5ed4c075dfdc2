package dev.weft.nodes.utility.flow;

import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code weft.switch}: routes items to one of several outputs. In {@code rules} mode each rule is a set of conditions
 * with an output of its own, tested in order; an item goes to the first rule it meets (or to all it meets), else to
 * the fallback output when there is one. In {@code expression} mode an expression gives each item's output index.
 */
public final class SwitchNode implements dev.weft.spi.Node {
  static final int MAX_OUTPUTS = 64;

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.switch")
      .displayName("Switch")
      .group("flow")
      .description("Routes items to one of several outputs by rules or by an expression.")
      .icon("fa:random")
      .outputs(Port.of("output0"))
      .parameters(
          ParameterSpec.options("mode", Option.of("rules", "Rules"), Option.of("expression", "Expression"))
              .displayName("Mode").noExpressions()
              .description("rules: one output per rule; expression: an expression gives the output index"),
          ParameterSpec.list("rules",
                  ParameterSpec.list("conditions", Conditions.conditionFields()).displayName("Conditions").build(),
                  ParameterSpec.options("combinator", "and", "or").displayName("Combine conditions with").build(),
                  ParameterSpec.string("name").displayName("Output name").noExpressions()
                      .description("The name of the rule's output; 'Output N' when empty").build())
              .displayName("Rules").defaultValue(List.of())
              .displayWhen("mode", "rules"),
          ParameterSpec.options("fallback", Option.of("none", "None: drop the item"),
                  Option.of("extra", "An extra output named Fallback"),
                  Option.of("output", "The output of a rule"))
              .displayName("Items matching no rule").noExpressions().displayWhen("mode", "rules"),
          ParameterSpec.number("fallbackOutput").defaultValue(0).displayName("Fallback output index")
              .description("The output (0 for the first rule) that items matching no rule go to")
              .displayWhen("fallback", "output"),
          ParameterSpec.bool("allMatchingOutputs").defaultValue(false).displayName("Send to all matching outputs")
              .description("Send an item to every rule it meets, not just the first").displayWhen("mode", "rules"),
          ParameterSpec.number("numberOutputs").defaultValue(4).displayName("Number of outputs").noExpressions()
              .displayWhen("mode", "expression"),
          ParameterSpec.number("output").displayName("Output index").required()
              .description("An expression giving each item's output, from 0").displayWhen("mode", "expression"))
      .parameters(Conditions.optionParameters())
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public List<Port> outputs(Map<String, Object> parameters) {
    if ("expression".equals(parameters.get("mode"))) {
      int n = numberOutputs(parameters.get("numberOutputs"));
      List<Port> ports = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ports.add(new Port("output" + i, "Output " + i, false));
      }
      return ports;
    }
    Object rules = parameters.get("rules");
    if (rules != null && !(rules instanceof List)) {
      throw new IllegalArgumentException("'rules' must be a list of rules, got " + Json.typeOf(rules));
    }
    List<?> list = rules == null ? List.of() : (List<?>) rules;
    List<Port> ports = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object name = list.get(i) instanceof Map<?, ?> m ? m.get("name") : null;
      String label = name == null || String.valueOf(name).isBlank() ? "Output " + i : String.valueOf(name);
      ports.add(new Port("output" + i, label, false));
    }
    if ("extra".equals(parameters.get("fallback"))) {
      ports.add(new Port("fallback", "Fallback", false));
    }
    return ports;
  }

  private static int numberOutputs(Object raw) {
    int n;
    try {
      Number parsed = Json.toNumber(raw == null ? 4 : raw);
      n = parsed == null ? 4 : parsed.intValue();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'numberOutputs' must be a number (expressions are not allowed), got '" + raw + "'");
    }
    if (n < 1 || n > MAX_OUTPUTS) {
      throw new IllegalArgumentException("'numberOutputs' must be between 1 and " + MAX_OUTPUTS + ", got " + n);
    }
    return n;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    boolean expression = "expression".equals(context.rawParameter("mode"));
    int outputs = outputs(rawParameters(context)).size();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i).pairedWith(i);
      try {
        if (expression) {
          out.add(expressionOutput(context, i, outputs), item);
        } else {
          for (int o : ruleOutputs(context, i, outputs)) {
            out.add(o, item);
          }
        }
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private static Map<String, Object> rawParameters(NodeContext context) {
    Map<String, Object> raw = new java.util.HashMap<>();
    for (String name : List.of("mode", "rules", "fallback", "numberOutputs")) {
      if (context.rawParameter(name) != null) {
        raw.put(name, context.rawParameter(name));
      }
    }
    return raw;
  }

  private static int expressionOutput(NodeContext context, int i, int outputs) throws NodeException {
    Object value = context.parameter("output", i);
    Number n;
    try {
      n = Json.toNumber(value);
    } catch (IllegalArgumentException e) {
      n = null;
    }
    if (n == null || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw NodeException.parameter("output", i, "the output index must be a whole number, got "
          + (value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value)));
    }
    long index = n.longValue();
    if (index < 0 || index >= outputs) {
      throw NodeException.parameter("output", i, "output index " + index
          + " is out of range; the node has " + outputs + " outputs (0 to " + (outputs - 1) + ")");
    }
    return (int) index;
  }

  private static List<Integer> ruleOutputs(NodeContext context, int i, int outputs) throws NodeException {
    Object rules = context.parameter("rules", i);
    List<?> list = rules instanceof List<?> l ? l : List.of();
    boolean all = context.bool("allMatchingOutputs", i);
    Conditions.Settings settings = Conditions.Settings.of(context, i);
    List<Integer> matched = new ArrayList<>();
    for (int r = 0; r < list.size(); r++) {
      Map<?, ?> rule = list.get(r) instanceof Map<?, ?> m ? m : Map.of();
      Object combinator = rule.get("combinator");
      if (Conditions.test(rule.get("conditions"), combinator == null ? null : String.valueOf(combinator), settings,
          "rules[" + r + "].conditions", i)) {
        matched.add(r);
        if (!all) {
          break;
        }
      }
    }
    if (matched.isEmpty()) {
      String fallback = context.string("fallback", i);
      if ("extra".equals(fallback)) {
        matched.add(outputs - 1);
      } else if ("output".equals(fallback)) {
        Number index = context.parameter("fallbackOutput", i, Number.class);
        int o = index == null ? 0 : index.intValue();
        if (o < 0 || o >= list.size()) {
          throw NodeException.parameter("fallbackOutput", i, "fallback output " + o
              + " does not exist; the node has " + list.size() + " rule outputs (0 to " + (list.size() - 1) + ")");
        }
        matched.add(o);
      }
    }
    return matched;
  }
}
