package dev.weft.nodes.utility.trigger;

import static dev.weft.nodes.utility.common.FlowDataHarness.json;
import static dev.weft.nodes.utility.common.FlowDataHarness.parse;
import static dev.weft.nodes.utility.common.FlowDataHarness.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import org.junit.jupiter.api.Test;

class ErrorTriggerNodeTest {
  @Test
  void passesTheErrorItemItIsStartedWithToTheErrorWorkflow() {
    String wf = """
        { "name": "on failure",
          "nodes": [
            { "name": "Error Trigger", "type": "weft.errorTrigger" },
            { "name": "Alert", "type": "weft.set",
              "parameters": { "include": "none", "fields": [
                { "name": "text", "value": "{{ $json.workflow.name & ' failed at ' & $json.execution.lastNodeExecuted }}" } ] } } ],
          "connections": [ { "from": "Error Trigger", "to": "Alert" } ] }
        """;
    String error = """
        [ { "execution": { "id": "e-1", "error": { "message": "boom" }, "lastNodeExecuted": "Fetch", "mode": "trigger" },
            "workflow": { "id": "w-1", "name": "Orders" } } ]
        """;
    ExecutionResult r = succeed(wf, error);
    assertThat(json(r.items("Error Trigger"))).isEqualTo(parse(error));
    assertThat(json(r.items("Alert"))).isEqualTo(parse("[{\"text\": \"Orders failed at Fetch\"}]"));
  }
}
