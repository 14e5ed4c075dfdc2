package dev.weft.nodes.ai.vector;

import dev.weft.nodes.ai.model.ModelProviders;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings ({@code weft.ai.embeddings}): adds each item's embedding vector (a list of numbers) to the item, from an
 * OpenAI-compatible model or the local hashing embedder. Texts go to the model in batches; each batch is announced as
 * an {@code ai.embeddings} execution event with the model and the tokens used.
 */
public final class EmbeddingsNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.ai.embeddings";

  private static final NodeDescriptor DESCRIPTOR = ModelProviders.declareCredentials(NodeDescriptor.builder(TYPE)
          .displayName("Embeddings").group("ai").icon("fa:vector-square")
          .description("Adds an embedding vector of each item's text, for similarity search.")
          .parameters(EmbeddingSettings.parameters().toArray(ParameterSpec[]::new))
          .parameters(
              ParameterSpec.string("text").displayName("Text").defaultValue("{{ $json.text }}")
                  .description("The text to embed").build(),
              ParameterSpec.string("outputField").displayName("Output field").defaultValue("embedding")
                  .noExpressions().description("Where the vector goes in the item").build()))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    if (items.isEmpty()) {
      return out.build();
    }
    VectorStoreNode.Embedded embedded = VectorStoreNode.embedAll(context, "text", items.size());
    String field = context.string("outputField", 0);
    for (int i = 0; i < items.size(); i++) {
      if (embedded.failures()[i] != null) {
        out.fail(i, embedded.failures()[i]);
        continue;
      }
      Map<String, Object> json = new LinkedHashMap<>(items.get(i).json());
      json.put(field == null || field.isBlank() ? "embedding" : field, VectorStoreNode.list(embedded.vectors()[i]));
      out.add(0, items.get(i).withJson(json).pairedWith(i));
    }
    return out.build();
  }
}
