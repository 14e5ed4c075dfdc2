package dev.weft.nodes.utility.execution;

import static dev.weft.nodes.utility.io.Runs.failure;
import static dev.weft.nodes.utility.io.Runs.json;
import static dev.weft.nodes.utility.io.Runs.ok;
import static dev.weft.nodes.utility.io.Runs.parse;
import static dev.weft.nodes.utility.io.Runs.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionDataNodeTest {

  @Test
  void savesTheValuesAndPassesItemsOn() {
    ExecutionResult r = ok(single("Save", "weft.executionData", """
        { "values": [ { "key": "orderId", "value": "{{ $json.id }}" }, { "key": "source", "value": "shop" } ] }"""),
        "[{\"id\": \"123456\", \"total\": 9.5}]");

    assertThat(r.customData()).containsExactlyInAnyOrderEntriesOf(Map.of("orderId", "123456", "source", "shop"));
    assertThat(json(r.items("Save"))).isEqualTo(parse("[{\"id\": \"123456\", \"total\": 9.5}]"));
  }

  @Test
  void theLastItemsValueWins() {
    ExecutionResult r = ok(single("Save", "weft.executionData",
        "{ \"values\": [ { \"key\": \"id\", \"value\": \"{{ $json.id }}\" } ] }"), "[{\"id\": 1}, {\"id\": 2}]");

    assertThat(r.customData()).containsEntry("id", "2");
    assertThat(r.items("Save")).hasSize(2);
  }

  @Test
  void refusesAKeyThatIsTooLong() {
    String key = "k".repeat(51);
    var error = failure(single("Save", "weft.executionData",
        "{ \"values\": [ { \"key\": \"" + key + "\", \"value\": \"x\" } ] }"), "[{}]");

    assertThat(error.parameter()).isEqualTo("values");
    assertThat(error.message()).contains(key).contains("51 characters").contains("at most 50");
  }

  @Test
  void refusesAKeyThatEvaluatesToNothing() {
    var error = failure(single("Save", "weft.executionData",
        "{ \"values\": [ { \"key\": \"{{ $json.k }}\", \"value\": \"x\" } ] }"), "[{\"k\": \"\"}]");

    assertThat(error.message()).contains("entry 0").contains("no key");
  }
}
