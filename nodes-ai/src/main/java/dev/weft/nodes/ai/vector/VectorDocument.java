package dev.weft.nodes.ai.vector;

import java.util.Map;
import java.util.Objects;

/**
 * A text stored in a vector store with its vector and metadata.
 *
 * @param id the document's id within its collection; upserting the same id replaces the document
 * @param text the text the vector was computed from
 * @param metadata JSON values describing it (source, chunk index, ...); filters match on these
 * @param vector the embedding; may be {@code null} in results that do not carry it
 */
public record VectorDocument(String id, String text, Map<String, Object> metadata, float[] vector) {
  public VectorDocument {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("a document id must not be empty");
    }
    text = text == null ? "" : text;
    metadata = metadata == null ? Map.of() : metadata;
  }

  /** This document without its vector (what searches and reads answer with unless asked). */
  public VectorDocument withoutVector() {
    return vector == null ? this : new VectorDocument(id, text, metadata, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VectorDocument d && id.equals(d.id) && text.equals(d.text) && metadata.equals(d.metadata)
        && java.util.Arrays.equals(vector, d.vector);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, text, metadata) * 31 + java.util.Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "VectorDocument[id=" + id + ", text=" + (text.length() > 60 ? text.substring(0, 60) + "…" : text)
        + ", metadata=" + metadata + (vector == null ? "" : ", dimension=" + vector.length) + "]";
  }
}
