package dev.weft.n8n.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.n8n.js.CodeLiterals;
import dev.weft.n8n.js.ExpressionTranslator;
import dev.weft.n8n.js.UntranslatableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Code, Function and Function Item nodes whose JavaScript only returns literal data, to {@code weft.code}.
 *
 * <p>Run once for all items (Code's default, Function): the data becomes {@code weft.code}'s literal JSON items,
 * normalised as n8n does (an object alone is one item; items given as {@code {json: {...}}} are unwrapped, plain
 * objects are wrapped). Run once for each item (Code in that mode, Function Item): every input item becomes the
 * returned object, through a JSONata transform that is that literal. Literal data n8n itself rejects (a {@code json}
 * property that is not an object, say) becomes {@code weft.stopAndError} with n8n's error message, so the node fails
 * the same way. Code that returns data computed only from expressions n8n also allows in parameters
 * ({@code {key: '10_' + $runIndex, at: $now}}) becomes a JSONata transform of that expression. Any other JavaScript is
 * logic and is reported as unsupported.
 */
final class CodeMapper implements NodeMapper {
  static final String CODE = "n8n-nodes-base.code";
  static final String FUNCTION = "n8n-nodes-base.function";
  static final String FUNCTION_ITEM = "n8n-nodes-base.functionItem";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public List<String> n8nTypes() {
    return List.of(CODE, FUNCTION, FUNCTION_ITEM);
  }

  /** Data n8n rejects when the node runs, with n8n's message. */
  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message);
    }
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    String param;
    boolean eachItem;
    if (node.type().equals(CODE)) {
      String language = ctx.string("language", "javaScript");
      if (!language.equals("javaScript")) {
        return ctx.unsupportedNode("Code in " + language + " cannot run without a " + language + " engine");
      }
      param = "jsCode";
      eachItem = ctx.string("mode", "runOnceForAllItems").equals("runOnceForEachItem");
    } else {
      param = "functionCode";
      eachItem = node.type().equals(FUNCTION_ITEM);
    }
    Object code = ctx.raw(param);
    if (!(code instanceof String js)) {
      return ctx.unsupportedNode("the node has no JavaScript in '" + param + "'");
    }
    Object value;
    try {
      value = CodeLiterals.returnedValue(js);
    } catch (UntranslatableException notLiteral) {
      try {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mode", "jsonata");
        p.put("expression", CodeLiterals.returnedJsonata(js));
        p.put("runOnce", eachItem ? "eachItem" : "allItems");
        return MappedNode.of("weft.code", p);
      } catch (UntranslatableException notExpression) {
        ctx.unsupportedCode(param, notLiteral);
        return null;
      }
    }
    String brace = findBraceKey(value);
    if (brace != null) {
      ctx.unsupported(param, "the key '" + brace + "' contains '{{', which Weft would read as an expression");
      return null;
    }
    try {
      return eachItem ? eachItem(value, ctx, param) : allItems(value, ctx, param);
    } catch (Rejected r) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("errorType", "message");
      p.put("message", r.getMessage());
      // The node always fails: its main output never carries items, and n8n's error output (output 1) is Stop and
      // Error's only output.
      return MappedNode.of("weft.stopAndError", p)
          .withOutputs(i -> i == 0 ? new int[] {MappedNode.NEVER_USED} : new int[] {i - 1});
    }
  }

  private static MappedNode allItems(Object value, MappingContext ctx, String param) throws Rejected {
    List<?> entries;
    if (value instanceof List<?> list) {
      entries = list;
    } else if (value instanceof Map<?, ?>) {
      entries = List.of(value);
    } else {
      throw new Rejected("Code doesn't return items properly");
    }
    List<Object> items = new ArrayList<>();
    boolean anyWrapped = false;
    boolean anyPlain = false;
    for (int i = 0; i < entries.size(); i++) {
      Object entry = entries.get(i);
      if (!(entry instanceof Map<?, ?> map)) {
        throw new Rejected("Code doesn't return items properly");
      }
      if (map.containsKey("json")) {
        anyWrapped = true;
        items.add(unwrap(map, i, ctx, param));
      } else {
        anyPlain = true;
        items.add(map);
      }
    }
    if (anyWrapped && anyPlain) {
      throw new Rejected("Inconsistent item format");
    }
    if (ctx.failed()) {
      return null;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("mode", "json");
    p.put("items", escapeText(items));
    return MappedNode.of("weft.code", p);
  }

  private static Object unwrap(Map<?, ?> item, int index, MappingContext ctx, String param) throws Rejected {
    if (!(item.get("json") instanceof Map<?, ?> json)) {
      throw new Rejected("A 'json' property isn't an object [item " + index + "]");
    }
    for (Object key : item.keySet()) {
      if (!key.equals("json") && !key.equals("pairedItem")) {
        ctx.unsupported(param, "item " + index + " has a '" + key + "' property; only 'json' is carried over");
      }
    }
    return json;
  }

  private static MappedNode eachItem(Object value, MappingContext ctx, String param) throws Rejected {
    if (!(value instanceof Map<?, ?> map)) {
      throw new Rejected("Code doesn't return an object");
    }
    Object json = map.containsKey("json") ? unwrap(map, 0, ctx, param) : map;
    if (ctx.failed()) {
      return null;
    }
    String literal;
    try {
      literal = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("literal data is always writable as JSON", e);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("mode", "jsonata");
    p.put("expression", literal);
    p.put("runOnce", "eachItem");
    return MappedNode.of("weft.code", p);
  }

  /** The first object key inside the data that contains {@code {{}, or {@code null}. */
  static String findBraceKey(Object value) {
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String found = String.valueOf(e.getKey()).contains("{{") ? String.valueOf(e.getKey())
            : findBraceKey(e.getValue());
        if (found != null) {
          return found;
        }
      }
    }
    if (value instanceof List<?> l) {
      for (Object o : l) {
        String found = findBraceKey(o);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The data with every string holding {@code {{} written so that Weft keeps it as text. */
  static Object escapeText(Object value) {
    if (value instanceof String s) {
      return ExpressionTranslator.literalText(s);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), escapeText(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(escapeText(v)));
      return out;
    }
    return value;
  }
}
