package dev.weft.n8n.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTranslatorTest {

  private static String js(String expression) throws UntranslatableException {
    return ExpressionTranslator.translateExpression(expression);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "$json.name | $json.name",
      "$json['first name'] | $json.`first name`",
      "$json[\"server\"] | $json.server",
      "$json.data.events[0].description | $json.data.events[0].description",
      "$json.and | $json.`and`",
      "$node[\"Fetch\"].json.id | $node(\"Fetch\").json.id",
      "$node['Subtract date'].json.newDate | $node(\"Subtract date\").json.newDate",
      "$node.Code.json.currentDate | $node(\"Code\").json.currentDate",
      "$node[\"Loop\"].context[\"noItemsLeft\"] | $node(\"Loop\").context.noItemsLeft",
      "$('Code').item.json.id | $node(\"Code\").json.id",
      "$('Code').first().json.id | $nodeItems(\"Code\")[0].json.id",
      "$('Code').last().json | $nodeItems(\"Code\")[-1].json",
      "$('Code').all() | [$nodeItems(\"Code\")]",
      "$input.item.json.x | $input.item.json.x",
      "$input.first().json.x | $inputItems()[0].json.x",
      "$input.all() | [$inputItems()]",
      "$items() | [$inputItems()]",
      "$items(\"Fetch\") | [$nodeItems(\"Fetch\")]",
      "$now | $now",
      "$today | $today",
      "$runIndex | $runIndex",
      "$itemIndex | $itemIndex",
      "$workflow.id | $workflow.id",
      "$execution.id | $execution.id",
      "null | null",
      "undefined | ()",
      "true | true",
      "42 | 42",
      "1.5 | 1.5",
      "'it''s' | ~\"it's\"~",
  })
  void translatesDataAccess(String javaScript, String jsonata) throws Exception {
    assertThat(js(javaScript.replace("''", "\\'"))).isEqualTo(jsonata);
  }

  @Test
  void translatesOperatorsWithJavaScriptSemantics() throws Exception {
    assertThat(js("$json.a + 1")).isEqualTo("$plus($json.a, 1)");
    assertThat(js("$json.a - 1")).isEqualTo("($json.a - 1)");
    assertThat(js("$json.a * 2 + 1")).isEqualTo("$plus(($json.a * 2), 1)");
    assertThat(js("2 ** 3")).isEqualTo("$power(2, 3)");
    assertThat(js("$json.a === 'x'")).isEqualTo("($json.a = \"x\")");
    assertThat(js("$json.a !== 2")).isEqualTo("($json.a != 2)");
    assertThat(js("$json.a >= 2")).isEqualTo("($json.a >= 2)");
    assertThat(js("$json.a && $json.b")).isEqualTo("$and($json.a, $json.b)");
    assertThat(js("$json.a || 'none'")).isEqualTo("$or($json.a, \"none\")");
    assertThat(js("!$json.notes")).isEqualTo("$not($truthy($json.notes))");
    assertThat(js("-$json.n")).isEqualTo("-$json.n");
    assertThat(js("-1")).isEqualTo("-1");
    assertThat(js("typeof $json.x")).isEqualTo("$typeOf($json.x)");
    assertThat(js("$json.ok ? 'yes' : 'no'")).isEqualTo("($truthy($json.ok) ? \"yes\" : \"no\")");
  }

  @Test
  void comparesWithUndefinedAndNullAsJavaScriptDoes() throws Exception {
    assertThat(js("$json.x === undefined")).isEqualTo("$not($exists($json.x))");
    assertThat(js("$json.x !== undefined")).isEqualTo("$exists($json.x)");
    assertThat(js("$json.x == null")).isEqualTo("($not($exists($json.x)) or $json.x = null)");
    assertThat(js("$json.x === null")).isEqualTo("($json.x = null)");
  }

  @Test
  void respectsPrecedenceAndAssociativity() throws Exception {
    assertThat(js("1 + 2 * 3")).isEqualTo("$plus(1, (2 * 3))");
    assertThat(js("(1 + 2) * 3")).isEqualTo("($plus(1, 2) * 3)");
    assertThat(js("2 ** 3 ** 2")).isEqualTo("$power(2, $power(3, 2))");
    assertThat(js("$json.a || $json.b && $json.c")).isEqualTo("$or($json.a, $and($json.b, $json.c))");
    assertThat(js("$json.a ? 1 : $json.b ? 2 : 3"))
        .isEqualTo("($truthy($json.a) ? 1 : ($truthy($json.b) ? 2 : 3))");
  }

  @Test
  void translatesStringAndArrayMethods() throws Exception {
    assertThat(js("$json.s.toUpperCase()")).isEqualTo("$uppercase($json.s)");
    assertThat(js("$json.s.toLowerCase()")).isEqualTo("$lowercase($json.s)");
    assertThat(js("$json.s.includes('a')")).isEqualTo("$includes($json.s, \"a\")");
    assertThat(js("$json.s.startsWith('a')")).isEqualTo("$startsWith($json.s, \"a\")");
    assertThat(js("$json.s.endsWith('a')")).isEqualTo("$endsWith($json.s, \"a\")");
    assertThat(js("$json.s.length")).isEqualTo("$len($json.s)");
    assertThat(js("$json.s.trim()")).isEqualTo("$replace($json.s, /^\\s+|\\s+$/, \"\")");
    assertThat(js("$json.s.split(',')[1]")).isEqualTo("[$split($json.s, \",\")][1]");
    assertThat(js("$json.list.join('-')")).isEqualTo("$join($map($json.list, function($v) { $string($v) }), \"-\")");
    assertThat(js("$json.s.replace('a', 'b')")).isEqualTo("$replace($json.s, $string(\"a\"), $string(\"b\"), 1)");
    assertThat(js("$json.s.replaceAll('a', 'b')")).isEqualTo("$replace($json.s, $string(\"a\"), $string(\"b\"))");
    assertThat(js("$json.n.toString()")).isEqualTo("$string($json.n)");
    assertThat(js("$json.n.toFixed(2)")).isEqualTo("$toFixed($json.n, 2)");
    assertThat(js("$json.items.map(x => x.id)")).isEqualTo("[$map($json.items, function($__x1) { $__x1.id })]");
    assertThat(js("$json.items.filter(i => i.ok).length"))
        .isEqualTo("$len([$filter($json.items, function($__i1) { $truthy($__i1.ok) })])");
    assertThat(js("$json.s.slice(1, 3)")).startsWith("($__s1 := $json.s; ").contains("$substring(");
    assertThat(js("['a', 'b'].indexOf($json.x)")).contains("$filter($map(").contains("$substringBefore(");
  }

  @Test
  void translatesGlobals() throws Exception {
    assertThat(js("Math.max(0, $json.a)")).isEqualTo("$max([0, $json.a])");
    assertThat(js("Math.min($json.a, 1)")).isEqualTo("$min([$json.a, 1])");
    assertThat(js("Math.round($json.a)")).isEqualTo("$floor($json.a + 0.5)");
    assertThat(js("Math.floor($json.a)")).isEqualTo("$floor($json.a)");
    assertThat(js("Math.pow(2, 8)")).isEqualTo("$power(2, 8)");
    assertThat(js("JSON.stringify($json)")).isEqualTo("$jsonStringify($json)");
    assertThat(js("JSON.parse($json.text)")).isEqualTo("$jsonParse($json.text)");
    assertThat(js("Object.keys($json)")).isEqualTo("[$keys($json)]");
    assertThat(js("Number($json.data)")).isEqualTo("$number($json.data)");
    assertThat(js("String($json.n)")).isEqualTo("$string($json.n)");
    assertThat(js("parseInt($json.t)"))
        .isEqualTo("($__n1 := $number($string($json.t)); $__n1 < 0 ? $ceil($__n1) : $floor($__n1))");
  }

  @Test
  void translatesLuxonDates() throws Exception {
    assertThat(js("DateTime.fromISO($json.d)")).isEqualTo("$dateParse($json.d)");
    assertThat(js("DateTime.fromISO($json.d).minus({days: 1})")).isEqualTo("$dateMinus($dateParse($json.d), 1, \"days\")");
    assertThat(js("$now.plus({day: 1, hours: 2})")).isEqualTo("$datePlus($datePlus($now, 1, \"days\"), 2, \"hours\")");
    assertThat(js("$now.plus(3, 'weeks')")).isEqualTo("$datePlus($now, 3, \"weeks\")");
    assertThat(js("$now.toFormat('yyyy-MM-dd')")).isEqualTo("$dateFormat($now, \"yyyy-MM-dd\")");
    assertThat(js("$now.toMillis()")).isEqualTo("$dateToMillis($now)");
    assertThat(js("$now.toISO()")).isEqualTo("$now");
    assertThat(js("$today.startOf('month')")).isEqualTo("$dateStartOf($today, \"month\")");
    assertThat(js("DateTime.fromMillis($json.ms)")).isEqualTo("$dateFromMillis($json.ms)");
    assertThat(js("DateTime.now()")).isEqualTo("$now");
    assertThat(js("$json.d.toDateTime()")).isEqualTo("$dateParse($json.d)");
    assertThat(js("$json.d.toDateTime('dd.MM.yyyy')")).isEqualTo("$dateParse($json.d, \"dd.MM.yyyy\")");
  }

  @Test
  void translatesTemplatesAndLiterals() throws Exception {
    assertThat(js("`id-${$json.id}!`")).isEqualTo("(\"id-\" & $string($json.id) & \"!\")");
    assertThat(js("[1, 'a', null]")).isEqualTo("[1, \"a\", null]");
    assertThat(js("{a: 1, 'b c': $json.x}")).isEqualTo("{ \"a\": 1, \"b c\": $json.x }");
    assertThat(js("{a: 1, b: 2, a: 3}")).isEqualTo("{ \"a\": 3, \"b\": 2 }");
  }

  @Test
  void keepsTextAroundSegments() throws Exception {
    assertThat(ExpressionTranslator.translateTemplate("=Hello {{ $json.name }}!")).isEqualTo("Hello {{ $json.name }}!");
    assertThat(ExpressionTranslator.translateTemplate("={{ $json.a }}")).isEqualTo("{{ $json.a }}");
    assertThat(ExpressionTranslator.translateTemplate("=A-{{ $runIndex }}-{{ $itemIndex }}"))
        .isEqualTo("A-{{ $runIndex }}-{{ $itemIndex }}");
    assertThat(ExpressionTranslator.translateTemplate("=plain")).isEqualTo("plain");
    assertThat(ExpressionTranslator.translateTemplate("={{ {a: {b: 1}} }}")).isEqualTo("{{ { \"a\": { \"b\": 1 } } }}");
    assertThat(ExpressionTranslator.translateTemplate("={{ '}}' }}")).isEqualTo("{{ \"}\\u007d\" }}");
  }

  @Test
  void namesWhatCannotBeTranslated() {
    assertThatThrownBy(() -> js("$node[\"Loop\"].parameter[\"batchSize\"]"))
        .isInstanceOf(UntranslatableException.class)
        .hasMessageContaining("$node[\"Loop\"].parameter")
        .hasMessageContaining("not readable in Weft expressions")
        .satisfies(e -> assertThat(((UntranslatableException) e).javaScript())
            .isEqualTo("$node[\"Loop\"].parameter[\"batchSize\"]"));
    assertThatThrownBy(() -> js("$('Loop').context.done")).hasMessageContaining("use $node[\"Loop\"].context");
    assertThatThrownBy(() -> js("items[0].json")).hasMessageContaining("legacy 'items' array");
    assertThatThrownBy(() -> js("$json.a = 1")).hasMessageContaining("assignment ('=')");
    assertThatThrownBy(() -> js("$json.s.match(/a+/)")).hasMessageContaining("regular expression literals");
    assertThatThrownBy(() -> js("$json.s.localeCompare('b')")).hasMessageContaining("method .localeCompare()");
    assertThatThrownBy(() -> js("myVar + 1")).hasMessageContaining("unknown variable 'myVar'");
    assertThatThrownBy(() -> js("$binary.data")).hasMessageContaining("$binary");
    assertThatThrownBy(() -> js("$env.SECRET")).hasMessageContaining("environment variables");
    assertThatThrownBy(() -> js("$json.a +")).hasMessageContaining("ends too early");
    assertThatThrownBy(() -> js("$json.a $json.b")).hasMessageContaining("unexpected");
    assertThatThrownBy(() -> js("$('A').itemMatching(0)")).hasMessageContaining("itemMatching");
    assertThatThrownBy(() -> js("new Map()")).hasMessageContaining("new Date");
    assertThatThrownBy(() -> js("$json.list.map(function (x) { return x })"))
        .hasMessageContaining("function expressions are not supported");
    assertThatThrownBy(() -> js("$json.list.map(x => { return x })")).hasMessageContaining("block body");
    assertThatThrownBy(() -> js("$now.diff($json.d)")).hasMessageContaining("method .diff()");
    assertThatThrownBy(() -> js("$now.plus({fortnights: 1})")).hasMessageContaining("unknown duration unit 'fortnights'");
    assertThatThrownBy(() -> js("Math.atan2(1, 2)")).hasMessageContaining("Math.atan2() is not supported");
    assertThatThrownBy(() -> js("   ")).hasMessageContaining("empty");
  }

  @Test
  void reportsTheSegmentThatFails() {
    assertThatThrownBy(() -> ExpressionTranslator.translateTemplate("=ok {{ $json.a }} bad {{ $prevNode.name }}"))
        .isInstanceOf(UntranslatableException.class)
        .hasMessageContaining("`$prevNode.name`")
        .hasMessageContaining("$prevNode");
    assertThatThrownBy(() -> ExpressionTranslator.translateTemplate("={{ $json.a "))
        .hasMessageContaining("never closed");
  }

  @Test
  void escapesFixedTextThatLooksLikeATemplate() {
    assertThat(ExpressionTranslator.literalText("plain")).isEqualTo("plain");
    assertThat(ExpressionTranslator.literalText("Hi {{ name }}")).isEqualTo("{{ \"Hi {{ name }\\u007d\" }}");
  }

  @Test
  void recognisesExpressions() {
    assertThat(ExpressionTranslator.isExpression("={{ 1 }}")).isTrue();
    assertThat(ExpressionTranslator.isExpression("{{ 1 }}")).isFalse();
    assertThat(ExpressionTranslator.isExpression(3)).isFalse();
  }
}
