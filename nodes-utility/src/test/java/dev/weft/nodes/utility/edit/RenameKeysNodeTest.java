package dev.weft.nodes.utility.edit;

import static dev.weft.nodes.utility.common.FlowDataHarness.fail;
import static dev.weft.nodes.utility.common.FlowDataHarness.json;
import static dev.weft.nodes.utility.common.FlowDataHarness.parse;
import static dev.weft.nodes.utility.common.FlowDataHarness.single;
import static dev.weft.nodes.utility.common.FlowDataHarness.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionError;
import org.junit.jupiter.api.Test;

class RenameKeysNodeTest {
  private static Object rename(String params, String input) {
    return json(succeed(single("Rename", "weft.renameKeys", params), input).items("Rename"));
  }

  @Test
  void renamesByPairsIncludingNestedPathsAndSkipsMissingKeys() {
    assertThat(rename("""
        {"keys": [{"from": "first_name", "to": "firstName"}, {"from": "address.zip", "to": "postcode"},
                  {"from": "missing", "to": "there"}]}
        """, "[{\"first_name\": \"Ada\", \"address\": {\"zip\": \"N1\", \"city\": \"London\"}}]"))
        .isEqualTo(parse("[{\"firstName\": \"Ada\", \"address\": {\"city\": \"London\"}, \"postcode\": \"N1\"}]"));
  }

  @Test
  void pairsReadTheOriginalItemSoTwoKeysCanSwap() {
    assertThat(rename("""
        {"keys": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}]}
        """, "[{\"a\": 1, \"b\": 2}]")).isEqualTo(parse("[{\"a\": 2, \"b\": 1}]"));
  }

  @Test
  void renamesByRegularExpressionAtTheChosenDepth() {
    String input = "[{\"user_name\": \"x\", \"user_info\": {\"user_id\": 7}}]";
    assertThat(rename("""
        {"regexRules": [{"pattern": "^user_", "replacement": ""}]}
        """, input)).isEqualTo(parse("[{\"name\": \"x\", \"info\": {\"user_id\": 7}}]"));
    assertThat(rename("""
        {"regexRules": [{"pattern": "^USER_(.*)", "replacement": "u$1", "ignoreCase": true, "depth": -1}]}
        """, input)).isEqualTo(parse("[{\"uname\": \"x\", \"uinfo\": {\"uid\": 7}}]"));
  }

  @Test
  void reportsAnInvalidPatternAndAnIncompletePair() {
    ExecutionError bad = fail(single("Rename", "weft.renameKeys", """
        {"regexRules": [{"pattern": "[a-"}]}
        """), "[{\"a\": 1}]");
    assertThat(bad.message()).contains("rule 0").contains("'[a-' is not a valid regular expression");
    assertThat(bad.parameter()).isEqualTo("regexRules[0].pattern");
    ExecutionError empty = fail(single("Rename", "weft.renameKeys", """
        {"keys": [{"from": "a", "to": "{{ $json.nothing }}"}]}
        """), "[{\"a\": 1}]");
    assertThat(empty.message()).contains("rename 0 needs both a current and a new name");
  }
}
