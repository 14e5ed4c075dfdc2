package dev.weft.nodes.ai.chat;

import dev.weft.nodes.ai.model.ChatModel;
import dev.weft.nodes.ai.model.ChatRequest;
import dev.weft.nodes.ai.model.ChatResponse;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One model call of a node, made visible: an {@code ai.modelCall} execution event with model, timing, token usage
 * and finish reason, and with streaming an {@code ai.token} event per piece of text as it arrives.
 */
public final class ModelCalls {
  /** Event per model call. */
  public static final String MODEL_CALL = "ai.modelCall";
  /** Event per streamed piece of text. */
  public static final String TOKEN = "ai.token";

  private ModelCalls() {}

  /**
   * Calls the model for item {@code itemIndex}, streaming when asked, and publishes the call.
   *
   * @return the answer
   */
  public static ChatResponse call(NodeContext context, int itemIndex, ChatModel model, ChatRequest request,
      boolean stream) throws NodeException {
    context.cancellation().throwIfCancelled();
    long t0 = System.nanoTime();
    ChatResponse response;
    if (stream) {
      int[] index = {0};
      response = model.stream(request, token -> {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("item", itemIndex);
        data.put("index", index[0]++);
        data.put("token", token);
        context.emit(TOKEN, data);
      });
    } else {
      response = model.chat(request);
    }
    context.emit(MODEL_CALL, step(model, request, response, itemIndex, System.nanoTime() - t0));
    return response;
  }

  /** The step of one call, as events and run data carry it. */
  public static Map<String, Object> step(ChatModel model, ChatRequest request, ChatResponse response, int itemIndex,
      long nanos) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("type", "modelCall");
    step.put("item", itemIndex);
    step.put("provider", model.provider());
    step.put("model", response.model() == null ? request.model() : response.model());
    step.put("durationMs", nanos / 1_000_000);
    step.put("usage", response.usage().toMap());
    step.put("finishReason", response.finishReason());
    return step;
  }
}
