package dev.weft.nodes.ai.vector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.nodes.ai.internal.Params;
import dev.weft.nodes.ai.model.ModelProviders;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vector Store ({@code weft.ai.vectorStore}): inserts documents into a collection of the engine's vector store and
 * searches it by similarity to a query text.
 *
 * <ul>
 *   <li><b>insert</b>: each item's text is embedded (or its vector taken from the {@code vector} parameter) and stored
 *       with its metadata; output per item {@code {id, collection, text, metadata}}. Without a document id the id is
 *       derived from the text and metadata (SHA-256), so inserting the same document again replaces it.
 *   <li><b>search</b>: each item's query text is embedded and the {@code topK} nearest documents that match the
 *       filter and score at least {@code minScore} become items {@code {query, rank, score, id, text, metadata}},
 *       best first.
 * </ul>
 *
 * <p>To let an agent search a collection, declare a tool of kind {@value VectorStoreTool#KIND} on the Agent node
 * ({@link VectorStoreTool}). Which store holds the collections (a host's, a database's or the engine's in-memory
 * store) is decided by {@link VectorStores}.
 */
public final class VectorStoreNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.ai.vectorStore";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final NodeDescriptor DESCRIPTOR = ModelProviders.declareCredentials(NodeDescriptor.builder(TYPE)
          .displayName("Vector Store").group("ai").icon("fa:database")
          .description("Stores texts with their embeddings in a collection and finds the ones most similar to a"
              + " query.")
          .parameters(
              ParameterSpec.options("operation",
                      new Option("insert", "Insert documents", "Embed each item's text and store it"),
                      new Option("search", "Search", "Find the documents most similar to each item's query"))
                  .displayName("Operation").build(),
              ParameterSpec.string("collection").displayName("Collection").required().defaultValue("documents")
                  .description("Lower-case letters, digits and underscores, starting with a letter").build())
          .parameters(EmbeddingSettings.parameters().toArray(ParameterSpec[]::new))
          .parameters(
              ParameterSpec.string("text").displayName("Text").defaultValue("{{ $json.text }}")
                  .displayWhen("operation", "insert").description("The document's text").build(),
              ParameterSpec.json("metadata").displayName("Metadata").defaultValue("{{ $json.metadata }}")
                  .displayWhen("operation", "insert")
                  .description("The document's metadata, a JSON object; search filters match on it").build(),
              ParameterSpec.string("documentId").displayName("Document id").displayWhen("operation", "insert")
                  .description("Replaces the stored document with this id; empty: an id derived from text and"
                      + " metadata").build(),
              ParameterSpec.json("vector").displayName("Vector").displayWhen("operation", "insert")
                  .description("A precomputed embedding (for example {{ $json.embedding }} from the Embeddings"
                      + " node); empty: embed the text").build(),
              ParameterSpec.string("query").displayName("Query").defaultValue("{{ $json.query }}")
                  .displayWhen("operation", "search").description("The text to find similar documents to").build(),
              ParameterSpec.number("topK").displayName("Results").defaultValue(4)
                  .displayWhen("operation", "search").description("How many documents to return at most").build(),
              ParameterSpec.number("minScore").displayName("Minimum score").displayWhen("operation", "search")
                  .description("Leave out documents less similar than this (cosine similarity, -1 to 1)").build(),
              ParameterSpec.json("filter").displayName("Metadata filter").displayWhen("operation", "search")
                  .description("Only documents whose metadata has these keys and values, e.g. {\"lang\": \"en\"}")
                  .build()))
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
    VectorStore store = VectorStores.of(context);
    if ("search".equals(context.string("operation", 0))) {
      search(context, store, items, out);
    } else {
      insert(context, store, items, out);
    }
    return out.build();
  }

  /** What one item asks for, or why it cannot. */
  private record Request(int index, String collection, String text, Map<String, Object> metadata, String id,
      float[] vector, Exception failure) {}

  private static void insert(NodeContext context, VectorStore store, List<Item> items, NodeOutput.Builder out)
      throws Exception {
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        String collection = collection(context, i);
        String text = text(context, "text", i);
        Map<String, Object> metadata = Params.object(context, "metadata", i);
        String id = context.string("documentId", i);
        float[] vector = context.hasParameter("vector") ? vector(context.parameter("vector", i), i) : null;
        requests.add(new Request(i, collection, text, metadata,
            id == null || id.isBlank() ? contentId(text, metadata) : id.trim(), vector, null));
      } catch (NodeException e) {
        requests.add(new Request(i, null, null, null, null, null, e));
      }
    }
    Exception batchFailure = embedMissing(context, requests);
    // upsert per collection, keeping each item's outcome
    Map<String, List<Request>> byCollection = new LinkedHashMap<>();
    for (Request r : requests) {
      if (r.failure() == null && batchFailure == null) {
        byCollection.computeIfAbsent(r.collection(), k -> new ArrayList<>()).add(r);
      }
    }
    Map<String, Exception> collectionFailures = new LinkedHashMap<>();
    for (Map.Entry<String, List<Request>> e : byCollection.entrySet()) {
      List<VectorDocument> docs = new ArrayList<>();
      for (Request r : e.getValue()) {
        docs.add(new VectorDocument(r.id(), r.text(), r.metadata(), r.vector()));
      }
      try {
        store.upsert(e.getKey(), docs);
      } catch (VectorStoreException ex) {
        collectionFailures.put(e.getKey(), NodeException.parameter("collection", e.getValue().get(0).index(),
            ex.getMessage()));
      }
    }
    for (Request r : requests) {
      Exception failure = r.failure() != null ? r.failure() : batchFailure != null ? batchFailure
          : collectionFailures.get(r.collection());
      if (failure != null) {
        out.fail(r.index(), failure);
        continue;
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", r.id());
      json.put("collection", r.collection());
      json.put("text", r.text());
      json.put("metadata", r.metadata());
      out.add(0, Item.of(json).pairedWith(r.index()));
    }
  }

  /** Embeds the texts of the requests without a vector, in one batch; returns the failure that hit them all. */
  private static Exception embedMissing(NodeContext context, List<Request> requests) throws Exception {
    List<Integer> positions = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int k = 0; k < requests.size(); k++) {
      Request r = requests.get(k);
      if (r.failure() == null && r.vector() == null) {
        positions.add(k);
        texts.add(r.text());
      }
    }
    if (texts.isEmpty()) {
      return null;
    }
    try {
      Embedder embedder = EmbeddingSettings.of(context, requests.get(positions.get(0)).index())
          .create(context, requests.get(positions.get(0)).index());
      context.cancellation().throwIfCancelled();
      List<float[]> vectors = embedder.embed(texts);
      announce(context, embedder, texts.size());
      for (int j = 0; j < positions.size(); j++) {
        Request r = requests.get(positions.get(j));
        requests.set(positions.get(j), new Request(r.index(), r.collection(), r.text(), r.metadata(), r.id(),
            vectors.get(j), null));
      }
      return null;
    } catch (NodeException e) {
      return e;
    }
  }

  private static void search(NodeContext context, VectorStore store, List<Item> items, NodeOutput.Builder out)
      throws Exception {
    Embedded queries = embedAll(context, "query", items.size());
    for (int i = 0; i < items.size(); i++) {
      if (queries.failures()[i] != null) {
        out.fail(i, queries.failures()[i]);
        continue;
      }
      float[] vector = queries.vectors()[i];
      try {
        List<ScoredDocument> hits = searchOne(context, store, vector, i);
        int rank = 1;
        for (ScoredDocument hit : hits) {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("query", queries.texts()[i]);
          json.put("rank", rank++);
          json.putAll(passage(hit));
          out.add(0, Item.of(json).pairedWith(i));
        }
      } catch (NodeException e) {
        out.fail(i, e);
      }
    }
  }

  /**
   * Each item's text parameter, embedded in one batch.
   *
   * @param texts the texts by item
   * @param vectors the vectors by item
   * @param failures why an item has none (its text, or the embedding call for all), by item
   */
  record Embedded(String[] texts, float[][] vectors, Exception[] failures) {}

  /** Embeds the text parameter of {@code count} items in one batch with the embedder of the first usable item. */
  static Embedded embedAll(NodeContext context, String parameter, int count) throws Exception {
    Embedded e = new Embedded(new String[count], new float[count][], new Exception[count]);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      try {
        e.texts()[i] = text(context, parameter, i);
        texts.add(e.texts()[i]);
      } catch (NodeException ex) {
        e.failures()[i] = ex;
      }
    }
    if (texts.isEmpty()) {
      return e;
    }
    List<float[]> vectors;
    try {
      int first = 0;
      while (e.failures()[first] != null) {
        first++;
      }
      Embedder embedder = EmbeddingSettings.of(context, first).create(context, first);
      context.cancellation().throwIfCancelled();
      vectors = embedder.embed(texts);
      announce(context, embedder, texts.size());
    } catch (NodeException ex) {
      for (int i = 0; i < count; i++) {
        e.failures()[i] = e.failures()[i] != null ? e.failures()[i] : ex;
      }
      return e;
    }
    int k = 0;
    for (int i = 0; i < count; i++) {
      if (e.failures()[i] == null) {
        e.vectors()[i] = vectors.get(k++);
      }
    }
    return e;
  }

  private static List<ScoredDocument> searchOne(NodeContext context, VectorStore store, float[] vector, int i)
      throws NodeException {
    String collection = collection(context, i);
    Number topK = context.parameter("topK", i, Number.class);
    int k = topK == null ? 4 : topK.intValue();
    if (k < 1) {
      throw NodeException.parameter("topK", i, "the number of results must be at least 1, was " + k);
    }
    Number minScore = context.parameter("minScore", i, Number.class);
    Map<String, Object> filter = Params.object(context, "filter", i);
    try {
      return store.search(collection, vector, k, filter, minScore == null ? -1 : minScore.doubleValue());
    } catch (VectorStoreException e) {
      throw NodeException.parameter("collection", i, e.getMessage());
    }
  }

  /** A hit as JSON: {@code {score, id, text, metadata}}. */
  static Map<String, Object> passage(ScoredDocument hit) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("score", Math.round(hit.score() * 1e6) / 1e6);
    json.put("id", hit.document().id());
    json.put("text", hit.document().text());
    json.put("metadata", hit.document().metadata());
    return json;
  }

  static String collection(NodeContext context, int i) throws NodeException {
    String name = context.string("collection", i);
    try {
      return VectorStore.checkCollection(name == null ? null : name.trim());
    } catch (IllegalArgumentException e) {
      throw NodeException.parameter("collection", i, e.getMessage());
    }
  }

  /** A text parameter that must not be empty. */
  static String text(NodeContext context, String parameter, int i) throws NodeException {
    Object value = context.parameter(parameter, i);
    String text = value == null ? null : value instanceof String s ? s : String.valueOf(value);
    if (text == null || text.isBlank()) {
      throw NodeException.parameter(parameter, i, "item " + i + " has no " + parameter + " to embed (the parameter"
          + " '" + parameter + "' is empty)");
    }
    return text;
  }

  /** A vector from a JSON list of numbers, or {@code null} when the value is empty. */
  static float[] vector(Object value, int i) throws NodeException {
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw NodeException.parameter("vector", i, "the vector must be a non-empty list of numbers");
    }
    float[] v = new float[list.size()];
    for (int j = 0; j < v.length; j++) {
      if (!(list.get(j) instanceof Number n)) {
        throw NodeException.parameter("vector", i, "the vector must be a list of numbers; entry " + j + " is "
            + Json.typeOf(list.get(j)));
      }
      v[j] = n.floatValue();
    }
    return v;
  }

  /** A vector as a JSON list. */
  static List<Object> list(float[] v) {
    List<Object> out = new ArrayList<>(v.length);
    for (float x : v) {
      out.add(x);
    }
    return out;
  }

  /** The id of a document without one: SHA-256 of its text and metadata (keys sorted), 32 hex digits. */
  static String contentId(String text, Map<String, Object> metadata) throws NodeException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(text.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(JSON.writeValueAsBytes(sorted(metadata)));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new NodeException("cannot derive a document id: " + e.getMessage(), e);
    }
  }

  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(VectorStoreNode::sorted).toList();
    }
    return value instanceof Number n ? Json.normalize(n) : value;
  }

  /** Publishes an {@code ai.embeddings} event: model, number of texts, tokens when the provider counts them. */
  static void announce(NodeContext context, Embedder embedder, int texts) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("model", embedder.model());
    data.put("texts", texts);
    data.put("dimension", embedder.dimension());
    if (embedder instanceof OpenAiEmbedder remote) {
      data.put("usage", remote.usage().toMap());
    }
    context.emit("ai.embeddings", data);
  }
}
