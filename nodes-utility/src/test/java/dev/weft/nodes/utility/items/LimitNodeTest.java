package dev.weft.nodes.utility.items;

import static dev.weft.nodes.utility.common.FlowDataHarness.fail;
import static dev.weft.nodes.utility.common.FlowDataHarness.json;
import static dev.weft.nodes.utility.common.FlowDataHarness.parse;
import static dev.weft.nodes.utility.common.FlowDataHarness.single;
import static dev.weft.nodes.utility.common.FlowDataHarness.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.spi.PairedItem;
import org.junit.jupiter.api.Test;

class LimitNodeTest {
  private static final String INPUT = "[{\"n\": 1}, {\"n\": 2}, {\"n\": 3}, {\"n\": 4}]";

  @Test
  void keepsTheFirstItemsByDefault() {
    ExecutionResult r = succeed(single("Limit", "weft.limit", "{\"maxItems\": 2}"), INPUT);
    assertThat(json(r.items("Limit"))).isEqualTo(parse("[{\"n\": 1}, {\"n\": 2}]"));
    assertThat(json(succeed(single("Limit", "weft.limit", "{}"), INPUT).items("Limit"))).isEqualTo(parse("[{\"n\": 1}]"));
  }

  @Test
  void keepsTheLastItemsPairedWithTheirInputs() {
    ExecutionResult r = succeed(single("Limit", "weft.limit", "{\"maxItems\": 3, \"keep\": \"last\"}"), INPUT);
    assertThat(json(r.items("Limit"))).isEqualTo(parse("[{\"n\": 2}, {\"n\": 3}, {\"n\": 4}]"));
    assertThat(r.items("Limit").get(0).pairedItems()).containsExactly(PairedItem.of(1));
  }

  @Test
  void moreThanThereAreKeepsAllAndNegativeIsAnError() {
    assertThat(succeed(single("Limit", "weft.limit", "{\"maxItems\": 10}"), INPUT).items("Limit")).hasSize(4);
    assertThat(fail(single("Limit", "weft.limit", "{\"maxItems\": \"{{ -1 }}\"}"), INPUT).message())
        .endsWith("'maxItems' must be a whole number of 0 or more, got -1");
  }
}
