package dev.weft.nodes.ai.vector;

import java.util.List;

/**
 * Turns texts into vectors whose cosine similarity says how related the texts are.
 *
 * <p>Implementations are thread-safe. Every vector an embedder returns has {@link #dimension()} components.
 */
public interface Embedder {

  /**
   * One vector per text, in order.
   *
   * @throws Exception when the embedding service fails (its message names the service, never a secret)
   */
  List<float[]> embed(List<String> texts) throws Exception;

  /** The length of every vector, or 0 when only known after the first call (a remote model). */
  int dimension();

  /** What produced the vectors, recorded beside them: a model id such as {@code text-embedding-3-small}. */
  String model();
}
