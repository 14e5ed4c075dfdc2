package dev.weft.nodes.ai.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.spi.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VectorStore} does. Subclasses say which store; each test works in fresh collections and drops
 * them afterwards, so the suite can run against a shared database.
 */
abstract class VectorStoreContract {
  protected VectorStore store;
  protected String col;
  private final List<String> created = new ArrayList<>();

  /** The store under test. */
  protected abstract VectorStore createStore() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    store = createStore();
    col = collection();
  }

  @AfterEach
  void dropCollections() throws Exception {
    for (String c : created) {
      store.dropCollection(c);
    }
  }

  protected String collection() {
    String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    created.add(name);
    return name;
  }

  static VectorDocument doc(String id, String text, Map<String, Object> metadata, float... v) {
    return new VectorDocument(id, text, metadata, v);
  }

  @Test
  void storesAndReadsDocumentsBackExactly() throws Exception {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("source", "guide.md");
    meta.put("page", 3);
    meta.put("draft", false);
    meta.put("tags", List.of("a", "b"));
    meta.put("none", null);
    store.upsert(col, List.of(
        doc("a", "Grüße aus Köln 🚀 — «quoted»", meta, 1, 0, 0),
        doc("b", "second", Map.of(), 0, 1, 0)));

    assertThat(store.count(col)).isEqualTo(2);
    List<VectorDocument> got = store.get(col, List.of("b", "missing", "a"));
    assertThat(got).extracting(VectorDocument::id).containsExactly("b", "a");
    VectorDocument a = got.get(1);
    assertThat(a.text()).isEqualTo("Grüße aus Köln 🚀 — «quoted»");
    assertThat(Json.equal(a.metadata(), meta)).as("metadata %s", a.metadata()).isTrue();
    assertThat(a.vector()).containsExactly(1, 0, 0);
  }

  @Test
  void upsertReplacesADocumentWithTheSameId() throws Exception {
    store.upsert(col, List.of(doc("a", "old", Map.of("v", 1), 1, 0)));
    store.upsert(col, List.of(doc("a", "new", Map.of("v", 2), 0, 1)));

    assertThat(store.count(col)).isEqualTo(1);
    VectorDocument a = store.get(col, List.of("a")).get(0);
    assertThat(a.text()).isEqualTo("new");
    assertThat(a.vector()).containsExactly(0, 1);
    assertThat(store.search(col, new float[] {0, 1}, 1, Map.of(), -1).get(0).document().text()).isEqualTo("new");
  }

  @Test
  void searchRanksByCosineSimilarityBestFirst() throws Exception {
    store.upsert(col, List.of(
        doc("east", "east", Map.of(), 1, 0),
        doc("north", "north", Map.of(), 0, 1),
        doc("northeast", "northeast", Map.of(), 1, 1),
        doc("west", "west", Map.of(), -1, 0)));

    List<ScoredDocument> hits = store.search(col, new float[] {2, 0.2f}, 3, Map.of(), -1);

    assertThat(hits).extracting(h -> h.document().id()).containsExactly("east", "northeast", "north");
    assertThat(hits.get(0).score()).isCloseTo(2 / Math.sqrt(4.04), within(1e-5));
    assertThat(hits.get(1).score()).isCloseTo(2.2 / (Math.sqrt(4.04) * Math.sqrt(2)), within(1e-5));
    assertThat(hits.get(0).document().text()).isEqualTo("east");
    assertThat(hits.get(0).document().vector()).as("search results do not carry vectors").isNull();
  }

  @Test
  void minScoreDropsWeakHits() throws Exception {
    store.upsert(col, List.of(doc("x", "x", Map.of(), 1, 0), doc("y", "y", Map.of(), 0, 1),
        doc("z", "z", Map.of(), 1, 1)));

    List<ScoredDocument> hits = store.search(col, new float[] {1, 0}, 10, Map.of(), 0.5);

    assertThat(hits).extracting(h -> h.document().id()).containsExactly("x", "z");
  }

  @Test
  void metadataFilterKeepsOnlyMatchingDocumentsAndComparesNumbersByValue() throws Exception {
    store.upsert(col, List.of(
        doc("1", "one", Map.of("lang", "en", "page", 1), 1, 0),
        doc("2", "two", Map.of("lang", "de", "page", 1), 1, 0.1f),
        doc("3", "three", Map.of("lang", "en", "page", 2), 1, 0.2f),
        doc("4", "four", Map.of("page", 1), 1, 0.3f)));

    assertThat(store.search(col, new float[] {1, 0}, 10, Map.of("lang", "en"), -1))
        .extracting(h -> h.document().id()).containsExactly("1", "3");
    assertThat(store.search(col, new float[] {1, 0}, 10, Map.of("lang", "en", "page", 1.0), -1))
        .extracting(h -> h.document().id()).containsExactly("1");
    assertThat(store.search(col, new float[] {1, 0}, 10, Map.of("lang", "fr"), -1)).isEmpty();
    // the filter applies before the cut to k: the best matching documents are found even if others score higher
    assertThat(store.search(col, new float[] {1, 0}, 1, Map.of("page", 2), -1))
        .extracting(h -> h.document().id()).containsExactly("3");
  }

  @Test
  void topKOfManyVectorsMatchesABruteForceRanking() throws Exception {
    Random random = new Random(42);
    List<VectorDocument> docs = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      float[] v = new float[8];
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) random.nextGaussian();
      }
      docs.add(doc("d" + i, "text " + i, Map.of("even", i % 2 == 0), v));
    }
    store.upsert(col, docs);
    float[] q = docs.get(17).vector();

    List<ScoredDocument> hits = store.search(col, q, 10, Map.of("even", false), -1);

    List<String> expected = docs.stream().filter(d -> d.metadata().get("even").equals(false))
        .sorted(Comparator.comparingDouble((VectorDocument d) -> -cos(q, d.vector())))
        .limit(10).map(VectorDocument::id).toList();
    assertThat(hits).extracting(h -> h.document().id()).containsExactlyElementsOf(expected);
    assertThat(hits.get(0).document().id()).isEqualTo("d17");
    assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-5));
    assertThat(store.count(col)).isEqualTo(600);
  }

  private static double cos(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void deleteRemovesTheGivenIdsAndCountsThoseThatExisted() throws Exception {
    store.upsert(col, List.of(doc("a", "a", Map.of(), 1, 0), doc("b", "b", Map.of(), 0, 1),
        doc("c", "c", Map.of(), 1, 1)));

    assertThat(store.delete(col, List.of("a", "c", "zzz"))).isEqualTo(2);

    assertThat(store.count(col)).isEqualTo(1);
    assertThat(store.get(col, List.of("a", "b", "c"))).extracting(VectorDocument::id).containsExactly("b");
    assertThat(store.search(col, new float[] {1, 0}, 5, Map.of(), -1)).extracting(h -> h.document().id())
        .containsExactly("b");
  }

  @Test
  void anUnknownCollectionIsEmpty() throws Exception {
    String unknown = collection();
    assertThat(store.count(unknown)).isZero();
    assertThat(store.search(unknown, new float[] {1, 0}, 3, Map.of(), -1)).isEmpty();
    assertThat(store.get(unknown, List.of("a"))).isEmpty();
    assertThat(store.delete(unknown, List.of("a"))).isZero();
    assertThat(store.dropCollection(unknown)).isFalse();
  }

  @Test
  void collectionsAreSeparate() throws Exception {
    String other = collection();
    store.upsert(col, List.of(doc("a", "in first", Map.of(), 1, 0)));
    store.upsert(other, List.of(doc("a", "in second", Map.of(), 0, 1, 0)));

    assertThat(store.get(col, List.of("a")).get(0).text()).isEqualTo("in first");
    assertThat(store.get(other, List.of("a")).get(0).text()).isEqualTo("in second");
    assertThat(store.dropCollection(other)).isTrue();
    assertThat(store.count(other)).isZero();
    assertThat(store.count(col)).isEqualTo(1);
  }

  @Test
  void vectorsOfAnotherDimensionAreRefusedNamingTheCollection() throws Exception {
    store.upsert(col, List.of(doc("a", "a", Map.of(), 1, 0, 0)));

    assertThatThrownBy(() -> store.upsert(col, List.of(doc("b", "b", Map.of(), 1, 0))))
        .isInstanceOf(VectorStoreException.class).hasMessageContaining("document 'b' has 2 dimensions")
        .hasMessageContaining("'" + col + "' holds vectors of 3 dimensions");
    assertThatThrownBy(() -> store.search(col, new float[] {1, 0}, 1, Map.of(), -1))
        .isInstanceOf(VectorStoreException.class).hasMessageContaining("the query vector has 2 dimensions");
    assertThatThrownBy(() -> store.upsert(col, List.of(doc("c", "c", Map.of(), 1, Float.NaN, 0))))
        .isInstanceOf(VectorStoreException.class).hasMessageContaining("not a finite number");
    assertThat(store.count(col)).isEqualTo(1);
  }

  @Test
  void collectionNamesThatCouldInjectSqlAreRefused() {
    for (String bad : List.of("docs; DROP TABLE weft_vector_collection", "Docs", "1docs", "", "a-b", "a b",
        "x".repeat(49))) {
      assertThatThrownBy(() -> store.upsert(bad, List.of(doc("a", "a", Map.of(), 1))))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not allowed");
      assertThatThrownBy(() -> store.search(bad, new float[] {1}, 1, Map.of(), 0))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.count(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void equalScoresAreOrderedById() throws Exception {
    store.upsert(col, List.of(doc("c", "c", Map.of(), 1, 0), doc("a", "a", Map.of(), 2, 0),
        doc("b", "b", Map.of(), 3, 0)));

    assertThat(store.search(col, new float[] {1, 0}, 2, Map.of(), -1)).extracting(h -> h.document().id())
        .containsExactly("a", "b");
  }
}
