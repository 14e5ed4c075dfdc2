package dev.weft.nodes.ai.vector;

import dev.weft.nodes.ai.agent.AgentTool;
import dev.weft.nodes.ai.agent.ToolCallContext;
import dev.weft.nodes.ai.agent.ToolDefinition;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retrieval as an agent tool (kind {@value #KIND}): the model passes a query, the tool embeds it and answers with the
 * most similar passages of a collection, best first.
 *
 * <p>Declared on the Agent node as {@code {name, description, kind: "vectorStore", config: {collection, topK,
 * minScore, filter, embeddingProvider, embeddingModel, dimensions}}}; only {@code collection} is required ({@code topK}
 * defaults to 4, the embeddings to {@code openAi} with {@code text-embedding-3-small}, using the agent node's
 * {@code weft.openAiApi} credential). Use the same embedding settings as the Vector Store node that filled the
 * collection.
 */
public final class VectorStoreTool implements AgentTool {
  /** The tool kind. */
  public static final String KIND = "vectorStore";

  private final String name;
  private final String description;
  private final String collection;
  private final int topK;
  private final double minScore;
  private final Map<String, Object> filter;
  private final Embedder embedder;
  private final VectorStore store;

  private VectorStoreTool(String name, String description, String collection, int topK, double minScore,
      Map<String, Object> filter, Embedder embedder, VectorStore store) {
    this.name = name;
    this.description = description;
    this.collection = collection;
    this.topK = topK;
    this.minScore = minScore;
    this.filter = filter;
    this.embedder = embedder;
    this.store = store;
  }

  /** The {@link dev.weft.nodes.ai.agent.ToolFactory} of kind {@value #KIND}. */
  @SuppressWarnings("unchecked")
  public static AgentTool create(ToolDefinition definition, NodeContext context, int itemIndex)
      throws NodeException {
    String tool = definition.name();
    String collection = definition.require("collection").trim();
    try {
      VectorStore.checkCollection(collection);
    } catch (IllegalArgumentException e) {
      throw NodeException.parameter("tools", itemIndex, "tool '" + tool + "': config.collection: " + e.getMessage());
    }
    int topK = number(definition, "topK", 4, itemIndex).intValue();
    if (topK < 1 || topK > 100) {
      throw NodeException.parameter("tools", itemIndex, "tool '" + tool + "': config.topK must be between 1 and"
          + " 100, was " + topK);
    }
    double minScore = number(definition, "minScore", -1, itemIndex).doubleValue();
    Object filter = definition.config().get("filter");
    if (filter != null && !(filter instanceof Map)) {
      throw NodeException.parameter("tools", itemIndex, "tool '" + tool + "': config.filter must be a JSON object");
    }
    Embedder embedder = EmbeddingSettings.of(definition.config(), tool).create(context, itemIndex);
    String description = definition.description().isBlank()
        ? "Searches the '" + collection + "' knowledge base and returns the " + topK + " passages most related to"
            + " the query, best first, each with its similarity score (0 to 1) and metadata."
        : definition.description();
    return new VectorStoreTool(tool, description, collection, topK, minScore,
        filter == null ? Map.of() : Json.copy((Map<String, Object>) filter), embedder, VectorStores.of(context));
  }

  private static Number number(ToolDefinition definition, String key, Number fallback, int itemIndex)
      throws NodeException {
    Object v = definition.config().get(key);
    if (v == null) {
      return fallback;
    }
    Number n = Json.toNumber(v);
    if (n == null) {
      throw NodeException.parameter("tools", itemIndex, "tool '" + definition.name() + "': config." + key
          + " must be a number, was '" + v + "'");
    }
    return n;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Map<String, Object> parametersSchema() {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("type", "string");
    query.put("description", "What to look up, in words likely to appear in the passages");
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.of("query", query));
    schema.put("required", List.of("query"));
    schema.put("additionalProperties", false);
    return schema;
  }

  @Override
  public Object call(Map<String, Object> arguments, ToolCallContext context) throws Exception {
    Object q = arguments.get("query");
    if (!(q instanceof String query) || query.isBlank()) {
      throw new IllegalArgumentException("give the text to search for as the string argument 'query'");
    }
    context.node().cancellation().throwIfCancelled();
    float[] vector = embedder.embed(List.of(query)).get(0);
    VectorStoreNode.announce(context.node(), embedder, 1);
    List<Object> passages = new ArrayList<>();
    for (ScoredDocument hit : store.search(collection, vector, topK, filter, minScore)) {
      passages.add(VectorStoreNode.passage(hit));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("collection", collection);
    result.put("passages", passages);
    return result;
  }
}
