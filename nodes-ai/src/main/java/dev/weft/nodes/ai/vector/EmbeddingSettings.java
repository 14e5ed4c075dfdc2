package dev.weft.nodes.ai.vector;

import dev.weft.nodes.ai.model.ModelOptions;
import dev.weft.nodes.ai.model.ModelProviders;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.List;
import java.util.Map;

/**
 * Which embedder a node (or a retrieval tool) uses: an OpenAI-compatible model (credential
 * {@value ModelProviders#OPENAI}) or the local {@link HashingEmbedder}.
 *
 * @param provider {@code openAi} or {@code hashing}
 * @param model the model id for {@code openAi}
 * @param dimensions the vector size: asked of the model when set; the hashing embedder's size (default 1024)
 * @param where how to name a setting in errors: a parameter prefix or a tool's config
 */
record EmbeddingSettings(String provider, String model, Integer dimensions, String where) {
  static final String OPENAI = "openAi";
  static final String HASHING = "hashing";
  static final String DEFAULT_MODEL = "text-embedding-3-small";

  /** The parameters, in form order. */
  static List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.options("embeddingProvider",
                new Option(OPENAI, "OpenAI-compatible", "An embeddings endpoint: OpenAI, OpenRouter, Ollama, vLLM;"
                    + " credential " + ModelProviders.OPENAI),
                new Option(HASHING, "Local hashing (offline)", "Feature hashing of words and word pairs: no model,"
                    + " no network; matches shared words, not paraphrases"))
            .displayName("Embeddings").build(),
        ParameterSpec.string("embeddingModel").displayName("Embedding model").defaultValue(DEFAULT_MODEL)
            .displayWhen("embeddingProvider", OPENAI)
            .description("text-embedding-3-small, nomic-embed-text, …").build(),
        ParameterSpec.number("dimensions").displayName("Dimensions")
            .description("Vector size: asked of models that can shorten their vectors (text-embedding-3-*); for"
                + " local hashing 1024 unless set").build());
  }

  /** The settings of a node's parameters for item {@code i}. */
  static EmbeddingSettings of(NodeContext context, int i) throws NodeException {
    Number dims = context.parameter("dimensions", i, Number.class);
    return new EmbeddingSettings(context.string("embeddingProvider", i), context.string("embeddingModel", i),
        dims == null ? null : dims.intValue(), null).checked(i);
  }

  /** The settings of a tool's config ({@code embeddingProvider}, {@code embeddingModel}, {@code dimensions}). */
  static EmbeddingSettings of(Map<String, Object> config, String toolName) throws NodeException {
    Object dims = config.get("dimensions");
    Object provider = config.get("embeddingProvider");
    Object model = config.get("embeddingModel");
    Integer d = null;
    if (dims != null) {
      if (!(dims instanceof Number n)) {
        throw NodeException.parameter("tools", -1, "tool '" + toolName + "': config.dimensions must be a number");
      }
      d = n.intValue();
    }
    return new EmbeddingSettings(provider == null ? OPENAI : String.valueOf(provider),
        model == null ? DEFAULT_MODEL : String.valueOf(model), d, "tool '" + toolName + "': config.").checked(-1);
  }

  private EmbeddingSettings checked(int i) throws NodeException {
    String p = provider == null ? OPENAI : provider;
    if (!p.equals(OPENAI) && !p.equals(HASHING)) {
      throw fail("embeddingProvider", i, "unknown embeddings provider '" + p + "'; use " + OPENAI + " or "
          + HASHING);
    }
    if (p.equals(OPENAI) && (model == null || model.isBlank())) {
      throw fail("embeddingModel", i, "no embedding model is set, for example " + DEFAULT_MODEL);
    }
    if (dimensions != null && (dimensions < 1 || p.equals(HASHING) && (dimensions < 16 || dimensions > 65536))) {
      throw fail("dimensions", i, "dimensions must be " + (p.equals(HASHING) ? "between 16 and 65536" : "positive")
          + ", was " + dimensions);
    }
    return new EmbeddingSettings(p, model == null ? null : model.trim(), dimensions, where);
  }

  private NodeException fail(String setting, int i, String message) {
    return where == null ? NodeException.parameter(setting, i, message)
        : NodeException.parameter("tools", i, where + setting + ": " + message);
  }

  /** The embedder these settings describe; an OpenAI-compatible one uses the node's credentials. */
  Embedder create(NodeContext context, int i) throws NodeException {
    if (HASHING.equals(provider)) {
      return new HashingEmbedder(dimensions == null ? HashingEmbedder.DEFAULT_DIMENSION : dimensions);
    }
    return new OpenAiEmbedder(ModelProviders.openAi(context.credentials(ModelProviders.OPENAI), context,
        ModelOptions.defaults(), context), model, dimensions);
  }
}
