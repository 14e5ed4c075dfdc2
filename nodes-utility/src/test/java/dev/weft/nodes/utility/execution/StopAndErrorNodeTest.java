package dev.weft.nodes.utility.execution;

import static dev.weft.nodes.utility.io.Runs.failure;
import static dev.weft.nodes.utility.io.Runs.single;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StopAndErrorNodeTest {

  @Test
  void failsWithTheMessageEvaluatedForTheItem() {
    var error = failure(single("Stop", "weft.stopAndError",
        "{ \"errorType\": \"message\", \"message\": \"Order {{ $json.id }} not found\" }"), "[{\"id\": 7}]");

    assertThat(error.nodeName()).isEqualTo("Stop");
    assertThat(error.message()).contains("Order 7 not found");
    assertThat(error.itemIndex()).isEqualTo(0);
  }

  @Test
  void failsWithTheMessageAndDescriptionOfAnErrorObject() {
    var error = failure(single("Stop", "weft.stopAndError", """
        { "errorType": "object",
          "errorObject": "{ \\"code\\": 404, \\"message\\": \\"Order missing\\", \\"description\\": \\"Check the id\\" }" }"""),
        "[{}]");

    assertThat(error.message()).contains("Order missing");
    assertThat(error.description()).isEqualTo("Check the id");
  }

  @Test
  void anErrorObjectWithoutMessageIsReportedWhole() {
    var error = failure(single("Stop", "weft.stopAndError",
        "{ \"errorType\": \"object\", \"errorObject\": { \"code\": 404 } }"), "[{}]");

    assertThat(error.message()).contains("{\"code\":404}");
  }

  @Test
  void anErrorObjectThatIsNotJsonIsNamed() {
    var error = failure(single("Stop", "weft.stopAndError",
        "{ \"errorType\": \"object\", \"errorObject\": \"{ code: \" }"), "[{}]");

    assertThat(error.parameter()).isEqualTo("errorObject");
    assertThat(error.message()).contains("not valid JSON");
  }

  @Test
  void anEmptyMessageIsRefused() {
    var error = failure(single("Stop", "weft.stopAndError", "{ \"errorType\": \"message\", \"message\": \"\" }"), "[{}]");

    assertThat(error.parameter()).isEqualTo("message");
  }

  @Test
  void theExceptionKeepsTheObjectsFields() throws Exception {
    var fields = new java.util.LinkedHashMap<String, Object>();
    fields.put("code", 404L);
    fields.put("message", "gone");
    fields.put("empty", null);
    StopAndErrorException e = new StopAndErrorException("gone", null, 0, fields);

    assertThat(e.fields()).containsExactly(java.util.Map.entry("code", 404L), java.util.Map.entry("message", "gone"));
  }
}
