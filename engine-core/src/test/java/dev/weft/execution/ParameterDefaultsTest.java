package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.ParameterSpec;
import dev.weft.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A parameter the workflow leaves unset takes the schema's default, and a template default is evaluated per item. */
class ParameterDefaultsTest {

  /** test.greet: outputs its {@code text} parameter (default {@code {{ $json.name }}}) and {@code suffix}. */
  static final class Greet implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.greet").parameters(
          ParameterSpec.string("text").defaultValue("{{ 'hello ' & $json.name }}"),
          ParameterSpec.string("suffix").defaultValue("!")).build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws Exception {
      List<Item> out = new ArrayList<>();
      for (int i = 0; i < context.items().size(); i++) {
        out.add(Item.of("said", context.string("text", i) + context.string("suffix", i)));
      }
      return NodeOutput.of(out);
    }
  }

  private static ExecutionResult run(String greetParameters) {
    Workflow wf = Workflow.fromJson("""
        {"name": "defaults", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Greet", "type": "test.greet", "parameters": %s}],
         "connections": [{"from": "Start", "to": "Greet"}]}
        """.formatted(greetParameters));
    try (Weft weft = Weft.builder().discoverNodePacks(false).nodePack(new TestNodes()).node(new Greet()).build()) {
      return weft.run(wf, List.of(Item.of("name", "Ada"), Item.of("name", "Alan")));
    }
  }

  @Test
  void aTemplateDefaultIsEvaluatedForEachItem() {
    ExecutionResult result = run("{}");
    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(result.output()).extracting(Item::json)
        .containsExactly(Map.of("said", "hello Ada!"), Map.of("said", "hello Alan!"));
  }

  @Test
  void aValueTheWorkflowSetsWinsOverTheDefault() {
    ExecutionResult result = run("{\"text\": \"{{ $json.name }}\", \"suffix\": \"?\"}");
    assertThat(result.output()).extracting(Item::json)
        .containsExactly(Map.of("said", "Ada?"), Map.of("said", "Alan?"));
  }
}
