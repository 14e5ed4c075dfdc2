package dev.weft.nodes.ai.vector;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.binary.InMemoryBinaryStore;
import dev.weft.nodes.ai.agent.AgentNode;
import dev.weft.nodes.ai.agent.ToolFactories;
import dev.weft.nodes.ai.document.DocumentLoaderNode;
import dev.weft.nodes.ai.document.TextSplitterNode;
import dev.weft.nodes.ai.model.ModelProviders;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodePack;
import dev.weft.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the document, embedding and vector store nodes (and an agent knowing the {@code vectorStore} tool kind) in a
 * real engine, with an OpenAI-compatible credential {@code openai} pointing where the test says.
 */
public final class AiBTests {
  /** The binary store of these tests' engines, so that tests can put files into items. */
  public static final BinaryStore BINARIES = new InMemoryBinaryStore();

  private AiBTests() {}

  /** The nodes under test as a pack. */
  static final class Pack implements NodePack {
    @Override
    public String id() {
      return "test.aib";
    }

    @Override
    public List<Node> nodes() {
      return List.of(new DocumentLoaderNode(), new TextSplitterNode(), new EmbeddingsNode(), new VectorStoreNode(),
          new AgentNode(ToolFactories.builtIn().with(VectorStoreTool.KIND, VectorStoreTool::create)));
    }

    @Override
    public List<CredentialType> credentialTypes() {
      return List.of(ModelProviders.openAiType());
    }
  }

  /** An engine; {@code baseUrl} is the OpenAI-compatible credential's base URL (or {@code null}). */
  public static Weft engine(String baseUrl, Consumer<Weft.Builder> config) {
    Weft.Builder b = Weft.builder().discoverNodePacks(false).nodePack(new Pack()).binaryStore(BINARIES)
        .credentials((id, type, node) -> {
          if (id.equals("openai") && type.equals(ModelProviders.OPENAI) && baseUrl != null) {
            return new Credentials(id, type, Map.of("baseUrl", baseUrl, "apiKey", "sk-test-123"));
          }
          throw new NodeException("no test credential " + id + " of type " + type);
        });
    config.accept(b);
    return b.build();
  }

  /** An engine without model credentials. */
  public static Weft engine() {
    return engine(null, b -> {});
  }

  /** Runs a workflow given as JSON with these items as the first node's input. */
  public static ExecutionResult run(Weft weft, String workflowJson, List<Item> input) {
    return weft.run(Workflow.fromJson(workflowJson), input);
  }

  /** A chain of nodes (each given as its JSON) connected in order. */
  public static String chain(String... nodes) {
    StringBuilder connections = new StringBuilder();
    for (int i = 1; i < nodes.length; i++) {
      String from = name(nodes[i - 1]);
      String to = name(nodes[i]);
      connections.append(i > 1 ? ", " : "").append("{ \"from\": \"").append(from).append("\", \"to\": \"")
          .append(to).append("\" }");
    }
    return "{ \"name\": \"test\", \"nodes\": [ " + String.join(", ", nodes) + " ], \"connections\": [ "
        + connections + " ] }";
  }

  private static String name(String nodeJson) {
    int at = nodeJson.indexOf("\"name\"");
    int start = nodeJson.indexOf('"', nodeJson.indexOf(':', at) + 1) + 1;
    return nodeJson.substring(start, nodeJson.indexOf('"', start));
  }

  /** Asserts success, naming the error otherwise. */
  public static ExecutionResult succeeded(ExecutionResult r) {
    if (!r.succeeded()) {
      throw new AssertionError("expected success, got " + r.status() + ": " + r.error());
    }
    return r;
  }
}
