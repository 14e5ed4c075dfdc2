package dev.weft.nodes.ai.vector;

import dev.weft.spi.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** Vector arithmetic, the portable byte form of vectors, metadata filters and top-k selection. */
final class Vectors {
  private Vectors() {}

  static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }

  /** Cosine similarity given the norm of {@code b}; 0 when either vector is all zeros. */
  static double cosine(float[] a, float[] b, double normB) {
    double dot = 0;
    double normA = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      normA += (double) a[i] * a[i];
    }
    return normA == 0 || normB == 0 ? 0 : dot / (Math.sqrt(normA) * normB);
  }

  /** The vector as little-endian IEEE 754 floats: 4 bytes a component. */
  static byte[] toBytes(float[] v) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      buf.putFloat(x);
    }
    return buf.array();
  }

  static float[] fromBytes(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[bytes.length / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = buf.getFloat();
    }
    return v;
  }

  /** pgvector's text form: {@code [0.1,0.2]}. */
  static String toPgVector(float[] v) {
    StringBuilder sb = new StringBuilder(v.length * 10).append('[');
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(v[i]);
    }
    return sb.append(']').toString();
  }

  static float[] fromPgVector(String text) {
    String inner = text.trim();
    inner = inner.substring(1, inner.length() - 1);
    if (inner.isBlank()) {
      return new float[0];
    }
    String[] parts = inner.split(",");
    float[] v = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      v[i] = Float.parseFloat(parts[i].trim());
    }
    return v;
  }

  /** Whether the metadata has every key of the filter with an equal value. */
  static boolean matches(Map<String, Object> metadata, Map<String, Object> filter) {
    if (filter == null || filter.isEmpty()) {
      return true;
    }
    for (Map.Entry<String, Object> e : filter.entrySet()) {
      if (!metadata.containsKey(e.getKey()) || !Json.equal(e.getValue(), metadata.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Checks a vector before it is stored or searched with. */
  static void checkVector(String collection, String what, float[] v) throws VectorStoreException {
    if (v == null || v.length == 0) {
      throw new VectorStoreException(what + " in collection '" + collection + "' has no vector");
    }
    for (float x : v) {
      if (!Float.isFinite(x)) {
        throw new VectorStoreException(what + " in collection '" + collection + "' has a component that is not a"
            + " finite number");
      }
    }
  }

  static VectorStoreException dimensionMismatch(String collection, String what, int expected, int actual) {
    return new VectorStoreException(what + " has " + actual + " dimensions, but collection '" + collection
        + "' holds vectors of " + expected + " dimensions (were they made by another embedding model?)");
  }

  /** Checks a search's arguments, as every store does before it looks at its documents. */
  static void checkSearch(String collection, float[] query, int topK, double minScore) throws VectorStoreException {
    VectorStore.checkCollection(collection);
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be at least 1, was " + topK);
    }
    if (Double.isNaN(minScore)) {
      throw new IllegalArgumentException("minScore must be a number");
    }
    checkVector(collection, "the query", query);
  }

  /**
   * Keeps the {@code k} best candidates seen, in a min-heap of size {@code k}: O(n log k) over n candidates and
   * O(k) memory. Ties are broken by id so that results do not depend on storage order.
   */
  static final class TopK<T> {
    private final int k;
    private final PriorityQueue<Entry<T>> heap;

    record Entry<T>(String id, double score, T value) {}

    private static final Comparator<Entry<?>> WORST_FIRST =
        Comparator.<Entry<?>>comparingDouble(Entry::score).thenComparing(Entry::id, Comparator.reverseOrder());

    TopK(int k) {
      this.k = k;
      this.heap = new PriorityQueue<>(Math.min(k, 1024) + 1, WORST_FIRST);
    }

    /** Whether a candidate with this score and id would enter the current top k. */
    boolean accepts(String id, double score) {
      if (heap.size() < k) {
        return true;
      }
      Entry<T> worst = heap.peek();
      return WORST_FIRST.compare(new Entry<>(id, score, null), worst) > 0;
    }

    void offer(String id, double score, T value) {
      if (accepts(id, score)) {
        heap.add(new Entry<>(id, score, value));
        if (heap.size() > k) {
          heap.poll();
        }
      }
    }

    /** The kept entries, best first. */
    List<Entry<T>> best() {
      List<Entry<T>> out = new ArrayList<>(heap);
      out.sort(WORST_FIRST.reversed());
      return out;
    }
  }
}
