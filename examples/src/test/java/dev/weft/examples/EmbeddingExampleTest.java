package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.spi.Item;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {
  private static final Path WORKFLOWS = Path.of("workflows");

  @Test
  void runsTheWorkflowBuiltInCodeAndTheOneLoadedFromJson() throws Exception {
    try (Weft weft = Weft.create()) {
      List<ExecutionResult> results = EmbeddingExample.runBoth(weft, WORKFLOWS.resolve("orders.json"));
      assertThat(results).extracting(ExecutionResult::status).containsOnly(ExecutionStatus.SUCCESS);
      assertThat(results.get(0).output()).extracting(Item::json).containsExactly(
          Map.of("text", "Hallo, Ada!"), Map.of("text", "Hallo, Grace!"));
      assertThat(results.get(1).output()).extracting(i -> i.json().get("id")).containsExactly(2L, 3L);
    }
  }

  @Test
  void theReadmeWorkflowKeepsTheTwentiethCentury() throws Exception {
    try (Weft weft = Weft.create()) {
      ExecutionResult r = weft.run(dev.weft.workflow.Workflow.fromFile(WORKFLOWS.resolve("hello.json")));
      assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(r.output()).extracting(i -> i.json().get("greeting"))
          .containsExactly("Hello, Grace Hopper!", "Hello, Alan Turing!");
    }
  }

  @Test
  void theGreetingNodeNamesItsBadParameter() {
    try (Weft weft = Weft.create()) {
      ExecutionResult r = weft.run(dev.weft.workflow.Workflow.builder("bad")
          .node("Start", "weft.manualTrigger")
          .node("Greet", "acme.greeting", Map.of("name", "{{ $json.missing }}"))
          .chain("Start", "Greet").build());
      assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
      assertThat(r.error().message()).isEqualTo(
          "node 'Greet' (acme.greeting) failed, parameter 'name', item 0: the name is empty");
    }
  }
}
