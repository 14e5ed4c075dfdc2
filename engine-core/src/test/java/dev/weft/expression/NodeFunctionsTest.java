package dev.weft.expression;

import static dev.weft.expression.Expressions.ENGINE;
import static dev.weft.expression.Expressions.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeFunctionsTest {
  private TestScope scope() {
    TestScope scope = TestScope.of("id", 2L);
    Item order = Item.of("id", 2L, "total", 40.5)
        .withBinary("invoice", new BinaryData("bin-1", "application/pdf", "invoice-2.pdf", 1234));
    scope.paired.put("Fetch orders", order);
    scope.nodeOutputs.put("Fetch orders", List.of(Item.of("id", 1L), order));
    scope.inputItems = List.of(Item.of("id", 1L), Item.of("id", 2L));
    return scope;
  }

  @Test
  void nodeGivesThePairedItemsJsonAndBinaryMetadata() throws Exception {
    assertThat(eval("{{ $node('Fetch orders').json.total }}", scope())).isEqualTo(40.5);
    assertThat(eval("{{ $node(\"Fetch orders\").binary.invoice }}", scope())).isEqualTo(Map.of(
        "id", "bin-1", "mimeType", "application/pdf", "fileName", "invoice-2.pdf", "fileExtension", "pdf",
        "fileSize", 1234L));
  }

  @Test
  void nodeItemsAndInputItemsListJsonWrappers() throws Exception {
    assertThat(eval("{{ $nodeItems('Fetch orders').json.id }}", scope())).isEqualTo(List.of(1L, 2L));
    assertThat(eval("{{ $count($nodeItems('Fetch orders')) }}", scope())).isEqualTo(2L);
    assertThat(eval("{{ $inputItems()[1].json.id }}", scope())).isEqualTo(2L);
    assertThat(eval("{{ $inputItems() }}", scope()))
        .isEqualTo(List.of(Map.of("json", Map.of("id", 1L)), Map.of("json", Map.of("id", 2L))));
  }

  @Test
  void templatesReadingOtherNodesSaySo() throws Exception {
    assertThat(ENGINE.compile("{{ $node('A').json.x }}").referencesOtherNodes()).isTrue();
    assertThat(ENGINE.compile("x {{ $count($nodeItems('A')) }}").referencesOtherNodes()).isTrue();
    assertThat(ENGINE.compile("{{ $json.x }} {{ $inputItems() }}").referencesOtherNodes()).isFalse();
    assertThat(ENGINE.compile("{{ '$node' }}").referencesOtherNodes()).isFalse();
  }

  @Test
  void unknownNodeErrorComesFromTheScopeWithTheExpression() {
    assertThatThrownBy(() -> eval("{{ $node('Nope').json.x }}", scope()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("there is no node named 'Nope'")
        .hasMessageContaining("{{ $node('Nope').json.x }}")
        .satisfies(e -> assertThat(e.getCause()).isInstanceOf(ExpressionException.class));
    assertThatThrownBy(() -> eval("{{ $nodeItems('Later') }}", scope()))
        .hasMessageContaining("node 'Later' has not run yet");
  }

  @Test
  void missingLineageIsAnError() {
    TestScope scope = scope();
    scope.nodeOutputs.put("Merge", List.of(Item.of("a", 1L)));
    assertThatThrownBy(() -> eval("{{ $node('Merge').json.a }}", scope))
        .hasMessageContaining("cannot tell which item of node 'Merge'");
  }

  @Test
  void nodeNameMustBeAString() {
    assertThatThrownBy(() -> eval("{{ $node(3) }}", scope()))
        .hasMessageContaining("$node() expects a node name as argument 1, got a number");
    assertThatThrownBy(() -> eval("{{ $nodeItems() }}", scope()))
        .hasMessageContaining("$nodeItems() expects a node name as argument 1, got undefined");
  }
}
