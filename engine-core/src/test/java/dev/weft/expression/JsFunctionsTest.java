package dev.weft.expression;

import static dev.weft.expression.Expressions.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsFunctionsTest {
  @Test
  void plusConcatenatesWhenEitherSideIsAString() throws Exception {
    assertThat(eval("{{ $plus(1, 2) }}")).isEqualTo(3L);
    assertThat(eval("{{ $plus(0.1, 0.2) }}")).isEqualTo(0.30000000000000004);
    assertThat(eval("{{ $plus('a', 1) }}")).isEqualTo("a1");
    assertThat(eval("{{ $plus(1, '1') }}")).isEqualTo("11");
    assertThat(eval("{{ $plus('x', null) }}")).isEqualTo("xnull");
    assertThat(eval("{{ $plus('x', $json.missing) }}")).isEqualTo("xundefined");
    assertThat(eval("{{ $plus([1, 2], 3) }}")).isEqualTo("1,23");
    assertThat(eval("{{ $plus({'a': 1}, '') }}")).isEqualTo("[object Object]");
    assertThat(eval("{{ $plus(true, 1) }}")).isEqualTo(2L);
    assertThat(eval("{{ $plus(null, 1) }}")).isEqualTo(1L);
    assertThat(eval("{{ $plus($json.missing, 1) }}")).isNull(); // NaN
  }

  @Test
  void orAndReturnAnOperand() throws Exception {
    assertThat(eval("{{ $or($json.missing, 'fallback') }}")).isEqualTo("fallback");
    assertThat(eval("{{ $or('', 0) }}")).isEqualTo(0L);
    assertThat(eval("{{ $or('set', 'fallback') }}")).isEqualTo("set");
    assertThat(eval("{{ $and(1, 'second') }}")).isEqualTo("second");
    assertThat(eval("{{ $and(0, 'second') }}")).isEqualTo(0L);
    assertThat(eval("{{ $and(null, 'second') }}")).isNull();
  }

  @Test
  void truthyFollowsJavaScript() throws Exception {
    assertThat(eval("{{ [$truthy(0), $truthy(''), $truthy(null), $truthy($json.x), $truthy(false)] }}"))
        .isEqualTo(List.of(false, false, false, false, false));
    assertThat(eval("{{ [$truthy([]), $truthy({}), $truthy('0'), $truthy(-1), $truthy(true)] }}"))
        .isEqualTo(List.of(true, true, true, true, true));
  }

  @Test
  void includesStartsWithEndsWith() throws Exception {
    assertThat(eval("{{ $includes('hello', 'ell') }}")).isEqualTo(true);
    assertThat(eval("{{ $includes('a1', 1) }}")).isEqualTo(true);
    assertThat(eval("{{ $includes([1, 2, 3], 2.0) }}")).isEqualTo(true);
    assertThat(eval("{{ $includes([1, 2, 3], '2') }}")).isEqualTo(false);
    assertThat(eval("{{ $includes(['a', null], null) }}")).isEqualTo(true);
    assertThat(eval("{{ $startsWith('hello', 'he') }}")).isEqualTo(true);
    assertThat(eval("{{ $endsWith('hello', 'lo') }}")).isEqualTo(true);
    assertThat(eval("{{ $endsWith('hello', 'he') }}")).isEqualTo(false);
    assertThatThrownBy(() -> eval("{{ $includes({'a': 1}, 'a') }}"))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("$includes() expects a string or an array")
        .hasMessageContaining("got an object");
    assertThatThrownBy(() -> eval("{{ $startsWith($json.missing, 'a') }}"))
        .hasMessageContaining("$startsWith() expects a string as argument 1, got undefined");
  }

  @Test
  void isEmptyLenAndIfEmpty() throws Exception {
    assertThat(eval("{{ [$isEmpty(''), $isEmpty([]), $isEmpty({}), $isEmpty(null), $isEmpty($json.x)] }}"))
        .isEqualTo(List.of(true, true, true, true, true));
    assertThat(eval("{{ [$isEmpty(' '), $isEmpty([0]), $isEmpty(0), $isEmpty(false)] }}"))
        .isEqualTo(List.of(false, false, false, false));
    assertThat(eval("{{ [$len('héllo'), $len([1, 2]), $len({'a': 1, 'b': 2})] }}")).isEqualTo(List.of(5L, 2L, 2L));
    assertThat(eval("{{ $len('😀') }}")).isEqualTo(2L);
    assertThatThrownBy(() -> eval("{{ $len(5) }}")).hasMessageContaining("$len() expects a string, an array or an object, got a number");
    assertThat(eval("{{ $ifEmpty($json.name, 'anonymous') }}")).isEqualTo("anonymous");
    assertThat(eval("{{ $ifEmpty('Ada', 'anonymous') }}")).isEqualTo("Ada");
    assertThat(eval("{{ $ifEmpty(0, 'anonymous') }}")).isEqualTo(0L);
  }

  @Test
  void toFixedRoundsTheExactBinaryValue() throws Exception {
    assertThat(eval("{{ $toFixed(3.14159, 2) }}")).isEqualTo("3.14");
    assertThat(eval("{{ $toFixed(1.005, 2) }}")).isEqualTo("1.00");
    assertThat(eval("{{ $toFixed(1.5) }}")).isEqualTo("2");
    assertThat(eval("{{ $toFixed(2.5, 0) }}")).isEqualTo("3");
    assertThat(eval("{{ $toFixed(-1.5, 0) }}")).isEqualTo("-2");
    assertThat(eval("{{ $toFixed(10, 3) }}")).isEqualTo("10.000");
    assertThat(eval("{{ $toFixed(1e21, 2) }}")).isEqualTo("1e+21");
    assertThatThrownBy(() -> eval("{{ $toFixed('3.1', 1) }}")).hasMessageContaining("$toFixed() expects a number");
    assertThatThrownBy(() -> eval("{{ $toFixed(3.1, 101) }}")).hasMessageContaining("between 0 and 100");
  }

  @Test
  void jsonParseAndStringify() throws Exception {
    assertThat(eval("{{ $jsonParse('{\"a\": [1, 2.5, null]}') }}"))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1L, 2.5, null)));
    assertThat(eval("{{ $jsonParse('null') }}")).isNull();
    assertThat(eval("{{ $jsonParse('\"s\"') }}")).isEqualTo("s");
    assertThatThrownBy(() -> eval("{{ $jsonParse('{oops') }}")).hasMessageContaining("$jsonParse() could not parse");
    assertThatThrownBy(() -> eval("{{ $jsonParse('1 2') }}")).hasMessageContaining("$jsonParse() could not parse");
    assertThat(eval("{{ $jsonStringify({'a': 1.0, 'b': [true, null], 'c': 'x\"y'}) }}"))
        .isEqualTo("{\"a\":1,\"b\":[true,null],\"c\":\"x\\\"y\"}");
    assertThat(eval("{{ $jsonStringify($json.missing) }}")).isNull();
    assertThat(eval("{{ $jsonStringify('s') }}")).isEqualTo("\"s\"");
  }

  @Test
  void typeOfIsJavaScriptTypeof() throws Exception {
    assertThat(eval("{{ [$typeOf('s'), $typeOf(1), $typeOf(true), $typeOf(null), $typeOf([]), $typeOf({}), "
        + "$typeOf($json.x), $typeOf($sum)] }}"))
        .isEqualTo(List.of("string", "number", "boolean", "object", "object", "object", "undefined", "function"));
  }
}
