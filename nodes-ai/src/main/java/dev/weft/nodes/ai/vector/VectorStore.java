package dev.weft.nodes.ai.vector;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stores documents with their vectors in named collections and finds the ones nearest to a query vector.
 *
 * <p>Similarity is cosine similarity. All vectors of a collection have the dimension of the first one stored; a
 * vector of another length is refused. Collection names are lower-case identifiers
 * ({@link #checkCollection(String)}), because stores may turn them into table names. Implementations are
 * thread-safe.
 *
 * <p>A metadata filter is a JSON object: a document matches when its metadata has every key of the filter with an
 * equal value (numbers compare by value, so {@code 1} equals {@code 1.0}); an empty filter matches everything.
 */
public interface VectorStore {

  /** Inserts the documents, replacing those whose ids exist. Every document needs a vector. */
  void upsert(String collection, List<VectorDocument> documents) throws VectorStoreException;

  /**
   * The {@code topK} documents nearest to {@code query} that match {@code filter} and score at least
   * {@code minScore}, best first. An unknown collection has no documents.
   */
  List<ScoredDocument> search(String collection, float[] query, int topK, Map<String, Object> filter,
      double minScore) throws VectorStoreException;

  /** The documents with these ids (with their vectors), in the order of {@code ids}; missing ids are skipped. */
  List<VectorDocument> get(String collection, Collection<String> ids) throws VectorStoreException;

  /** Deletes the documents with these ids; returns how many existed. */
  int delete(String collection, Collection<String> ids) throws VectorStoreException;

  /** How many documents the collection holds (0 for an unknown one). */
  long count(String collection) throws VectorStoreException;

  /** Deletes a whole collection; false when there was none. */
  boolean dropCollection(String collection) throws VectorStoreException;

  /** Allowed collection names: a lower-case letter, then up to 47 lower-case letters, digits or underscores. */
  Pattern COLLECTION_NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  /**
   * Checks a collection name.
   *
   * @return the name
   * @throws IllegalArgumentException naming the rule when it is not allowed
   */
  static String checkCollection(String name) {
    if (name == null || !COLLECTION_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("collection name '" + name + "' is not allowed: use a lower-case letter"
          + " followed by up to 47 lower-case letters, digits or underscores");
    }
    return name;
  }
}
