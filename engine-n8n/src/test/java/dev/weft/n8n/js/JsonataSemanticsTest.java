package dev.weft.n8n.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.dashjoin.jsonata.Jsonata;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs translated expressions through the JSONata library itself, so a translation that is not valid JSONata, or
 * that loses JavaScript's meaning, fails here. The few Weft helpers the translations call ({@code $plus},
 * {@code $truthy}, {@code $and}, {@code $or}, {@code $len}, {@code $includes}, {@code $startsWith}) are bound with the meaning the engine
 * documents for them.
 */
class JsonataSemanticsTest {

  private static Object eval(String javaScript, Map<String, Object> json) throws Exception {
    Jsonata expr = Jsonata.jsonata(ExpressionTranslator.translateExpression(javaScript));
    expr.registerFunction("plus", new Jsonata.JFunction((input, args) -> plus(args.get(0), args.get(1)), null));
    expr.registerFunction("truthy", new Jsonata.JFunction((input, args) -> truthy(args.get(0)), null));
    expr.registerFunction("and", new Jsonata.JFunction((input, args) ->
        truthy(args.get(0)) ? args.get(1) : args.get(0), null));
    expr.registerFunction("or", new Jsonata.JFunction((input, args) ->
        truthy(args.get(0)) ? args.get(0) : args.get(1), null));
    expr.registerFunction("len", new Jsonata.JFunction((input, args) -> args.get(0) instanceof Collection<?> c
        ? c.size() : args.get(0) == null ? null : String.valueOf(args.get(0)).length(), null));
    expr.registerFunction("includes", new Jsonata.JFunction((input, args) -> args.get(0) instanceof Collection<?> c
        ? c.contains(args.get(1)) : String.valueOf(args.get(0)).contains(String.valueOf(args.get(1))), null));
    expr.registerFunction("startsWith", new Jsonata.JFunction((input, args) ->
        String.valueOf(args.get(0)).startsWith(String.valueOf(args.get(1))), null));
    Jsonata.Frame frame = expr.createFrame();
    frame.bind("json", json);
    return normalize(expr.evaluate(json, frame));
  }

