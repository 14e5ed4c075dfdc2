package com.example.weft.similarity;

import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.commons.text.similarity.SimilarityInput;

/**
 * {@code example.similarity}: how alike two texts are — the Jaro-Winkler similarity (0 to 1) and the Levenshtein
 * distance (edits), optionally ignoring case. Uses commons-text's {@link SimilarityInput}, which older versions of
 * the library do not have.
 */
public final class SimilarityNode implements ItemNode {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("example.similarity")
      .displayName("Text Similarity")
      .group("transform")
      .description("Scores how alike two texts are.")
      .parameters(
          ParameterSpec.string("left").required().description("The first text").placeholder("{{ $json.name }}"),
          ParameterSpec.string("right").required().description("The second text"),
          ParameterSpec.bool("ignoreCase").defaultValue(true).description("Compare lower-cased texts"),
          ParameterSpec.string("prefix").defaultValue("").description("Prefix of the fields written "
              + "(similarity, distance)"))
      .build();

  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Item process(Item item, int itemIndex, NodeContext context) throws NodeException {
    String left = text(context, "left", itemIndex);
    String right = text(context, "right", itemIndex);
    if (context.bool("ignoreCase", itemIndex)) {
      left = left.toLowerCase(Locale.ROOT);
      right = right.toLowerCase(Locale.ROOT);
    }
    double similarity = JARO_WINKLER.apply(left, right);
    int distance = LevenshteinDistance.getDefaultInstance()
        .apply(SimilarityInput.input(left), SimilarityInput.input(right));
    String prefix = context.string("prefix", itemIndex);
    prefix = prefix == null ? "" : prefix;
    Map<String, Object> json = new LinkedHashMap<>(item.json()); // never mutate the input item
    json.put(prefix + "similarity", Math.round(similarity * 1000) / 1000.0);
    json.put(prefix + "distance", distance);
    return item.withJson(json);
  }

  private static String text(NodeContext context, String parameter, int itemIndex) throws NodeException {
    String value = context.string(parameter, itemIndex);
    if (value == null) {
      throw NodeException.parameter(parameter, itemIndex, "no text to compare: the parameter is empty");
    }
    return value;
  }
}
