package dev.weft.nodes.utility.execution;

import dev.weft.nodes.utility.io.NodeIo;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stop and Error ({@code weft.stopAndError}): fails the execution on purpose, with a message or with an error object
 * whose fields are kept (see {@link StopAndErrorException#fields()}). With the node's {@code onError} set to continue,
 * each input item fails on its own instead.
 */
public final class StopAndErrorNode implements Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.stopAndError")
      .displayName("Stop and Error")
      .group("flow")
      .description("Fails the execution with a message or an error object.")
      .icon("fa:exclamation-triangle")
      .outputs()
      .parameters(
          ParameterSpec.options("errorType",
                  new Option("message", "Message", "Fail with a text message."),
                  new Option("object", "Error object", "Fail with a JSON object; 'message' and 'description' are read from it, every field is kept."))
              .displayName("Error Type"),
          ParameterSpec.string("message").displayName("Error Message").required().displayWhen("errorType", "message"),
          ParameterSpec.json("errorObject").displayName("Error Object").required().displayWhen("errorType", "object")
              .placeholder("{ \"code\": \"404\", \"message\": \"Order not found\" }"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    int count = Math.max(1, context.items().size());
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < count; i++) {
      try {
        throw error(context, i);
      } catch (NodeException e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private static NodeException error(NodeContext context, int i) throws NodeException {
    String type = context.string("errorType", i);
    if (!"object".equals(type)) {
      String message = context.string("message", i);
      if (message == null || message.isBlank()) {
        return NodeException.parameter("message", i, "parameter 'message' is empty: say why the workflow stops");
      }
      return new StopAndErrorException(message, null, i, Map.of());
    }
    Object raw = context.parameter("errorObject", i);
    if (raw instanceof String s) {
      raw = NodeIo.parseJson(context, s, "errorObject", i);
    }
    if (!(raw instanceof Map<?, ?> map)) {
      return NodeException.parameter("errorObject", i, "parameter 'errorObject' must be a JSON object, was "
          + dev.weft.spi.Json.typeOf(raw));
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    map.forEach((k, v) -> fields.put(String.valueOf(k), v));
    Object message = fields.get("message");
    Object description = fields.get("description");
    String text = message != null ? String.valueOf(message)
        : description != null ? String.valueOf(description)
        : NodeIo.writeJson(context, fields, false);
    String detail = message != null && description != null ? String.valueOf(description) : null;
    return new StopAndErrorException(text, detail, i, fields);
  }
}
