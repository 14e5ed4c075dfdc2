package dev.weft.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The path fast path must agree with JSONata on every input, and must take the plain reads it is meant for. */
class FastPathTest {
  private static final ExpressionLimits LIMITS = ExpressionLimits.defaults();

  private static Map<String, Object> sample() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("s", "text");
    json.put("n", 42L);
    json.put("i", 7);
    json.put("d", 2.0);
    json.put("f", 2.5);
    json.put("b", true);
    json.put("nul", null);
    json.put("obj", new LinkedHashMap<>(Map.of("inner", new LinkedHashMap<>(Map.of("deep", "x")))));
    json.put("list", new ArrayList<>(List.of(1L, 2L, 3L)));
    json.put("empty", new ArrayList<>());
    json.put("objs", new ArrayList<>(List.of(Map.of("v", 1L), Map.of("v", 2L))));
    json.put("nested", new ArrayList<>(List.of(new ArrayList<>(List.of(1L, 2L)), new ArrayList<>(List.of(3L)))));
    json.put("single", new ArrayList<>(List.of(Map.of("v", 9L))));
    json.put("with space", "spaced");
    json.put("mixed", new ArrayList<>(Arrays.asList(null, "a", 1L)));
    return json;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "$json", "$", "$json.s", "$json.n", "$json.i", "$json.d", "$json.f", "$json.b", "$json.nul", "$json.missing",
      "$json.obj", "$json.obj.inner", "$json.obj.inner.deep", "$json.obj.missing.deeper", "$json.s.length",
      "$json.list", "$json.list[0]", "$json.list[2]", "$json.list[-1]", "$json.list[5]", "$json.list[-9]",
      "$json.empty", "$json.empty[0]", "$json.objs", "$json.objs.v", "$json.objs[1]", "$json.objs[1].v",
      "$json.nested", "$json.nested[0]", "$json.nested[1]", "$json.single", "$json.single.v", "$json.s[0]",
      "$json.s[1]", "$json.obj[0]", "$json[0]", "$json.`with space`", "$.s", "$.obj.inner", "$json.mixed",
      "$json.mixed[0]", "$json.n[-1]", " $json.s ",
  })
  void agreesWithJsonata(String expression) throws Exception {
    JsonataExpr full = JsonataExpr.compile(expression, "{{" + expression + "}}", 2, LIMITS);
    PathExpr fast = PathExpr.tryParse(expression, full, LIMITS);
    assertThat(fast).as("fast path for %s", expression).isNotNull();
    TestScope scope = new TestScope();
    scope.json = sample();
    assertThat(fast.evaluate(scope)).as(expression).isEqualTo(full.evaluate(scope));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "$json.a + 1", "$json['a']", "$json[\"a\"]", "$json.a[b = 1]", "$json.and", "$jsonx.a", "$json.a.",
      "$json..a", "a.b", "$json.a()", "$json.a[0", "$vars.a", "$json.`a", "$json.a[$i]", "$json.a[0.5]",
  })
  void leavesEverythingElseToJsonata(String expression) {
    assertThat(PathExpr.parse(expression)).as(expression).isNull();
  }

  @Test
  void engineUsesTheFastPathForPlainReads() throws Exception {
    ExpressionEngine engine = new ExpressionEngine(LIMITS);
    assertThat(engine.compile("{{ $json.a.b }}").expressions().get(0)).isInstanceOf(PathExpr.class);
    assertThat(engine.compile("{{ $json.a + 1 }}").expressions().get(0)).isInstanceOf(JsonataExpr.class);
    assertThat(engine.compile("x {{ $json.items[0].name }} y").expressions().get(0)).isInstanceOf(PathExpr.class);
  }
}
