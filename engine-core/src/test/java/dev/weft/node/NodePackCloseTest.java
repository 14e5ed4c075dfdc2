package dev.weft.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Weft;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.NodePack;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Node packs are closed once: when their source is unregistered (a plugin stopped or unloaded) or the engine closes. */
class NodePackCloseTest {

  /** A pack counting how often it is closed. */
  static class CountingPack implements NodePack {
    final AtomicInteger closed = new AtomicInteger();
    private final String type;

    CountingPack(String type) {
      this.type = type;
    }

    @Override
    public String id() {
      return "test.pack." + type;
    }

    @Override
    public List<Node> nodes() {
      return List.of(new Node() {
        @Override
        public NodeDescriptor descriptor() {
          return NodeDescriptor.builder(type).build();
        }

        @Override
        public NodeOutput execute(NodeContext context) {
          return NodeOutput.of(context.items());
        }
      });
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  @Test
  void closingTheEngineClosesItsPacksOnce() {
    CountingPack pack = new CountingPack("test.counting");
    Weft weft = Weft.builder().discoverNodePacks(false).nodePack(pack).build();
    assertThat(pack.closed).hasValue(0);
    weft.close();
    assertThat(pack.closed).hasValue(1);
  }

  @Test
  void unregisteringASourceClosesItsPacksAndNoOthers() {
    NodeRegistry registry = new NodeRegistry();
    CountingPack pluginPack = new CountingPack("test.plugin");
    CountingPack classpathPack = new CountingPack("test.classpath");
    for (Node node : pluginPack.nodes()) {
      registry.register(node, "plugin 'p'");
    }
    registry.track(pluginPack, "plugin 'p'");
    registry.register(classpathPack);

    registry.unregisterSource("plugin 'p'");
    assertThat(pluginPack.closed).hasValue(1);
    assertThat(classpathPack.closed).hasValue(0);
    assertThat(registry.find("test.plugin", 0)).isNull();

    registry.close();
    registry.close();
    assertThat(classpathPack.closed).hasValue(1);
    assertThat(pluginPack.closed).hasValue(1);
  }

  @Test
  void aPackThatFailsToCloseDoesNotStopTheOthers() {
    NodeRegistry registry = new NodeRegistry();
    CountingPack second = new CountingPack("test.second");
    registry.register(new CountingPack("test.first") {
      @Override
      public void close() {
        throw new IllegalStateException("broken");
      }
    });
    registry.register(second);
    registry.close();
    assertThat(second.closed).hasValue(1);
  }
}