  private static Object plus(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() + y.doubleValue();
    }
    return text(a) + text(b);
  }

  private static String text(Object v) {
    if (v instanceof Double d && d == Math.rint(d)) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(v);
  }

  private static boolean truthy(Object v) {
    return v != null && !Boolean.FALSE.equals(v) && !"".equals(v)
        && !(v instanceof Number n && n.doubleValue() == 0);
  }

  /** Whole doubles as longs, so that results compare with plain literals. */
  private static Object normalize(Object v) {
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !(n instanceof Long)) {
      return n.longValue();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(JsonataSemanticsTest::normalize).toList();
    }
    return v;
  }

  @Test
  void githubServerUrl() throws Exception {
    String js = "$json[\"server\"] === \"https://api.github.com\" ? \"https://github.com\" : "
        + "$json[\"server\"].split(\"://\")[0] + \"://\" + $json[\"server\"].split(\"://\")[1].split(\"/\")[0]";
    assertThat(eval(js, Map.of("server", "https://github.example.com/api/v3"))).isEqualTo("https://github.example.com");
    assertThat(eval(js, Map.of("server", "https://api.github.com"))).isEqualTo("https://github.com");
  }

  @Test
  void indexOfOnArraysAndStrings() throws Exception {
    String js = "Math.max(0, ['first', 'second', 'third'].indexOf($json.output))";
    assertThat(eval(js, Map.of("output", "second"))).isEqualTo(1L);
    assertThat(eval(js, Map.of("output", "third"))).isEqualTo(2L);
    assertThat(eval(js, Map.of("output", "none"))).isEqualTo(0L);
    assertThat(eval("$json.s.indexOf('c')", Map.of("s", "abcabc"))).isEqualTo(2L);
    assertThat(eval("$json.s.indexOf('z')", Map.of("s", "abc"))).isEqualTo(-1L);
  }

  @Test
  void arithmeticAndParseInt() throws Exception {
    assertThat(eval("parseInt($json.t) + 42", Map.of("t", "1663801200000"))).isEqualTo(1663801200042L);
    assertThat(eval("parseInt($json.t)", Map.of("t", -2.7))).isEqualTo(-2L);
    assertThat(eval("$json.a + $json.b", Map.of("a", 1, "b", 2))).isEqualTo(3L);
    assertThat(eval("$json.a + $json.b", Map.of("a", "1", "b", 2))).isEqualTo("12");
    assertThat(eval("Math.round($json.x)", Map.of("x", 2.5))).isEqualTo(3L);
  }

  @Test
  void stringMethods() throws Exception {
    Map<String, Object> json = Map.of("s", "  hello  world  ");
    assertThat(eval("$json.s.trim()", json)).isEqualTo("hello  world");
    assertThat(eval("$json.s.trim().slice(1, 3)", json)).isEqualTo("el");
    assertThat(eval("$json.s.trim().slice(-5)", json)).isEqualTo("world");
    assertThat(eval("$json.s.trim().substring(3, 1)", json)).isEqualTo("el");
    assertThat(eval("$json.s.trim().replace('o', '0')", json)).isEqualTo("hell0  world");
    assertThat(eval("$json.s.trim().replaceAll('o', '0')", json)).isEqualTo("hell0  w0rld");
    assertThat(eval("$json.s.trim().toUpperCase().startsWith('HE')", json)).isEqualTo(true);
    assertThat(eval("`<${$json.n}>`", Map.of("n", 5))).isEqualTo("<5>");
    assertThat(eval("'a'.concat('b', 'c')", Map.of())).isEqualTo("abc");
  }

  @Test
  void arrayMethods() throws Exception {
    Map<String, Object> json = Map.of("items", List.of(Map.of("id", 1, "ok", true), Map.of("id", 2, "ok", false)),
        "list", List.of(1, 2, 3, 4));
    assertThat(eval("$json.items.map(x => x.id)", json)).isEqualTo(List.of(1L, 2L));
    assertThat(eval("$json.items.filter(x => x.ok).map(x => x.id)", json)).isEqualTo(List.of(1L));
    assertThat(eval("$json.items.find(x => !x.ok).id", json)).isEqualTo(2L);
    assertThat(eval("$json.list.slice(1, 3)", json)).isEqualTo(List.of(2L, 3L));
    assertThat(eval("$json.list.slice(0, 1)", json)).isEqualTo(List.of(1L));
    assertThat(eval("$json.list.join('-')", json)).isEqualTo("1-2-3-4");
    assertThat(eval("$json.list.concat([5])", json)).isEqualTo(List.of(1L, 2L, 3L, 4L, 5L));
    assertThat(eval("$json.list.some(x => x > 3)", json)).isEqualTo(true);
    assertThat(eval("$json.list.every(x => x > 3)", json)).isEqualTo(false);
    assertThat(eval("$json.list.length", json)).isEqualTo(4L);
  }

  @Test
  void dynamicAccessNullishAndUndefined() throws Exception {
    Map<String, Object> json = Map.of("list", List.of("a", "b"), "obj", Map.of("k", "v"), "i", 1, "key", "k");
    assertThat(eval("$json.list[$json.i]", json)).isEqualTo("b");
    assertThat(eval("$json.obj[$json.key]", json)).isEqualTo("v");
    assertThat(eval("$json.missing ?? 'd'", json)).isEqualTo("d");
    assertThat(eval("$json.i ?? 'd'", json)).isEqualTo(1L);
    assertThat(eval("$json.missing === undefined", json)).isEqualTo(true);
    assertThat(eval("undefined", json)).isNull();
    assertThat(eval("!$json.missing", json)).isEqualTo(true);
    assertThat(eval("$json.missing || 'fallback'", json)).isEqualTo("fallback");
    assertThat(eval("Object.values($json.obj)", json)).isEqualTo(List.of("v"));
    assertThat(eval("Object.keys($json.obj).length", json)).isEqualTo(1L);
  }

  @Test
  void n8nDataTransformationFunctions() throws Exception {
    Map<String, Object> json = Map.of("list", List.of(3, 1, 3, 5), "obj", Map.of("a", 1), "s", "42");
    assertThat(eval("$json.list.first()", json)).isEqualTo(3L);
    assertThat(eval("$json.list.last()", json)).isEqualTo(5L);
    assertThat(eval("$json.list.sum()", json)).isEqualTo(12L);
    assertThat(eval("$json.list.max()", json)).isEqualTo(5L);
    assertThat(eval("$json.list.average()", json)).isEqualTo(3L);
    assertThat(eval("$json.list.unique()", json)).isEqualTo(List.of(3L, 1L, 5L));
    assertThat(eval("$json.obj.keys()", json)).isEqualTo(List.of("a"));
    assertThat(eval("$json.s.toNumber() + 1", json)).isEqualTo(43L);
  }
}
