package dev.weft.nodes.ai.vector;

/**
 * A search hit.
 *
 * @param document the stored document (without its vector)
 * @param score cosine similarity to the query, from -1 to 1 (1: same direction)
 */
public record ScoredDocument(VectorDocument document, double score) {}
