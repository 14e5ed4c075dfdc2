package dev.weft.nodes.utility.subworkflow;

import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Execute Workflow Trigger ({@code weft.executeWorkflowTrigger}): the start of a workflow that other workflows run
 * through {@code weft.executeWorkflow}. It passes on the items the caller sent, all of them or only named fields.
 * It listens to nothing when its workflow is activated.
 */
public final class ExecuteWorkflowTriggerNode implements TriggerNode {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.executeWorkflowTrigger")
      .displayName("Execute Workflow Trigger")
      .group("trigger")
      .description("Starts this workflow when another workflow runs it; outputs the items it was called with.")
      .icon("fa:sign-out-alt")
      .inputs()
      .parameters(
          ParameterSpec.options("inputSource",
                  new Option("passthrough", "Accept all data", "Pass every item on as the caller sent it."),
                  new Option("fields", "Named fields", "Keep only the fields named below; a missing field becomes null."))
              .displayName("Input Data"),
          ParameterSpec.list("fields", ParameterSpec.string("name").displayName("Name").required().build())
              .displayName("Fields").defaultValue(List.of()).displayWhen("inputSource", "fields"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) {
    return TriggerActivation.none();
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    boolean named = "fields".equals(context.string("inputSource", 0));
    List<String> fields = named ? fieldNames(context) : List.of();
    List<Item> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      if (named) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (String f : fields) {
          json.put(f, Json.copy(item.json().get(f)));
        }
        item = item.withJson(json);
      }
      out.add(item.pairedWith(i));
    }
    return NodeOutput.of(out);
  }

  private static List<String> fieldNames(NodeContext context) throws NodeException {
    List<?> raw = context.parameter("fields", 0, List.class);
    List<String> names = new ArrayList<>();
    for (int n = 0; raw != null && n < raw.size(); n++) {
      Object entry = raw.get(n);
      Object name = entry instanceof Map<?, ?> m ? m.get("name") : entry;
      if (name == null || name.toString().isBlank()) {
        throw NodeException.parameter("fields", 0, "entry " + n + " of 'fields' has no name");
      }
      names.add(name.toString());
    }
    return names;
  }
}
