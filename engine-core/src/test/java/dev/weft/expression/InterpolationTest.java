package dev.weft.expression;

import static dev.weft.expression.Expressions.eval;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {
  @Test
  void nullAndUndefinedWriteNothing() throws Exception {
    assertThat(eval("[{{ null }}][{{ $json.missing }}]")).isEqualTo("[][]");
  }

  @Test
  void numbersAreWrittenLikeJavaScript() throws Exception {
    assertThat(eval("{{ 1.0 }} {{ 2.5 }} {{ 0.1 + 0.2 }} {{ -0 }}")).isEqualTo("1 2.5 0.30000000000000004 0");
    assertThat(eval("{{ 1e21 }} {{ 1e20 }} {{ 0.0000001 }} {{ 0.000001 }}"))
        .isEqualTo("1e+21 100000000000000000000 1e-7 0.000001");
    assertThat(eval("{{ 123456789012 }}|{{ 1/3 }}")).isEqualTo("123456789012|0.3333333333333333");
    assertThat(eval("x{{ $json.big }}", TestScope.of("big", 9007199254740993L))).isEqualTo("x9007199254740993");
  }

  @Test
  void numbersUseTheShortestDigitsThatReadBack() {
    assertThat(Values.jsNumber(1e23)).isEqualTo("1e+23");
    assertThat(Values.jsNumber(2.82879384806159e17)).isEqualTo("282879384806159000");
    assertThat(Values.jsNumber(0.1 + 0.7)).isEqualTo("0.7999999999999999");
    assertThat(Values.jsNumber(-1.5e-10)).isEqualTo("-1.5e-10");
    assertThat(Values.jsNumber(123.456)).isEqualTo("123.456");
    assertThat(Values.jsNumber(Double.NaN)).isEqualTo("NaN");
    assertThat(Values.jsNumber(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
  }

  @Test
  void booleansAndStrings() throws Exception {
    assertThat(eval("{{ true }}/{{ 'txt' }}")).isEqualTo("true/txt");
  }

  @Test
  void objectsAndListsAsCompactJson() throws Exception {
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("a", 1L);
    obj.put("s", "q\"uote\n");
    obj.put("n", null);
    obj.put("l", new ArrayList<>(Arrays.asList(1.5, null, true)));
    assertThat(eval("obj={{ $json.o }}", TestScope.of("o", obj)))
        .isEqualTo("obj={\"a\":1,\"s\":\"q\\\"uote\\n\",\"n\":null,\"l\":[1.5,null,true]}");
    assertThat(eval("list={{ [1, 'two', {'x': 3.0}] }}")).isEqualTo("list=[1,\"two\",{\"x\":3}]");
  }

  @Test
  void literalTextIsKeptExactly() throws Exception {
    assertThat(eval("  Hello {{ $json.name }}, you owe {{ $json.amount * 2 }} EUR.  ",
        TestScope.of("name", "Ada", "amount", 10.25))).isEqualTo("  Hello Ada, you owe 20.5 EUR.  ");
  }

  @Test
  void bracesInsideExpressionsDoNotEndThem() throws Exception {
    assertThat(eval("{{ {'a': {'b': 1}} }}")).isEqualTo(Map.of("a", Map.of("b", 1L)));
    assertThat(eval("x{{ '}}' }}y")).isEqualTo("x}}y");
    assertThat(eval("x{{ \"a}}b\" /* }} */ }}y")).isEqualTo("xa}}by");
    assertThat(eval("{{ 1 }}}")).isEqualTo("1}");
  }

  @Test
  void manyExpressions() throws Exception {
    TestScope scope = TestScope.of("a", 1L, "b", List.of("x"), "c", Map.of());
    assertThat(eval("{{ $json.a }}-{{ $json.b }}-{{ $json.c }}-{{ $json.d }}", scope)).isEqualTo("1-[\"x\"]-{}-");
  }
}
