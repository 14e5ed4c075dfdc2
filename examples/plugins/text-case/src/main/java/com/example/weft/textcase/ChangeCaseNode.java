package com.example.weft.textcase;

import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.text.CaseUtils;
import org.apache.commons.text.WordUtils;

/**
 * {@code example.changeCase}: rewrites a text field as camelCase, PascalCase, Title Case or initials, with
 * commons-text's {@link CaseUtils} and {@link WordUtils}.
 */
public final class ChangeCaseNode implements ItemNode {
  private static final char[] SEPARATORS = {' ', '-', '_', '.'};

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("example.changeCase")
      .displayName("Change Case")
      .group("transform")
      .description("Rewrites a text field in another case.")
      .parameters(
          ParameterSpec.string("field").required().description("The field holding the text")
              .placeholder("name"),
          ParameterSpec.options("case", Option.of("camel", "camelCase"), Option.of("pascal", "PascalCase"),
              Option.of("title", "Title Case"), Option.of("initials", "Initials")).defaultValue("title"),
          ParameterSpec.string("outputField").description("Where to put the result (default: the field itself)"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Item process(Item item, int itemIndex, NodeContext context) throws NodeException {
    String field = context.string("field", itemIndex);
    Object value = item.json().get(field);
    if (!(value instanceof String)) {
      throw NodeException.parameter("field", itemIndex, value == null
          ? "item " + itemIndex + " has no field '" + field + "'"
          : "field '" + field + "' of item " + itemIndex + " is not text but " + value.getClass().getSimpleName());
    }
    String text = (String) value;
    String mode = context.string("case", itemIndex);
    String result;
    switch (mode) {
      case "camel":
        result = CaseUtils.toCamelCase(text, false, SEPARATORS);
        break;
      case "pascal":
        result = CaseUtils.toCamelCase(text, true, SEPARATORS);
        break;
      case "title":
        result = WordUtils.capitalizeFully(text, SEPARATORS);
        break;
      case "initials":
        result = WordUtils.initials(text, SEPARATORS).toUpperCase(java.util.Locale.ROOT);
        break;
      default:
        throw NodeException.parameter("case", itemIndex, "unknown case '" + mode
            + "'; use camel, pascal, title or initials");
    }
    String output = context.string("outputField", itemIndex);
    Map<String, Object> json = new LinkedHashMap<>(item.json()); // never mutate the input item
    json.put(output == null || output.isBlank() ? field : output, result);
    return item.withJson(json);
  }
}
