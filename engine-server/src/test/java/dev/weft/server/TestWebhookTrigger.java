package dev.weft.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import dev.weft.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A webhook trigger for the tests (the node packs the server is built with have none yet): serves {@code method path}
 * and answers with the JSON of the execution's last output, or 500 with the error.
 */
final class TestWebhookTrigger implements TriggerNode {
  static final String TYPE = "test.webhook";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public NodeDescriptor descriptor() {
    return NodeDescriptor.builder(TYPE).displayName("Test Webhook").group("trigger")
        .inputs()
        .parameters(ParameterSpec.string("path").required().build(),
            ParameterSpec.options("method", "POST", "GET").build())
        .build();
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    String path = context.parameter("path", String.class);
    String method = context.parameter("method", String.class);
    return context.webhook(method, path, request -> {
      Map<String, Object> json = new LinkedHashMap<>();
      if (request.body().length > 0) {
        json.put("body", JSON.readValue(request.body(), Object.class));
      }
      json.put("query", request.query());
      var summary = context.emit(List.of(Item.of(json))).toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (summary.error() != null) {
        return WebhookResponse.json(500, JSON.writeValueAsString(Map.of("error", summary.error())));
      }
      List<Object> out = summary.output().stream().map(i -> (Object) i.json()).toList();
      return new WebhookResponse(200, Map.of("X-Execution-Id", summary.executionId()), "application/json",
          JSON.writeValueAsString(out).getBytes(StandardCharsets.UTF_8));
    });
  }
}
