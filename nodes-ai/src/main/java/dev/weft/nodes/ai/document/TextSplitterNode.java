package dev.weft.nodes.ai.document;

import dev.weft.nodes.ai.internal.Params;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text Splitter ({@code weft.ai.textSplitter}): cuts each item's text into overlapping chunks with
 * {@link TextSplitter} (LangChain's recursive character splitter), one output item per chunk. Each chunk's metadata
 * is the item's metadata plus {@code chunkIndex}, {@code chunkCount}, {@code start} and {@code end} (offsets of the
 * chunk in the text).
 */
public final class TextSplitterNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.ai.textSplitter";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Text Splitter").group("ai").icon("fa:scissors")
      .description("Splits texts into overlapping chunks at paragraph, line and word boundaries.")
      .parameters(
          ParameterSpec.string("text").displayName("Text").defaultValue("{{ $json.text }}")
              .description("The text to split"),
          ParameterSpec.json("metadata").displayName("Metadata").defaultValue("{{ $json.metadata }}")
              .description("Metadata every chunk of the item keeps, as a JSON object"),
          ParameterSpec.number("chunkSize").displayName("Chunk size").defaultValue(1000).required()
              .description("The most characters (or tokens) in a chunk"),
          ParameterSpec.number("chunkOverlap").displayName("Chunk overlap").defaultValue(200)
              .description("Up to this many characters (or tokens) of a chunk's end begin the next one"),
          ParameterSpec.options("unit",
                  new Option("characters", "Characters", "Unicode characters"),
                  new Option("tokens", "Tokens (estimated)",
                      "An estimate of language-model tokens: about 4 letters a token, 1 per punctuation mark"))
              .displayName("Size unit"),
          ParameterSpec.json("separators").displayName("Separators")
              .description("Where to cut, in order of preference, as a JSON list of strings; default [\"\\n\\n\", "
                  + "\"\\n\", \" \", \"\"] (the empty string cuts between characters)"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    NodeOutput.Builder out = context.output();
    List<Item> items = context.items();
    for (int i = 0; i < items.size(); i++) {
      try {
        TextSplitter splitter = splitter(context, i);
        Object value = context.parameter("text", i);
        if (value == null) {
          throw NodeException.parameter("text", i, "item " + i + " has no text (the parameter 'text' is empty)");
        }
        String text = String.valueOf(value);
        Map<String, Object> metadata = Params.object(context, "metadata", i);
        List<TextSplitter.Chunk> chunks = splitter.split(text);
        for (TextSplitter.Chunk chunk : chunks) {
          Map<String, Object> meta = new LinkedHashMap<>(metadata);
          meta.put("chunkIndex", chunk.index());
          meta.put("chunkCount", chunks.size());
          meta.put("start", chunk.start());
          meta.put("end", chunk.end());
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("text", chunk.text());
          json.put("metadata", meta);
          out.add(0, Item.of(json).pairedWith(i));
        }
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private static TextSplitter splitter(NodeContext context, int i) throws NodeException {
    Number size = context.parameter("chunkSize", i, Number.class);
    Number overlap = context.parameter("chunkOverlap", i, Number.class);
    int chunkSize = size == null ? 1000 : size.intValue();
    int chunkOverlap = overlap == null ? 0 : overlap.intValue();
    if (chunkSize < 1) {
      throw NodeException.parameter("chunkSize", i, "the chunk size must be at least 1, was " + chunkSize);
    }
    if (chunkOverlap < 0 || chunkOverlap >= chunkSize) {
      throw NodeException.parameter("chunkOverlap", i, "the chunk overlap must be at least 0 and smaller than the"
          + " chunk size (" + chunkSize + "), was " + chunkOverlap);
    }
    List<String> separators = TextSplitter.DEFAULT_SEPARATORS;
    if (context.hasParameter("separators")) {
      Object raw = context.parameter("separators", i, List.class);
      if (raw != null) {
        List<String> list = new ArrayList<>();
        if (raw instanceof List<?> l) {
          for (Object o : l) {
            if (!(o instanceof String s)) {
              throw NodeException.parameter("separators", i, "separators must be strings, got " + o);
            }
            list.add(s);
          }
        }
        if (list.isEmpty()) {
          throw NodeException.parameter("separators", i, "give at least one separator");
        }
        separators = list;
      }
    }
    TextSplitter.Unit unit = "tokens".equals(context.string("unit", i)) ? TextSplitter.Unit.TOKENS
        : TextSplitter.Unit.CHARACTERS;
    return new TextSplitter(chunkSize, chunkOverlap, separators, unit);
  }
}
