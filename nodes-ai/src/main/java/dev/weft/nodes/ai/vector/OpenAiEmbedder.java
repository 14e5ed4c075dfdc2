package dev.weft.nodes.ai.vector;

import dev.weft.nodes.ai.model.ModelException;
import dev.weft.nodes.ai.model.OpenAiClient;
import dev.weft.nodes.ai.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Embeddings from an OpenAI-compatible {@code POST /embeddings} endpoint (OpenAI, OpenRouter, Ollama, vLLM, …),
 * requested in batches of {@value #BATCH} texts.
 */
public final class OpenAiEmbedder implements Embedder {
  /** Texts per request. */
  public static final int BATCH = 100;

  private final OpenAiClient client;
  private final String model;
  private final Integer dimensions;
  private volatile int dimension;
  private Usage usage = Usage.ZERO;

  /**
   * An embedder.
   *
   * @param client the API client (credentials, timeouts, retries)
   * @param model the embedding model, for example {@code text-embedding-3-small} or {@code nomic-embed-text}
   * @param dimensions the vector size to ask for (models that can shorten their vectors), or {@code null}
   */
  public OpenAiEmbedder(OpenAiClient client, String model, Integer dimensions) {
    this.client = Objects.requireNonNull(client, "client");
    this.model = Objects.requireNonNull(model, "model");
    this.dimensions = dimensions;
    this.dimension = dimensions == null ? 0 : dimensions;
  }

  @Override
  public List<float[]> embed(List<String> texts) throws ModelException {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += BATCH) {
      OpenAiClient.Embeddings answer = client.embed(model, texts.subList(from, Math.min(texts.size(), from + BATCH)),
          dimensions);
      for (float[] v : answer.vectors()) {
        if (dimension == 0) {
          dimension = v.length;
        } else if (v.length != dimension) {
          throw new ModelException("embedding model '" + model + "' returned vectors of " + v.length + " and "
              + dimension + " dimensions", 200, null);
        }
        out.add(v);
      }
      synchronized (this) {
        usage = usage.plus(answer.usage());
      }
    }
    return out;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String model() {
    return model;
  }

  /** Tokens used by this embedder's calls so far. */
  public synchronized Usage usage() {
    return usage;
  }
}
