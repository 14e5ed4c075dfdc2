package dev.weft.n8n.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeLiteralsTest {

  @Test
  void readsJavaScriptObjectSyntax() throws Exception {
    Object v = CodeLiterals.returnedValue("""
        // a comment
        return [
          {
            id: 1, name: 'Ada', "quoted key": "x", 'single': true, 7: null, neg: -2.5, hex: 0x1F,
            nested: { list: [1, [2, 3], { deep: false }], },
            tpl: `plain`,
          },
        ];
        """);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("id", 1L);
    expected.put("name", "Ada");
    expected.put("quoted key", "x");
    expected.put("single", true);
    expected.put("7", null);
    expected.put("neg", -2.5);
    expected.put("hex", 31L);
    expected.put("nested", Map.of("list", List.of(1L, List.of(2L, 3L), Map.of("deep", false))));
    expected.put("tpl", "plain");
    assertThat(v).isEqualTo(List.of(expected));
  }

  @Test
  void resolvesDeclaredConstantsAndShorthand() throws Exception {
    Object v = CodeLiterals.returnedValue("""
        const data = { a: 1 };
        let list = ['x', 'y'], n = 3;
        var more = [...list, 'z'];
        /* block comment */
        return {data, list, more, n, extra: {...data, b: 2}, tag: 'bar'};
        """);
    assertThat(v).isEqualTo(Map.of("data", Map.of("a", 1L), "list", List.of("x", "y"), "more",
        List.of("x", "y", "z"), "n", 3L, "extra", Map.of("a", 1L, "b", 2L), "tag", "bar"));
  }

  @Test
  void dropsUndefinedLikeJsonStringifyAndKeepsTheLastDuplicate() throws Exception {
    Object v = CodeLiterals.returnedValue("return {a: undefined, b: [undefined], c: 1, c: 2}");
    Map<String, Object> expected = new LinkedHashMap<>();
    java.util.ArrayList<Object> withNull = new java.util.ArrayList<>();
    withNull.add(null);
    expected.put("b", withNull);
    expected.put("c", 2L);
    assertThat(v).isEqualTo(expected);
  }

  @Test
  void readsEscapes() throws Exception {
    assertThat(CodeLiterals.returnedValue("return {s: 'it\\'s \\u00e9\\n\\t\\\\'}"))
        .isEqualTo(Map.of("s", "it's é\n\t\\"));
  }

  @Test
  void reportsLogicWithTheStatementAndWhy() {
    assertThatThrownBy(() -> CodeLiterals.returnedValue("""
        let sum = 0;
        for (const item of $input.all()) {
          sum += item.json.value;
        }
        return [ {sum} ];
        """))
        .isInstanceOf(UntranslatableException.class)
        .hasMessageContaining("`for (const item of $input.all()) {")
        .hasMessageContaining("the 'for' statement is logic, not literal data");
    assertThatThrownBy(() -> CodeLiterals.returnedValue("return [{ date: $now }]"))
        .hasMessageContaining("'$now' is not literal data (it reads the execution's data)");
    assertThatThrownBy(() -> CodeLiterals.returnedValue("return items;"))
        .hasMessageContaining("'items' is not literal data");
    assertThatThrownBy(() -> CodeLiterals.returnedValue("return [{ d: new Date('2020-01-01') }]"))
        .hasMessageContaining("'new' is computed");
    assertThatThrownBy(() -> CodeLiterals.returnedValue("return [{ n: 1 + 2 }]"))
        .hasMessageContaining("the operator '+' is computed");
    assertThatThrownBy(() -> CodeLiterals.returnedValue("return [{ s: `a${1}` }]"))
        .hasMessageContaining("${...} substitutions");
    assertThatThrownBy(() -> CodeLiterals.returnedValue("return {a: 1}; console.log(1)"))
        .hasMessageContaining("code after the return statement");
    assertThatThrownBy(() -> CodeLiterals.returnedValue("const a = 1;"))
        .hasMessageContaining("never returns data");
    assertThatThrownBy(() -> CodeLiterals.returnedValue("if (x) { return [] }"))
        .hasMessageContaining("the 'if' statement is logic");
    assertThatThrownBy(() -> CodeLiterals.returnedValue("return [{ a: 'unterminated }]"))
        .hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> CodeLiterals.returnedValue("return [{ a: b }]"))
        .hasMessageContaining("'b' is not literal data (it is not a constant declared above)");
  }

  @Test
  void translatesComputedDataToJsonata() throws Exception {
    assertThat(CodeLiterals.returnedJsonata("const base = 'k';\nreturn [{json: {key: base + $runIndex, at: $now}}, "
        + "{n: 1}]")).isEqualTo("[{ \"key\": $plus(\"k\", $runIndex), \"at\": $now }, { \"n\": 1 }]");
    assertThat(CodeLiterals.returnedJsonata("return {a: $json.x}")).isEqualTo("[{ \"a\": $json.x }]");
    assertThatThrownBy(() -> CodeLiterals.returnedJsonata("let s = 0;\nfor (;;) {}\nreturn {s}"))
        .hasMessageContaining("the 'for' statement is logic");
    assertThatThrownBy(() -> CodeLiterals.returnedJsonata("return items.map(i => i.json)"))
        .hasMessageContaining("not written out as object literals");
  }
}
