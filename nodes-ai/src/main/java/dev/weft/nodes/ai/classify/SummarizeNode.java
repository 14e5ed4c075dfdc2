package dev.weft.nodes.ai.classify;

import dev.weft.nodes.ai.internal.Params;
import dev.weft.nodes.ai.internal.PerItem;
import dev.weft.nodes.ai.chat.ModelCalls;
import dev.weft.nodes.ai.model.ChatMessage;
import dev.weft.nodes.ai.model.ChatModel;
import dev.weft.nodes.ai.model.ChatResponse;
import dev.weft.nodes.ai.model.ModelProviders;
import dev.weft.nodes.ai.model.Usage;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarize ({@code weft.ai.summarize}): a language model summarises each item's text. Text longer than a chunk is
 * summarised map-reduce: each chunk on its own, then the summaries combined (in rounds while they are still longer
 * than a chunk). Output per item: {@code output} (the summary), {@code chunks} (how many pieces were summarised
 * first) and {@code usage}.
 */
public final class SummarizeNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.ai.summarize";
  private static final int MAX_ROUNDS = 5;

  private static final NodeDescriptor DESCRIPTOR = describe();

  private static NodeDescriptor describe() {
    List<ParameterSpec> params = new ArrayList<>();
    params.add(ParameterSpec.string("text").displayName("Text").required().defaultValue("{{ $json.text }}")
        .description("What to summarise").build());
    params.add(ParameterSpec.number("chunkSize").displayName("Chunk size (characters)").defaultValue(4000)
        .description("Text longer than this is summarised chunk by chunk, then combined").build());
    params.add(ParameterSpec.number("chunkOverlap").displayName("Chunk overlap (characters)").defaultValue(200)
        .build());
    params.add(ParameterSpec.string("mapPrompt").displayName("Chunk prompt")
        .defaultValue("Write a concise summary of the following text:\n\n{text}")
        .description("Sent for each chunk (and for short text); {text} stands for the chunk").build());
    params.add(ParameterSpec.string("combinePrompt").displayName("Combine prompt")
        .defaultValue("Combine these partial summaries of one text into one concise summary:\n\n{text}")
        .description("Sent with the chunks' summaries; {text} stands for them").build());
    return ModelProviders.nodeDescriptor(TYPE, params).displayName("Summarize")
        .icon("fa:compress").description("Summarises text with a language model, map-reduce for long text.")
        .build();
  }

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    return PerItem.map(context, SummarizeNode::summarize);
  }

  private static Map<String, Object> summarize(NodeContext context, int i) throws NodeException {
    String text = Params.required(context, "text", i, "the text to summarise");
    int size = context.parameter("chunkSize", i, Integer.class);
    int overlap = context.parameter("chunkOverlap", i, Integer.class);
    if (size < 100) {
      throw NodeException.parameter("chunkSize", i, "the chunk size must be at least 100 characters");
    }
    if (overlap < 0 || overlap >= size) {
      throw NodeException.parameter("chunkOverlap", i, "the overlap must be at least 0 and less than the chunk size");
    }
    String mapPrompt = context.string("mapPrompt", i);
    String combinePrompt = context.string("combinePrompt", i);
    ModelProviders.Settings settings = ModelProviders.settings(context, i);
    ChatModel model = ModelProviders.chatModel(context, i);
    Usage[] usage = {Usage.ZERO};
    List<String> chunks = TextChunks.split(text, size, overlap);
    String summary;
    if (chunks.size() <= 1) {
      summary = ask(context, i, model, settings, mapPrompt, text, usage);
    } else {
      List<String> partial = new ArrayList<>();
      for (String chunk : chunks) {
        partial.add(ask(context, i, model, settings, mapPrompt, chunk, usage));
      }
      String joined = String.join("\n\n", partial);
      for (int round = 1; joined.length() > size && round < MAX_ROUNDS; round++) {
        List<String> next = new ArrayList<>();
        for (String piece : TextChunks.split(joined, size, 0)) {
          next.add(ask(context, i, model, settings, combinePrompt, piece, usage));
        }
        joined = String.join("\n\n", next);
      }
      summary = ask(context, i, model, settings, combinePrompt, joined, usage);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("output", summary);
    json.put("chunks", chunks.size());
    json.put("usage", usage[0].toMap());
    return json;
  }

  private static String ask(NodeContext context, int i, ChatModel model, ModelProviders.Settings settings,
      String template, String text, Usage[] usage) throws NodeException {
    String prompt = template.contains("{text}") ? template.replace("{text}", text) : template + "\n\n" + text;
    ChatResponse response = ModelCalls.call(context, i, model, settings.request(List.of(ChatMessage.user(prompt))),
        false);
    usage[0] = usage[0].plus(response.usage());
    return response.textOrEmpty().strip();
  }
}
