package dev.weft.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.ParameterSpec;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Templates in node parameters, resolved by the engine through the public {@link Weft} facade. */
class EngineIntegrationTest {
  /** Sets {@code out} to its {@code value} parameter, resolved per item. */
  static final class Echo implements ItemNode {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("exprtest.echo").parameters(ParameterSpec.json("value")).build();
    }

    @Override
    public Item process(Item item, int itemIndex, NodeContext context) throws Exception {
      Map<String, Object> json = new LinkedHashMap<>(item.json());
      json.put("out", context.parameter("value", itemIndex));
      return item.withJson(json);
    }
  }

  private Weft weft;

  @BeforeEach
  void start() {
    weft = Weft.builder().discoverNodePacks(false).node(new Echo())
        .clock(Clock.fixed(Instant.parse("2025-01-01T10:20:30.456Z"), ZoneOffset.UTC)).build();
  }

  @AfterEach
  void stop() {
    weft.close();
  }

  private static String workflow(String value, String timezone) {
    String settings = timezone == null ? "" : "\"settings\": {\"timezone\": \"" + timezone + "\"},";
    return "{\"name\": \"Expressions\", " + settings + "\"nodes\": [{\"name\": \"Echo\", \"type\": \"exprtest.echo\", "
        + "\"parameters\": {\"value\": " + quote(value) + "}}], \"connections\": []}";
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private List<Object> outputs(String value, String timezone, List<Item> input) {
    ExecutionResult r = weft.run(Workflow.fromJson(workflow(value, timezone)), input);
    assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ExecutionStatus.SUCCESS);
    return r.items("Echo").stream().map(i -> i.json().get("out")).toList();
  }

  @Test
  void singleExpressionsKeepTheirTypePerItem() {
    List<Item> input = List.of(Item.of("n", 2L), Item.of("n", 5L));
    assertThat(outputs("{{ $json.n * 2 }}", null, input)).containsExactly(4L, 10L);
    assertThat(outputs("{{ $json.n > 3 }}", null, input)).containsExactly(false, true);
    assertThat(outputs("#{{ $itemIndex }}: {{ $json.n / 4 }}", null, input)).containsExactly("#0: 0.5", "#1: 1.25");
  }

  @Test
  void nowUsesTheEngineClockAndTheWorkflowZone() {
    assertThat(outputs("{{ $now }}", null, List.of(Item.empty()))).containsExactly("2025-01-01T10:20:30.456Z");
    assertThat(outputs("{{ $now }}", "Europe/Berlin", List.of(Item.empty())))
        .containsExactly("2025-01-01T11:20:30.456+01:00");
    assertThat(outputs("{{ $workflow.name }}", null, List.of(Item.empty()))).containsExactly("Expressions");
  }

  @Test
  void aRuntimeErrorFailsTheRunNamingTheExpression() {
    ExecutionResult r = weft.run(Workflow.fromJson(workflow("{{ $json.n + 'x' }}", null)), List.of(Item.of("n", 1L)));
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().nodeName()).isEqualTo("Echo");
    assertThat(r.error().message()).contains("{{ $json.n + 'x' }}").contains("T2002");
  }

  @Test
  void aSyntaxErrorIsReportedBeforeAnythingRuns() {
    Workflow wf = Workflow.fromJson(workflow("{{ $json.n + }}", null));
    assertThatThrownBy(() -> weft.run(wf, List.of(Item.empty())))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("node 'Echo', parameter 'value'")
        .hasMessageContaining("Syntax error: Unexpected end of expression")
        .hasMessageContaining("'{{ $json.n + }}' at position 13");
  }
}
