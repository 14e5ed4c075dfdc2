package dev.weft.nodes.utility.subworkflow;

import dev.weft.nodes.utility.io.NodeIo;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.PairedItem;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.WorkflowSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Execute Workflow ({@code weft.executeWorkflow}): runs another workflow, stored (by id) or given inline as workflow
 * JSON, with this node's items as the input of the child's trigger ({@code weft.executeWorkflowTrigger}). Waiting for
 * it, the child's output becomes this node's output; not waiting, the child is started and the items pass on.
 */
public final class ExecuteWorkflowNode implements Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.executeWorkflow")
      .displayName("Execute Workflow")
      .group("flow")
      .description("Runs another workflow with these items and outputs what it returns.")
      .icon("fa:sign-in-alt")
      .parameters(
          ParameterSpec.options("source",
                  new Option("id", "Stored workflow", "A workflow the host stores, by id."),
                  new Option("json", "Inline JSON", "A workflow given here as workflow JSON."))
              .displayName("Source"),
          ParameterSpec.string("workflowId").displayName("Workflow ID").required().displayWhen("source", "id"),
          ParameterSpec.json("workflowJson").displayName("Workflow JSON").required().displayWhen("source", "json")
              .noExpressions()
              .description("The workflow in Weft's workflow format, taken literally: the {{ }} expressions inside it "
                  + "belong to the sub-workflow. A value that is one expression as a whole ({{ $json.workflow }}) is "
                  + "evaluated to get the workflow."),
          ParameterSpec.options("mode",
                  new Option("once", "Run once with all items", "One child execution receives every item."),
                  new Option("each", "Run once for each item", "One child execution per item, each receiving that item."))
              .displayName("Mode"),
          ParameterSpec.bool("waitForCompletion").displayName("Wait for Sub-Workflow Completion").defaultValue(true)
              .description("Wait for the child and output its result; otherwise start it and pass the items on."))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    if (items.isEmpty()) {
      return NodeOutput.none();
    }
    NodeOutput.Builder out = context.output();
    if ("each".equals(context.string("mode", 0))) {
      for (int i = 0; i < items.size(); i++) {
        try {
          List<Item> result = call(context, i, List.of(items.get(i)));
          if (result == null) {
            out.add(0, items.get(i).pairedWith(i));
          } else {
            for (Item r : result) {
              out.add(0, strip(r).pairedWith(i));
            }
          }
        } catch (Exception e) {
          out.fail(i, e);
        }
      }
      return out.build();
    }
    List<Item> result = call(context, 0, items);
    if (result == null) {
      for (int i = 0; i < items.size(); i++) {
        out.add(0, items.get(i).pairedWith(i));
      }
      return out.build();
    }
    List<PairedItem> all = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      all.add(PairedItem.of(i));
    }
    for (int n = 0; n < result.size(); n++) {
      Item r = strip(result.get(n));
      // Same count: the child kept the items' order (the usual case); otherwise each result came from all inputs.
      out.add(0, result.size() == items.size() ? r.pairedWith(n) : r.pairedWith(all));
    }
    return out.build();
  }

  /** Runs (or starts) the child; {@code null} when it was started without waiting. */
  private static List<Item> call(NodeContext context, int i, List<Item> input) throws NodeException {
    WorkflowSource source = source(context, i);
    List<Item> childInput = new ArrayList<>(input.size());
    for (Item item : input) {
      childInput.add(strip(item));
    }
    boolean wait = context.parameter("waitForCompletion", i, Boolean.class) != Boolean.FALSE;
    if (!wait) {
      String executionId = context.workflows().start(source, childInput);
      context.logger().debug("started sub-workflow execution {}", executionId);
      return null;
    }
    return context.workflows().run(source, childInput);
  }

  private static Item strip(Item item) {
    return Item.of(item.json()).withBinary(item.binary());
  }

  /** Whether the text is one {{ }} expression and nothing else. */
  static boolean isWholeExpression(String text) {
    String t = text.trim();
    return t.startsWith("{{") && t.endsWith("}}") && t.indexOf("{{", 2) < 0;
  }

  @SuppressWarnings("unchecked")
  private static WorkflowSource source(NodeContext context, int i) throws NodeException {
    String source = context.string("source", i);
    if ("json".equals(source)) {
      Object definition = context.rawParameter("workflowJson");
      if (definition instanceof String text && isWholeExpression(text)) {
        definition = context.evaluate(text.trim(), i);
      }
      if (definition instanceof String text) {
        if (text.isBlank()) {
          throw NodeException.parameter("workflowJson", i, "parameter 'workflowJson' is empty: give the workflow's JSON");
        }
        definition = NodeIo.parseJson(context, text, "workflowJson", i);
      }
      if (!(definition instanceof Map)) {
        throw NodeException.parameter("workflowJson", i, "parameter 'workflowJson' must be a workflow JSON object, was "
            + Json.typeOf(definition));
      }
      return WorkflowSource.inline((Map<String, Object>) definition);
    }
    if (source != null && !"id".equals(source)) {
      throw NodeException.parameter("source", i, "'" + source + "' is not a workflow source; use id or json");
    }
    String id = context.string("workflowId", i);
    if (id == null || id.isBlank()) {
      throw NodeException.parameter("workflowId", i, "parameter 'workflowId' is empty: name the workflow to run");
    }
    return WorkflowSource.byId(id.trim());
  }
}
