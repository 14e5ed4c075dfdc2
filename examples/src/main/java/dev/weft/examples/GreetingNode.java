package dev.weft.examples;

import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A custom node written against the SPI alone: greets a person named by a parameter (which may be an expression
 * such as {@code {{ $json.name }}}), in one of a few languages.
 */
public final class GreetingNode implements ItemNode {
  private static final Map<String, String> HELLO = Map.of("en", "Hello", "de", "Hallo", "fr", "Bonjour");

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("acme.greeting")
      .displayName("Greeting")
      .group("transform")
      .description("Adds a greeting for a person to each item.")
      .icon("fa:hand-wave")
      .parameters(
          ParameterSpec.string("name").required().description("Who to greet").placeholder("{{ $json.name }}"),
          ParameterSpec.options("language", Option.of("en", "English"), Option.of("de", "German"),
              Option.of("fr", "French")),
          ParameterSpec.string("field").defaultValue("greeting").description("Where to put the greeting"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Item process(Item item, int itemIndex, NodeContext context) throws NodeException {
    String name = context.string("name", itemIndex);
    if (name == null || name.isBlank()) {
      throw NodeException.parameter("name", itemIndex, "the name is empty");
    }
    String language = context.string("language", itemIndex).toLowerCase(Locale.ROOT);
    String hello = HELLO.get(language);
    if (hello == null) {
      throw NodeException.parameter("language", itemIndex, "unsupported language '" + language + "'");
    }
    Map<String, Object> json = new LinkedHashMap<>(item.json()); // never mutate the input item
    json.put(context.string("field", itemIndex), hello + ", " + name + "!");
    return item.withJson(json);
  }
}
