package dev.weft.nodes.ai.classify;

import dev.weft.nodes.ai.internal.Params;
import dev.weft.nodes.ai.chat.ChatModelNode;
import dev.weft.nodes.ai.chat.ModelCalls;
import dev.weft.nodes.ai.model.ChatMessage;
import dev.weft.nodes.ai.model.ChatModel;
import dev.weft.nodes.ai.model.ChatResponse;
import dev.weft.nodes.ai.model.ModelProviders;
import dev.weft.nodes.ai.model.ResponseFormat;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Port;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text Classifier ({@code weft.ai.textClassifier}): a language model puts each item's text into one of the
 * categories the workflow lists (each with a description for the model), and the item leaves on that category's
 * output, unchanged; text fitting none leaves on the last output, {@code other}.
 */
public final class TextClassifierNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.ai.textClassifier";
  static final String OTHER = "other";

  private static final NodeDescriptor DESCRIPTOR = describe();

  private static NodeDescriptor describe() {
    List<ParameterSpec> params = new ArrayList<>();
    params.add(ParameterSpec.string("text").displayName("Text").required().defaultValue("{{ $json.text }}")
        .description("What to classify").build());
    params.add(ParameterSpec.list("categories",
            ParameterSpec.string("category").required().description("The category's name; also its output's")
                .build(),
            ParameterSpec.string("description").description("What belongs in it, for the model").build())
        .displayName("Categories").required().noExpressions()
        .description("One output per category, in this order, then 'other'").build());
    params.add(ParameterSpec.string("systemMessage").displayName("Extra instructions")
        .description("Added to the classification instructions").build());
    return ModelProviders.nodeDescriptor(TYPE, params).displayName("Text Classifier")
        .icon("fa:tags").description("Routes each item to the category a language model puts its text in.")
        .build();
  }

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public List<Port> outputs(Map<String, Object> parameters) {
    List<Port> ports = new ArrayList<>();
    for (String c : names(parameters.get("categories"))) {
      ports.add(Port.of(c));
    }
    ports.add(Port.of(OTHER));
    return ports;
  }

  private static List<String> names(Object categories) {
    List<String> names = new ArrayList<>();
    if (categories instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("category") != null) {
          names.add(String.valueOf(m.get("category")));
        }
      }
    }
    return names;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    Object raw = context.rawParameter("categories");
    List<String> names = names(raw);
    if (names.isEmpty()) {
      throw NodeException.parameter("categories", -1, "list at least one category");
    }
    if (names.contains(OTHER) || names.stream().distinct().count() != names.size()) {
      throw NodeException.parameter("categories", -1, "category names must be distinct and not '" + OTHER + "'");
    }
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        String category = classify(context, i, raw, names);
        int port = names.indexOf(category);
        out.add(port < 0 ? names.size() : port, items.get(i).pairedWith(i));
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private static String classify(NodeContext context, int i, Object raw, List<String> names) throws NodeException {
    String text = Params.required(context, "text", i, "the text to classify");
    StringBuilder system = new StringBuilder("Classify the text the user sends into exactly one of these categories. "
        + "Answer '" + OTHER + "' when none fits.\n");
    for (Object o : (List<?>) raw) {
      Map<?, ?> m = (Map<?, ?>) o;
      system.append("- ").append(m.get("category"));
      if (m.get("description") != null && !String.valueOf(m.get("description")).isBlank()) {
        system.append(": ").append(m.get("description"));
      }
      system.append('\n');
    }
    String extra = context.string("systemMessage", i);
    if (extra != null && !extra.isBlank()) {
      system.append('\n').append(extra);
    }
    List<Object> allowed = new ArrayList<>(names);
    allowed.add(OTHER);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.of("category", Map.of("type", "string", "enum", allowed)));
    schema.put("required", List.of("category"));
    schema.put("additionalProperties", false);
    ModelProviders.Settings settings = ModelProviders.settings(context, i);
    ChatModel model = ModelProviders.chatModel(context, i);
    ChatResponse response = ModelCalls.call(context, i, model, settings.request(List.of(
        ChatMessage.system(system.toString()), ChatMessage.user(text))).withResponseFormat(
        new ResponseFormat("classification", schema)), false);
    Object parsed = ChatModelNode.parseJson(response.textOrEmpty(), "categories", i);
    Object category = parsed instanceof Map<?, ?> m ? m.get("category") : null;
    return category == null ? OTHER : String.valueOf(category);
  }
}
