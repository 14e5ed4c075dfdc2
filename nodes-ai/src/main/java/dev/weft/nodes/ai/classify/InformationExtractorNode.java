package dev.weft.nodes.ai.classify;

import dev.weft.nodes.ai.internal.Params;
import dev.weft.nodes.ai.internal.PerItem;
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
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Information Extractor ({@code weft.ai.informationExtractor}): a language model reads each item's text and fills in
 * the attributes the workflow lists (name, type, description, required), answering with JSON-schema structured
 * output; or the workflow gives the JSON Schema itself. Output per item: {@code output}, the extracted object.
 */
public final class InformationExtractorNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.ai.informationExtractor";

  private static final NodeDescriptor DESCRIPTOR = describe();

  private static NodeDescriptor describe() {
    List<ParameterSpec> params = new ArrayList<>();
    params.add(ParameterSpec.string("text").displayName("Text").required().defaultValue("{{ $json.text }}")
        .description("What to extract from").build());
    params.add(ParameterSpec.options("schemaType",
            new Option("attributes", "From attributes", "list the attributes to extract"),
            new Option("schema", "JSON Schema", "give the schema of the output"))
        .displayName("Schema type").build());
    params.add(ParameterSpec.list("attributes",
            ParameterSpec.string("name").required().build(),
            ParameterSpec.options("type", "string", "number", "boolean", "date").build(),
            ParameterSpec.string("description").description("What the attribute is, for the model").build(),
            ParameterSpec.bool("required").defaultValue(false)
                .description("When false, the model may leave it out if the text does not say").build())
        .displayName("Attributes").noExpressions().displayWhen("schemaType", "attributes").build());
    params.add(ParameterSpec.json("schema").displayName("JSON Schema").noExpressions()
        .displayWhen("schemaType", "schema").build());
    params.add(ParameterSpec.string("systemMessage").displayName("Instructions")
        .defaultValue("Extract the requested information from the text. Leave out what the text does not say.")
        .build());
    return ModelProviders.nodeDescriptor(TYPE, params).displayName("Information Extractor")
        .icon("fa:list-check")
        .description("Extracts structured data from text with a language model.")
        .build();
  }

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    Map<String, Object> schema = schema(context);
    return PerItem.map(context, (ctx, i) -> extract(ctx, i, schema));
  }

  private static Map<String, Object> extract(NodeContext context, int i, Map<String, Object> schema)
      throws NodeException {
    String text = Params.required(context, "text", i, "the text");
    List<ChatMessage> messages =
        ChatMessage.conversation(context.string("systemMessage", i), List.of(ChatMessage.user(text)));
    ModelProviders.Settings settings = ModelProviders.settings(context, i);
    ChatModel model = ModelProviders.chatModel(context, i);
    ChatResponse response = ModelCalls.call(context, i, model,
        settings.request(messages).withResponseFormat(new ResponseFormat("extraction", schema)), false);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("output", ChatModelNode.parseJson(response.textOrEmpty(), "attributes", i));
    return json;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> schema(NodeContext context) throws NodeException {
    if ("schema".equals(context.string("schemaType", 0))) {
      Map<String, Object> schema = context.parameter("schema", 0, Map.class);
      if (schema == null || schema.isEmpty()) {
        throw NodeException.parameter("schema", -1, "give the JSON Schema of the output");
      }
      return schema;
    }
    Object raw = context.rawParameter("attributes");
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw NodeException.parameter("attributes", -1, "list at least one attribute to extract");
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (Object o : list) {
      Map<String, Object> a = (Map<String, Object>) o;
      String name = String.valueOf(a.get("name"));
      String type = a.get("type") == null ? "string" : String.valueOf(a.get("type"));
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("type", "date".equals(type) ? "string" : type);
      String description = a.get("description") == null ? "" : String.valueOf(a.get("description"));
      if ("date".equals(type)) {
        description = (description.isEmpty() ? "" : description + ". ") + "An ISO 8601 date (YYYY-MM-DD)";
      }
      if (!description.isEmpty()) {
        p.put("description", description);
      }
      if (properties.put(name, p) != null) {
        throw NodeException.parameter("attributes", -1, "attribute '" + name + "' is listed twice");
      }
      if (Boolean.TRUE.equals(a.get("required"))) {
        required.add(name);
      }
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    return schema;
  }
}
