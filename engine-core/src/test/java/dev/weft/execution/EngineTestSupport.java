package dev.weft.execution;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** An engine with the test nodes, and shorthand for workflows and item JSON. */
abstract class EngineTestSupport {
  protected Weft weft;

  @BeforeEach
  void startEngine() {
    TestNodes.reset();
    weft = configure(Weft.builder().discoverNodePacks(false).nodePack(new TestNodes())).build();
  }

  protected Weft.Builder configure(Weft.Builder builder) {
    return builder;
  }

  @AfterEach
  void stopEngine() {
    weft.close();
  }

  static Workflow wf(String json) {
    return Workflow.fromJson(json);
  }

  protected ExecutionResult run(String json) {
    return weft.run(wf(json));
  }

  protected ExecutionResult run(String json, List<Item> input) {
    return weft.run(wf(json), input);
  }

  static List<Map<String, Object>> json(List<Item> items) {
    return items.stream().map(Item::json).toList();
  }
}
