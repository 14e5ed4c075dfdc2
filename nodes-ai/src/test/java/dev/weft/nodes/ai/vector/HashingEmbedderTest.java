package dev.weft.nodes.ai.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashingEmbedderTest {
  private final HashingEmbedder embedder = new HashingEmbedder();

  @Test
  void murmur3MatchesTheReferenceImplementation() {
    assertThat(HashingEmbedder.murmur3(new byte[0], 0)).isZero();
    assertThat(HashingEmbedder.murmur3(new byte[0], 1)).isEqualTo(0x514E28B7);
    assertThat(HashingEmbedder.murmur3("hello".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(0x248BFA47);
    assertThat(HashingEmbedder.murmur3("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8),
        0)).isEqualTo(0x2E4FF723);
  }

  @Test
  void vectorsAreDeterministicUnitLengthAndOfTheDimension() {
    float[] a = embedder.embed("Invoices are due within thirty days.");
    float[] b = new HashingEmbedder().embed("Invoices are due within thirty days.");

    assertThat(a).hasSize(1024).containsExactly(b);
    assertThat(Vectors.norm(a)).isCloseTo(1.0, within(1e-6));
    assertThat(new HashingEmbedder(64).embed(List.of("x", "y"))).allSatisfy(v -> assertThat(v).hasSize(64));
    assertThat(new HashingEmbedder(64).model()).isEqualTo("weft-hashing-64");
  }

  @Test
  void aTextWithoutWordsIsTheZeroVector() {
    float[] v = embedder.embed("  the , . of !! ");
    assertThat(Vectors.norm(v)).isZero();
  }

  @Test
  void wordsAreNormalisedAndFunctionWordsDropped() {
    assertThat(HashingEmbedder.words("The ﬁle IS in Köln's CAFÉ, naïve 42x")).containsExactly("file", "köln", "s",
        "café", "naïve", "42x");
    assertThat(HashingEmbedder.words("東京の天気")).containsExactly("東", "京", "の", "天", "気");
    assertThat(HashingEmbedder.words("refunds policies shoes glasses status bus cats")).containsExactly("refund",
        "policy", "shoe", "glasse", "status", "bus", "cat");
  }

  @Test
  void sharedWordsAndPhrasesMakeTextsSimilar() {
    float[] q = embedder.embed("reset my password");
    double same = Vectors.cosine(q, embedder.embed("How do I reset my password?"), 1);
    double partly = Vectors.cosine(q, embedder.embed("The password policy requires twelve characters."), 1);
    double unrelated = Vectors.cosine(q, embedder.embed("Shipping to Canada takes five days."), 1);

    assertThat(same).isGreaterThan(partly);
    assertThat(partly).isGreaterThan(unrelated);
    assertThat(unrelated).isCloseTo(0, within(0.15));
    // word order matters through bigrams
    assertThat(Vectors.cosine(embedder.embed("dog bites man"), embedder.embed("man bites dog"), 1))
        .isLessThan(0.99).isGreaterThan(0.3);
  }

  @Test
  void semanticSearchReturnsTheRelatedPassageFirst() throws Exception {
    List<String> passages = List.of(
        "To reset your password, open Settings, choose Security and click 'Reset password'.",
        "Invoices are sent on the first day of each month and are due within thirty days.",
        "Our warehouse ships orders to Canada and Mexico within five business days.",
        "Two-factor authentication adds a code from your phone to every sign-in.",
        "Refunds are paid back to the original card within ten days of the return.");
    InMemoryVectorStore store = new InMemoryVectorStore();
    List<VectorDocument> docs = new ArrayList<>();
    List<float[]> vectors = embedder.embed(passages);
    for (int i = 0; i < passages.size(); i++) {
      docs.add(new VectorDocument("p" + i, passages.get(i), Map.of(), vectors.get(i)));
    }
    store.upsert("help", docs);

    assertThat(top(store, "How can I reset a forgotten password?")).isEqualTo("p0");
    assertThat(top(store, "When is my invoice due?")).isEqualTo("p1");
    assertThat(top(store, "how long does shipping to Canada take")).isEqualTo("p2");
    assertThat(top(store, "when do I get my refund after a return")).isEqualTo("p4");
    assertThat(top(store, "phone code at sign-in")).isEqualTo("p3");
  }

  private String top(VectorStore store, String query) throws Exception {
    return store.search("help", embedder.embed(query), 1, Map.of(), 0).get(0).document().id();
  }

  @Test
  void theDimensionIsBounded() {
    assertThatThrownBy(() -> new HashingEmbedder(8)).hasMessageContaining("between 16 and 65536");
  }
}
