package dev.weft.nodes.ai.vector;

import static dev.weft.nodes.ai.vector.AiBTests.chain;
import static dev.weft.nodes.ai.vector.AiBTests.run;
import static dev.weft.nodes.ai.vector.AiBTests.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class VectorStoreNodeTest {
  static final List<Item> HELP_PAGES = List.of(
      Item.of("text", "To reset your password, open Settings, choose Security and click 'Reset password'. A link is"
          + " sent to your email address.\n\nTwo-factor authentication adds a code from your phone to every"
          + " sign-in. Turn it on under Security as well.", "metadata", Map.of("source", "account.md")),
      Item.of("text", "Invoices are sent on the first day of each month and are due within thirty days.\n\n"
          + "Refunds are paid back to the original card within ten days of the return.",
          "metadata", Map.of("source", "billing.md")),
      Item.of("text", "Our warehouse ships orders to Canada and Mexico within five business days.\n\nExpress"
          + " delivery within the country arrives the next day.", "metadata", Map.of("source", "shipping.md")));

  static final String SPLIT = """
      { "name": "Split", "type": "weft.ai.textSplitter", "parameters": { "chunkSize": 120, "chunkOverlap": 20 } }""";

  static String insert(String collection) {
    return """
        { "name": "Insert", "type": "weft.ai.vectorStore", "parameters": { "operation": "insert",
          "collection": "%s", "embeddingProvider": "hashing" } }""".formatted(collection);
  }

  static String search(String collection, String extra) {
    return """
        { "name": "Search", "type": "weft.ai.vectorStore", "parameters": { "operation": "search",
          "collection": "%s", "embeddingProvider": "hashing", "topK": 2 %s } }""".formatted(collection, extra);
  }

  private static String collection() {
    return "help_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void aWorkflowInsertsChunksAndAnotherFindsTheRelatedPassageFirst() {
    try (Weft weft = AiBTests.engine()) {
      String col = collection();
      ExecutionResult inserted = succeeded(run(weft, chain(SPLIT, insert(col)), HELP_PAGES));
      List<Item> stored = inserted.items("Insert");
      assertThat(stored).hasSizeGreaterThan(3);
      assertThat(stored.get(0).json()).containsKeys("id", "collection", "text", "metadata");
      assertThat((Map<String, Object>) stored.get(0).json().get("metadata")).containsEntry("source", "account.md")
          .containsEntry("chunkIndex", 0L).containsKeys("chunkCount", "start", "end");

      ExecutionResult found = succeeded(run(weft, chain(search(col, "")),
          List.of(Item.of("query", "how do I reset my password?"), Item.of("query", "when are invoices due"))));

      List<Item> hits = found.items("Search");
      assertThat(hits).hasSize(4);
      assertThat(hits.get(0).json()).containsEntry("query", "how do I reset my password?").containsEntry("rank", 1);
      assertThat((String) hits.get(0).json().get("text")).contains("reset your password");
      assertThat((Map<String, Object>) hits.get(0).json().get("metadata")).containsEntry("source", "account.md");
      assertThat((Double) hits.get(0).json().get("score")).isGreaterThan((Double) hits.get(1).json().get("score"));
      assertThat(hits.get(0).pairedItems().get(0).item()).isZero();
      assertThat((String) hits.get(2).json().get("text")).contains("Invoices are sent");
      assertThat(hits.get(2).pairedItems().get(0).item()).isEqualTo(1);
    }
  }

  @Test
  void insertingTheSameDocumentsAgainReplacesThem() {
    try (Weft weft = AiBTests.engine()) {
      String col = collection();
      List<Item> first = succeeded(run(weft, chain(SPLIT, insert(col)), HELP_PAGES)).items("Insert");
      List<Item> second = succeeded(run(weft, chain(SPLIT, insert(col)), HELP_PAGES)).items("Insert");

      assertThat(second).extracting(i -> i.json().get("id"))
          .containsExactlyElementsOf(first.stream().map(i -> i.json().get("id")).toList());
      List<Item> hits = succeeded(run(weft, chain(search(col, ", \"topK\": 50")),
          List.of(Item.of("query", "password")))).items("Search");
      assertThat(hits).hasSize(first.size());
    }
  }

  @Test
  void theMetadataFilterAndMinimumScoreNarrowTheResults() {
    try (Weft weft = AiBTests.engine()) {
      String col = collection();
      succeeded(run(weft, chain(SPLIT, insert(col)), HELP_PAGES));

      List<Item> filtered = succeeded(run(weft, chain(search(col, ", \"filter\": { \"source\": \"shipping.md\" }")),
          List.of(Item.of("query", "reset my password")))).items("Search");
      assertThat(filtered).isNotEmpty().allSatisfy(i ->
          assertThat((Map<String, Object>) i.json().get("metadata")).containsEntry("source", "shipping.md"));

      List<Item> strict = succeeded(run(weft, chain(search(col, ", \"minScore\": 0.99")),
          List.of(Item.of("query", "reset my password")))).items("Search");
      assertThat(strict).isEmpty();
    }
  }

  @Test
  void collectionsAreSharedWithinAnEngineButNotAcrossEngines() {
    String col = collection();
    try (Weft one = AiBTests.engine(); Weft two = AiBTests.engine()) {
      succeeded(run(one, chain(SPLIT, insert(col)), HELP_PAGES));

      assertThat(succeeded(run(one, chain(search(col, "")), List.of(Item.of("query", "shipping")))).items("Search"))
          .isNotEmpty();
      assertThat(succeeded(run(two, chain(search(col, "")), List.of(Item.of("query", "shipping")))).items("Search"))
          .isEmpty();
    }
  }

  @Test
  void aDataSourceServiceMakesTheNodesUseTheJdbcStore() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:vector-node-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    String col = collection();
    try (Weft weft = AiBTests.engine(null, b -> b.service(DataSource.class, h2))) {
      List<Item> stored = succeeded(run(weft, chain(SPLIT, insert(col)), HELP_PAGES)).items("Insert");

      assertThat(new JdbcVectorStore(h2).count(col)).isEqualTo(stored.size());
    }
    // a new engine on the same database finds the collection
    try (Weft weft = AiBTests.engine(null, b -> b.service(DataSource.class, h2))) {
      List<Item> hits = succeeded(run(weft, chain(search(col, "")), List.of(Item.of("query", "are refunds paid back"))))
          .items("Search");
      assertThat((String) hits.get(0).json().get("text")).contains("Refunds are paid back");
    }
  }

  @Test
  void aVectorStoreServiceOfTheHostIsUsed() throws Exception {
    InMemoryVectorStore hostStore = new InMemoryVectorStore();
    String col = collection();
    try (Weft weft = AiBTests.engine(null, b -> b.service(VectorStore.class, hostStore))) {
      succeeded(run(weft, chain(SPLIT, insert(col)), HELP_PAGES));
    }
    assertThat(hostStore.count(col)).isGreaterThan(3);
  }

  @Test
  void precomputedEmbeddingsFromTheEmbeddingsNodeAreStored() throws Exception {
    InMemoryVectorStore hostStore = new InMemoryVectorStore();
    String col = collection();
    String embed = """
        { "name": "Embed", "type": "weft.ai.embeddings", "parameters": { "embeddingProvider": "hashing",
          "dimensions": 64, "outputField": "vec" } }""";
    String store = """
        { "name": "Insert", "type": "weft.ai.vectorStore", "parameters": { "operation": "insert",
          "collection": "%s", "vector": "{{ $json.vec }}", "documentId": "{{ $json.metadata.source }}",
          "embeddingProvider": "hashing", "dimensions": 64 } }""".formatted(col);
    try (Weft weft = AiBTests.engine(null, b -> b.service(VectorStore.class, hostStore))) {
      ExecutionResult r = succeeded(run(weft, chain(embed, store), HELP_PAGES));

      assertThat((List<?>) r.items("Embed").get(0).json().get("vec")).hasSize(64);
      assertThat(r.items("Insert")).extracting(i -> i.json().get("id"))
          .containsExactly("account.md", "billing.md", "shipping.md");
    }
    VectorDocument doc = hostStore.get(col, List.of("billing.md")).get(0);
    assertThat(doc.vector()).containsExactly(new HashingEmbedder(64).embed((String) HELP_PAGES.get(1).json()
        .get("text")));
  }

  @Test
  void badSettingsFailNamingTheParameter() {
    try (Weft weft = AiBTests.engine()) {
      ExecutionResult badName = run(weft, chain(insert("Bad-Name")), HELP_PAGES);
      assertThat(badName.succeeded()).isFalse();
      assertThat(badName.error().toString()).contains("collection", "Bad-Name", "is not allowed");

      ExecutionResult noQuery = run(weft, chain(search(collection(), "")), List.of(Item.of("question", "x")));
      assertThat(noQuery.succeeded()).isFalse();
      assertThat(noQuery.error().toString()).contains("query", "item 0 has no query");

      ExecutionResult noCredential = run(weft, chain("""
          { "name": "Insert", "type": "weft.ai.vectorStore", "parameters": { "operation": "insert",
            "collection": "docs" } }"""), HELP_PAGES);
      assertThat(noCredential.succeeded()).isFalse();
      assertThat(noCredential.error().toString()).contains("weft.openAiApi");
    }
  }
}
