package dev.weft.nodes.utility.flow;

import static dev.weft.nodes.utility.common.FlowDataHarness.json;
import static dev.weft.nodes.utility.common.FlowDataHarness.parse;
import static dev.weft.nodes.utility.common.FlowDataHarness.single;
import static dev.weft.nodes.utility.common.FlowDataHarness.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.spi.PairedItem;
import org.junit.jupiter.api.Test;

class NoOpNodeTest {
  @Test
  void passesItemsOnUnchangedAndPairedWithTheirInput() {
    String input = "[{\"a\": 1, \"nested\": {\"b\": [1, 2]}}, {\"a\": 2}, {}]";
    ExecutionResult r = succeed(single("Nothing", "weft.noOp", "{}"), input);
    assertThat(json(r.items("Nothing"))).isEqualTo(parse(input));
    for (int i = 0; i < 3; i++) {
      assertThat(r.items("Nothing").get(i).pairedItems()).containsExactly(PairedItem.of(i));
    }
  }

  @Test
  void rejectsParametersItDoesNotHave() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> succeed(single("Nothing", "weft.noOp", "{\"mode\": \"x\"}"), "[{}]"))
        .hasMessageContaining("mode");
  }
}
