package dev.weft.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.NodePack;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRegistryTest {

  record Fixed(NodeDescriptor descriptor) implements Node {
    @Override
    public NodeOutput execute(NodeContext context) {
      return NodeOutput.of(context.items());
    }
  }

  static Node node(String type, int version, String... aliases) {
    return new Fixed(NodeDescriptor.builder(type).version(version).aliases(aliases).build());
  }

  @Test
  void findsByIdAliasAndVersion() {
    NodeRegistry registry = new NodeRegistry();
    registry.register(node("acme.invoice", 1, "acme.bill"), "test");
    registry.register(node("acme.invoice", 2), "test");
    assertThat(registry.find("acme.invoice", 0).descriptor().version()).isEqualTo(2);
    assertThat(registry.find("acme.invoice", 1).descriptor().version()).isEqualTo(1);
    assertThat(registry.find("acme.bill", 0).descriptor().type()).isEqualTo("acme.invoice");
    assertThat(registry.find("acme.invoice", 3)).isNull();
    assertThat(registry.versions("acme.invoice")).containsExactly(1, 2);
    assertThat(registry.similar("weft.invoice")).containsExactly("acme.invoice");
  }

  @Test
  void duplicateTypeNamesBothSources() {
    NodeRegistry registry = new NodeRegistry();
    registry.register(new NodePack() {
      @Override
      public String id() {
        return "pack-a";
      }

      @Override
      public List<Node> nodes() {
        return List.of(node("acme.invoice", 1));
      }
    });
    assertThatThrownBy(() -> registry.register(node("acme.invoice", 1), "node pack 'pack-b'"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("node type 'acme.invoice' version 1 is registered twice: by node pack 'pack-a'")
        .hasMessageContaining("and by node pack 'pack-b'");
  }

  @Test
  void aliasCannotShadowAType() {
    NodeRegistry registry = new NodeRegistry();
    registry.register(node("acme.invoice", 1), "a");
    assertThatThrownBy(() -> registry.register(node("acme.other", 1, "acme.invoice"), "b"))
        .hasMessageContaining("alias 'acme.invoice' of node type 'acme.other' from b is already taken");
  }

  @Test
  void unregisteringASourceRemovesItsTypes() {
    NodeRegistry registry = new NodeRegistry();
    registry.register(node("acme.invoice", 1, "acme.bill"), "plugin x");
    registry.register(node("acme.keep", 1), "plugin y");
    registry.unregisterSource("plugin x");
    assertThat(registry.find("acme.invoice", 0)).isNull();
    assertThat(registry.find("acme.bill", 0)).isNull();
    assertThat(registry.find("acme.keep", 0)).isNotNull();
  }

  @Test
  void descriptorRejectsUnnamespacedIds() {
    assertThatThrownBy(() -> NodeDescriptor.builder("invoice").build())
        .hasMessageContaining("node type id 'invoice' must be namespaced");
  }
}
