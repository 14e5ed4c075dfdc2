package dev.weft.expression;

import static dev.weft.expression.Expressions.ENGINE;
import static dev.weft.expression.Expressions.eval;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedSingleExpressionTest {
  @Test
  void numbersAreLongsOrDoubles() throws Exception {
    assertThat(eval("{{ 1 + 1 }}")).isEqualTo(2L);
    assertThat(eval("{{ 1 / 2 }}")).isEqualTo(0.5);
    assertThat(eval("{{ 3.0 }}")).isEqualTo(3L);
    assertThat(eval("{{ 0.1 + 0.2 }}")).isEqualTo(0.30000000000000004);
    assertThat(eval("{{ $json.i }}", TestScope.of("i", 7))).isEqualTo(7L);
    assertThat(eval("{{ $json.d }}", TestScope.of("d", 2.0))).isEqualTo(2L);
  }

  @Test
  void booleansStringsAndNull() throws Exception {
    assertThat(eval("{{ 1 < 2 }}")).isEqualTo(true);
    assertThat(eval("{{ 'a' & 'b' }}")).isEqualTo("ab");
    assertThat(eval("{{ null }}")).isNull();
    assertThat(eval("{{ $json.missing }}")).isNull();
  }

  @Test
  void objectsAndListsArePlainJavaCollections() throws Exception {
    Object obj = eval("{{ {'a': 1, 'b': [1, 2.5, null, {'c': true}]} }}");
    assertThat(obj).isInstanceOf(LinkedHashMap.class);
    Map<String, Object> expected = new LinkedHashMap<>();
    List<Object> list = new ArrayList<>();
    list.add(1L);
    list.add(2.5);
    list.add(null);
    list.add(Map.of("c", true));
    expected.put("a", 1L);
    expected.put("b", list);
    assertThat(obj).isEqualTo(expected);
    Object range = eval("{{ [1..3] }}");
    assertThat(range).isEqualTo(List.of(1L, 2L, 3L));
    assertThat(range.getClass()).isEqualTo(ArrayList.class);
    assertThat(eval("{{ [] }}")).isEqualTo(List.of());
  }

  @Test
  void singleValuedSequencesStayArraysWhenTheExpressionSaysSo() throws Exception {
    TestScope scope = TestScope.of("items", List.of(Map.of("x", 1L)));
    assertThat(eval("{{ $json.items.x }}", scope)).isEqualTo(1L);
    assertThat(eval("{{ $json.items.x[] }}", scope)).isEqualTo(List.of(1L));
  }

  @Test
  void surroundingWhitespaceStillCountsAsSingle() throws Exception {
    Template t = ENGINE.compile("  {{ $json.n }}\n");
    assertThat(t.isSingleExpression()).isTrue();
    assertThat(t.evaluate(TestScope.of("n", 5L))).isEqualTo(5L);
  }

  @Test
  void textAroundOrTwoExpressionsMakeAString() throws Exception {
    assertThat(ENGINE.compile("n={{ 1 }}").isSingleExpression()).isFalse();
    assertThat(ENGINE.compile("{{ 1 }}{{ 2 }}").isSingleExpression()).isFalse();
    assertThat(eval("{{ 1 }}{{ 2 }}")).isEqualTo("12");
  }

  @Test
  void inputValuesComeBackWithoutCopyWhenAlreadyPlain() throws Exception {
    Map<String, Object> inner = new LinkedHashMap<>(Map.of("b", 1L));
    TestScope scope = TestScope.of("a", inner);
    assertThat(eval("{{ $json.a }}", scope)).isSameAs(inner);
    assertThat(eval("{{ $json.a ~> $merge }}", scope)).isEqualTo(inner);
  }

  @Test
  void integerValuesInsideInputsAreNormalised() throws Exception {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("i", 3);
    inner.put("f", 1.5f);
    TestScope scope = TestScope.of("a", inner);
    assertThat(eval("{{ $json.a }}", scope)).isEqualTo(Map.of("i", 3L, "f", 1.5));
  }

  @Test
  void templateWithoutExpressionsIsItsText() throws Exception {
    Template t = ENGINE.compile("just text");
    assertThat(t.isSingleExpression()).isFalse();
    assertThat(t.evaluate(new TestScope())).isEqualTo("just text");
    assertThat(ExpressionEngine.isTemplate("just text")).isFalse();
    assertThat(ExpressionEngine.isTemplate("a {{ b }}")).isTrue();
    assertThat(ExpressionEngine.isTemplate(null)).isFalse();
  }

  @Test
  void emptyExpressionIsNull() throws Exception {
    assertThat(eval("{{ }}")).isNull();
    assertThat(eval("a{{}}b")).isEqualTo("ab");
  }

  @Test
  void sourceAndCaching() throws Exception {
    Template a = ENGINE.compile("{{ $json.x + 1 }}");
    assertThat(a.source()).isEqualTo("{{ $json.x + 1 }}");
    assertThat(ENGINE.compile("{{ $json.x + 1 }}")).isSameAs(a);
  }
}
