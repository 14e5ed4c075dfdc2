package dev.weft.nodes.ai.model;

import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Services;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * The model credential types and the parameters every AI node shares (provider, model, temperature, max tokens,
 * timeout, retries), and the client they make for a node activation.
 */
public final class ModelProviders {
  /** Credential type of OpenAI-compatible servers: base URL, optional key, extra headers. */
  public static final String OPENAI = "weft.openAiApi";
  /** Credential type of Anthropic's API: base URL, key, API version. */
  public static final String ANTHROPIC = "weft.anthropicApi";
  /** Default base URL of OpenAI. */
  public static final String OPENAI_BASE = "https://api.openai.com/v1";
  /** Default base URL of Anthropic. */
  public static final String ANTHROPIC_BASE = "https://api.anthropic.com/v1";

  private ModelProviders() {}

  /** The OpenAI-compatible credential, tested by listing the server's models. */
  public static CredentialType openAiType() {
    return CredentialType.builder(OPENAI).displayName("OpenAI-compatible API")
        .description("OpenAI, or any server speaking its API: OpenRouter (https://openrouter.ai/api/v1), Ollama "
            + "(http://localhost:11434/v1), vLLM, LM Studio. Local servers need no API key.")
        .fields(
            ParameterSpec.string("apiKey").displayName("API key").secret().noExpressions()
                .description("Sent as a bearer token; leave empty for local servers that need none"),
            ParameterSpec.string("baseUrl").displayName("Base URL").defaultValue(OPENAI_BASE).noExpressions()
                .description("The API root, ending in /v1 for most servers"),
            ParameterSpec.list("headers", ParameterSpec.string("name").required().build(),
                    ParameterSpec.string("value").secret().build())
                .displayName("Extra headers").noExpressions()
                .description("Sent with every request, for example OpenRouter's HTTP-Referer and X-Title"))
        .tester((credentials, services) -> {
          try {
            List<String> models = openAi(credentials, services, ModelOptions.defaults().withMaxRetries(0), null)
                .models();
            return CredentialTester.Result.ok("connected; the server offers " + models.size() + " model"
                + (models.size() == 1 ? "" : "s"));
          } catch (ModelException e) {
            return CredentialTester.Result.failed(e.getMessage());
          }
        })
        .build();
  }

  /** The Anthropic credential, tested by listing the models the key may use. */
  public static CredentialType anthropicType() {
    return CredentialType.builder(ANTHROPIC).displayName("Anthropic API")
        .description("An Anthropic API key from console.anthropic.com.")
        .fields(
            ParameterSpec.string("apiKey").displayName("API key").required().secret().noExpressions(),
            ParameterSpec.string("baseUrl").displayName("Base URL").defaultValue(ANTHROPIC_BASE).noExpressions(),
            ParameterSpec.string("version").displayName("API version").defaultValue(AnthropicClient.DEFAULT_VERSION)
                .noExpressions().description("Sent as the anthropic-version header"))
        .tester((credentials, services) -> {
          try {
            List<String> models = anthropic(credentials, services, ModelOptions.defaults().withMaxRetries(0), null)
                .models();
            return CredentialTester.Result.ok("connected; " + models.size() + " model"
                + (models.size() == 1 ? "" : "s") + " available");
          } catch (ModelException e) {
            return CredentialTester.Result.failed(e.getMessage());
          } catch (NodeException e) {
            return CredentialTester.Result.failed(e.getMessage());
          }
        })
        .build();
  }

  /** Declares both model credentials (each optional: the provider parameter says which one is used). */
  public static NodeDescriptor.Builder declareCredentials(NodeDescriptor.Builder builder) {
    return builder.credential(OPENAI, false).credential(ANTHROPIC, false);
  }

  /**
   * A descriptor of a node calling a model: group {@code ai}, the model parameters, then the node's own, and both model
   * credentials (each optional: the provider parameter says which one is used).
   */
  public static NodeDescriptor.Builder nodeDescriptor(String type, List<ParameterSpec> own) {
    List<ParameterSpec> all = new ArrayList<>(parameters("gpt-4o-mini"));
    all.addAll(own);
    return declareCredentials(NodeDescriptor.builder(type).group("ai").parameters(all.toArray(ParameterSpec[]::new)));
  }

  /** The parameters choosing and tuning the model, in form order. */
  public static List<ParameterSpec> parameters(String defaultModel) {
    List<ParameterSpec> specs = new ArrayList<>();
    specs.add(ParameterSpec.options("provider",
            new Option("openAi", "OpenAI-compatible", "OpenAI, OpenRouter, Ollama, vLLM: credential " + OPENAI),
            new Option("anthropic", "Anthropic", "Claude models: credential " + ANTHROPIC))
        .displayName("Provider").build());
    specs.add(ParameterSpec.string("model").displayName("Model").required().defaultValue(defaultModel)
        .description("The model id as the provider names it: gpt-4o-mini, claude-sonnet-4-5, llama3.1, …").build());
    specs.add(ParameterSpec.number("temperature").displayName("Temperature")
        .description("Sampling temperature; empty for the provider's default").build());
    specs.add(ParameterSpec.number("maxTokens").displayName("Max tokens")
        .description("The most tokens to generate per model call; empty for the provider's default").build());
    specs.add(ParameterSpec.collection("modelOptions",
            ParameterSpec.number("timeoutSeconds").displayName("Timeout (s)").defaultValue(600)
                .description("The longest a model call may take").build(),
            ParameterSpec.number("maxRetries").displayName("Retries").defaultValue(2)
                .description("Tries after the first on 429 Too Many Requests, 5xx and network failures").build())
        .displayName("Model call options").build());
    return specs;
  }

