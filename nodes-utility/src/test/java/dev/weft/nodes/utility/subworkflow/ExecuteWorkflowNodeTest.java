package dev.weft.nodes.utility.subworkflow;

import static dev.weft.nodes.utility.io.Runs.failure;
import static dev.weft.nodes.utility.io.Runs.json;
import static dev.weft.nodes.utility.io.Runs.ok;
import static dev.weft.nodes.utility.io.Runs.parse;
import static dev.weft.nodes.utility.io.Runs.quote;
import static dev.weft.nodes.utility.io.Runs.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import org.junit.jupiter.api.Test;

class ExecuteWorkflowNodeTest {
  /** A child workflow: its trigger, then a Markdown node rendering the field md into html. */
  private static final String CHILD = """
      { "name": "render",
        "nodes": [
          { "name": "Called", "type": "weft.executeWorkflowTrigger" },
          { "name": "Render", "type": "weft.markdown",
            "parameters": { "mode": "markdownToHtml", "input": "{{ $json.md }}", "outputField": "html" } } ],
        "connections": [ { "from": "Called", "to": "Render" } ] }""";

  private static final String TWO_ITEMS = "[{\"md\": \"*a*\"}, {\"md\": \"**b**\"}]";
  private static final String RENDERED = """
      [{"md": "*a*", "html": "<p><em>a</em></p>"}, {"md": "**b**", "html": "<p><strong>b</strong></p>"}]""";

  private static String parent(String mode, boolean wait) {
    return single("Run Child", "weft.executeWorkflow", """
        { "source": "json", "workflowJson": %s, "mode": "%s", "waitForCompletion": %s }"""
        .formatted(quote(CHILD), mode, wait));
  }

  @Test
  void onceForAllItemsOutputsTheChildsResult() {
    ExecutionResult r = ok(parent("once", true), TWO_ITEMS);

    assertThat(json(r.items("Run Child"))).isEqualTo(parse(RENDERED));
  }

  @Test
  void oncePerItemRunsAChildForEachItem() {
    ExecutionResult r = ok(parent("each", true), TWO_ITEMS);

    assertThat(json(r.items("Run Child"))).isEqualTo(parse(RENDERED));
  }

  @Test
  void theWorkflowMayBeGivenAsAnObject() {
    ExecutionResult r = ok(single("Run Child", "weft.executeWorkflow",
        "{ \"source\": \"json\", \"workflowJson\": " + CHILD + " }"), TWO_ITEMS);

    assertThat(json(r.items("Run Child"))).isEqualTo(parse(RENDERED));
  }

  @Test
  void theWorkflowMayComeFromAnExpression() {
    ExecutionResult r = ok(single("Run Child", "weft.executeWorkflow",
        "{ \"source\": \"json\", \"workflowJson\": \"{{ $json.wf }}\" }"), "[{\"wf\": " + CHILD + ", \"md\": \"_c_\"}]");

    assertThat(r.items("Run Child").get(0).json().get("html")).isEqualTo("<p><em>c</em></p>");
  }

  @Test
  void withoutWaitingTheItemsPassOnUnchanged() {
    ExecutionResult r = ok(parent("once", false), TWO_ITEMS);

    assertThat(json(r.items("Run Child"))).isEqualTo(parse(TWO_ITEMS));
  }

  @Test
  void theTriggerCanKeepOnlyNamedFields() {
    String child = """
        { "name": "pick",
          "nodes": [ { "name": "Called", "type": "weft.executeWorkflowTrigger",
                       "parameters": { "inputSource": "fields", "fields": [ { "name": "md" }, { "name": "missing" } ] } } ],
          "connections": [] }""";
    ExecutionResult r = ok(single("Run Child", "weft.executeWorkflow",
        "{ \"source\": \"json\", \"workflowJson\": " + child + " }"), "[{\"md\": \"x\", \"other\": 1}]");

    assertThat(json(r.items("Run Child"))).isEqualTo(parse("[{\"md\": \"x\", \"missing\": null}]"));
  }

  @Test
  void aChildFailureFailsTheNode() {
    String child = """
        { "name": "boom",
          "nodes": [ { "name": "Called", "type": "weft.executeWorkflowTrigger" },
                     { "name": "Stop", "type": "weft.stopAndError", "parameters": { "message": "child says no" } } ],
          "connections": [ { "from": "Called", "to": "Stop" } ] }""";
    var error = failure(single("Run Child", "weft.executeWorkflow",
        "{ \"source\": \"json\", \"workflowJson\": " + child + " }"), "[{}]");

    assertThat(error.nodeName()).isEqualTo("Run Child");
    assertThat(error.message()).contains("child says no");
  }

  @Test
  void inlineTextThatIsNotJsonIsNamed() {
    var error = failure(single("Run Child", "weft.executeWorkflow",
        "{ \"source\": \"json\", \"workflowJson\": \"{ nodes: \" }"), "[{}]");

    assertThat(error.parameter()).isEqualTo("workflowJson");
    assertThat(error.message()).contains("not valid JSON");
  }

  @Test
  void anEmptyWorkflowIdIsRefused() {
    var error = failure(single("Run Child", "weft.executeWorkflow",
        "{ \"source\": \"id\", \"workflowId\": \" \" }"), "[{}]");

    assertThat(error.parameter()).isEqualTo("workflowId");
    assertThat(error.message()).contains("empty");
  }

  @Test
  void runsAStoredWorkflowById() throws Exception {
    try (dev.weft.Weft weft = dev.weft.Weft.builder().nodePack(new dev.weft.nodes.utility.UtilityNodes()).build()) {
      weft.save(dev.weft.workflow.Workflow.fromJson(CHILD).withId("render-child"));
      ExecutionResult r = weft.run(dev.weft.workflow.Workflow.fromJson(single("Run Child", "weft.executeWorkflow",
          "{ \"source\": \"id\", \"workflowId\": \"render-child\" }")), dev.weft.nodes.utility.io.Runs.items(TWO_ITEMS));

      assertThat(r.error()).isNull();
      assertThat(json(r.items("Run Child"))).isEqualTo(parse(RENDERED));
    }
  }

  @Test
  void anUnknownWorkflowIdFailsTheNode() {
    var error = failure(single("Run Child", "weft.executeWorkflow",
        "{ \"source\": \"id\", \"workflowId\": \"no-such-workflow\" }"), "[{}]");

    assertThat(error.nodeName()).isEqualTo("Run Child");
    assertThat(error.message()).contains("no-such-workflow");
  }
}
