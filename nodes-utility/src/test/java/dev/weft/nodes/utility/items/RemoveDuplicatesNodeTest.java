package dev.weft.nodes.utility.items;

import static dev.weft.nodes.utility.common.FlowDataHarness.fail;
import static dev.weft.nodes.utility.common.FlowDataHarness.json;
import static dev.weft.nodes.utility.common.FlowDataHarness.parse;
import static dev.weft.nodes.utility.common.FlowDataHarness.single;
import static dev.weft.nodes.utility.common.FlowDataHarness.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionError;
import dev.weft.ExecutionResult;
import dev.weft.spi.PairedItem;
import org.junit.jupiter.api.Test;

class RemoveDuplicatesNodeTest {
  private static final String INPUT = """
      [ {"id": 1, "email": "a@x.io", "meta": {"seen": 1}},
        {"id": 2, "email": "b@x.io", "meta": {"seen": 1}},
        {"meta": {"seen": 1}, "email": "a@x.io", "id": 1},
        {"id": 3, "email": "a@x.io", "meta": {"seen": 2}} ]
      """;

  private static ExecutionResult dedupe(String params, String input) {
    return succeed(single("Dedupe", "weft.removeDuplicates", params), input);
  }

  @Test
  void comparesWholeItemsIgnoringKeyOrder() {
    ExecutionResult r = dedupe("{}", INPUT);
    assertThat(json(r.items("Dedupe"))).isEqualTo(parse("""
        [ {"id": 1, "email": "a@x.io", "meta": {"seen": 1}}, {"id": 2, "email": "b@x.io", "meta": {"seen": 1}},
          {"id": 3, "email": "a@x.io", "meta": {"seen": 2}} ]
        """));
    assertThat(r.items("Dedupe").get(2).pairedItems()).containsExactly(PairedItem.of(3));
  }

  @Test
  void comparesSelectedFieldsKeepingTheFirst() {
    ExecutionResult r = dedupe("{\"compare\": \"selectedFields\", \"fields\": \"email\"}", INPUT);
    assertThat(r.items("Dedupe")).extracting(i -> i.json().get("id")).containsExactly(1L, 2L);
    ExecutionResult nested = dedupe("{\"compare\": \"selectedFields\", \"fields\": \"meta.seen\"}", INPUT);
    assertThat(nested.items("Dedupe")).extracting(i -> i.json().get("id")).containsExactly(1L, 3L);
  }

  @Test
  void comparesAllFieldsButSome() {
    ExecutionResult r = dedupe("{\"compare\": \"allFieldsExcept\", \"fields\": \"id, meta\"}", INPUT);
    assertThat(r.items("Dedupe")).extracting(i -> i.json().get("id")).containsExactly(1L, 2L);
  }

  @Test
  void keepsOnlyTheComparedFieldsWhenAsked() {
    ExecutionResult selected = dedupe("{\"compare\": \"selectedFields\", \"fields\": \"email, meta.seen\", "
        + "\"removeOtherFields\": true}", INPUT);
    assertThat(json(selected.items("Dedupe"))).isEqualTo(parse("""
        [ {"email": "a@x.io", "meta": {"seen": 1}}, {"email": "b@x.io", "meta": {"seen": 1}},
          {"email": "a@x.io", "meta": {"seen": 2}} ]
        """));
    assertThat(selected.items("Dedupe").get(2).pairedItems()).containsExactly(PairedItem.of(3));
    ExecutionResult except = dedupe("{\"compare\": \"allFieldsExcept\", \"fields\": \"id, meta\", "
        + "\"removeOtherFields\": true}", INPUT);
    assertThat(json(except.items("Dedupe"))).isEqualTo(parse("[ {\"email\": \"a@x.io\"}, {\"email\": \"b@x.io\"} ]"));
    ExecutionResult kept = dedupe("{\"compare\": \"allFieldsExcept\", \"fields\": \"id, meta\"}", INPUT);
    assertThat(json(kept.items("Dedupe"))).isEqualTo(parse("""
        [ {"id": 1, "email": "a@x.io", "meta": {"seen": 1}}, {"id": 2, "email": "b@x.io", "meta": {"seen": 1}} ]
        """));
  }

  @Test
  void numbersAndTheirTextDifferSoMixedTypesAreAnError() {
    ExecutionError e = fail(single("Dedupe", "weft.removeDuplicates",
        "{\"compare\": \"selectedFields\", \"fields\": \"code\"}"), "[{\"code\": 1}, {\"code\": \"1\"}]");
    assertThat(e.message()).endsWith("field 'code' is not always of the same type: number in item 0, string in item 1");
  }

  @Test
  void aSelectedFieldMissingFromAnItemIsAnError() {
    ExecutionError e = fail(single("Dedupe", "weft.removeDuplicates",
        "{\"compare\": \"selectedFields\", \"fields\": \"email, phone\"}"), INPUT);
    assertThat(e.message()).endsWith("field 'phone' is missing from item 0");
  }
}