  /**
   * The model id and sampling settings of a node's parameters for one item.
   *
   * @param model the model id
   * @param temperature sampling temperature, or {@code null}
   * @param maxTokens the most tokens per call, or {@code null}
   */
  public record Settings(String model, Double temperature, Integer maxTokens) {
    /** A request for these settings and messages. */
    public ChatRequest request(List<ChatMessage> messages) {
      return ChatRequest.of(model, messages).withSampling(temperature, maxTokens);
    }

    /** As JSON values (for run data). */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", model);
      if (temperature != null) {
        m.put("temperature", temperature);
      }
      if (maxTokens != null) {
        m.put("maxTokens", maxTokens);
      }
      return m;
    }
  }

  /** The model settings for item {@code i}. */
  public static Settings settings(NodeContext context, int i) throws NodeException {
    String model = context.string("model", i);
    if (model == null || model.isBlank()) {
      throw NodeException.parameter("model", i, "no model is set; name the model as the provider does, for "
          + "example gpt-4o-mini");
    }
    Double temperature = context.parameter("temperature", i, Double.class);
    Integer maxTokens = context.parameter("maxTokens", i, Integer.class);
    if (maxTokens != null && maxTokens < 1) {
      throw NodeException.parameter("maxTokens", i, "max tokens must be at least 1, was " + maxTokens);
    }
    return new Settings(model.trim(), temperature, maxTokens);
  }

  /** The chat model the node's provider parameter and credentials name, for item {@code i}. */
  public static ChatModel chatModel(NodeContext context, int i) throws NodeException {
    String provider = context.string("provider", i);
    ModelOptions options = options(context, i);
    if ("anthropic".equals(provider)) {
      return anthropic(context.credentials(ANTHROPIC), context, options, context);
    }
    if (provider != null && !"openAi".equals(provider)) {
      throw NodeException.parameter("provider", i, "unknown provider '" + provider + "'; use openAi or anthropic");
    }
    return openAi(context.credentials(OPENAI), context, options, context);
  }

  /** Timeouts and retries from the node's {@code modelOptions}. */
  public static ModelOptions options(NodeContext context, int i) throws NodeException {
    ModelOptions options = ModelOptions.defaults();
    Number timeout = context.parameter("modelOptions.timeoutSeconds", i, Number.class);
    if (timeout != null) {
      if (timeout.doubleValue() <= 0) {
        throw NodeException.parameter("modelOptions.timeoutSeconds", i, "the timeout must be positive");
      }
      options = options.withCallTimeout(Duration.ofMillis((long) (timeout.doubleValue() * 1000)));
    }
    Number retries = context.parameter("modelOptions.maxRetries", i, Number.class);
    if (retries != null) {
      if (retries.intValue() < 0) {
        throw NodeException.parameter("modelOptions.maxRetries", i, "retries must not be negative");
      }
      options = options.withMaxRetries(retries.intValue());
    }
    return options;
  }

  /**
   * An OpenAI-compatible client for these credentials.
   *
   * @param context for cancellation and the clock, or {@code null} outside an execution
   */
  public static OpenAiClient openAi(Credentials credentials, Services services, ModelOptions options,
      NodeContext context) {
    String base = credentials.string("baseUrl");
    Map<String, String> headers = new LinkedHashMap<>();
    if (credentials.get("headers") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> h && h.get("name") != null && !String.valueOf(h.get("name")).isBlank()) {
          headers.put(String.valueOf(h.get("name")).trim(), h.get("value") == null ? "" : String.valueOf(h.get("value")));
        }
      }
    }
    return new OpenAiClient(base == null || base.isBlank() ? OPENAI_BASE : base, credentials.string("apiKey"),
        headers, services.service(OkHttpClient.class), options, context == null ? null : context.cancellation(),
        context == null ? Clock.systemUTC() : context.clock());
  }

  /**
   * An Anthropic client for these credentials.
   *
   * @param context for cancellation and the clock, or {@code null} outside an execution
   */
  public static AnthropicClient anthropic(Credentials credentials, Services services, ModelOptions options,
      NodeContext context) throws NodeException {
    String base = credentials.string("baseUrl");
    return new AnthropicClient(base == null || base.isBlank() ? ANTHROPIC_BASE : base, credentials.require("apiKey"),
        credentials.string("version"), services.service(OkHttpClient.class), options,
        context == null ? null : context.cancellation(), context == null ? Clock.systemUTC() : context.clock());
  }
}
