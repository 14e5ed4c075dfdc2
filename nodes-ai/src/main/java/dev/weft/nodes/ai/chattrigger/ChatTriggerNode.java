package dev.weft.nodes.ai.chattrigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import dev.weft.spi.WebhookRequest;
import dev.weft.spi.WebhookResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Chat Trigger ({@code weft.ai.chatTrigger}): makes a workflow something to chat with. Each message starts an
 * execution with one item {@code {sessionId, action: "sendMessage", chatInput}} (the shape n8n's chat trigger emits,
 * which the Agent's default prompt {@code {{ $json.chatInput }}} reads); the reply is the text in the last node's
 * first output item — the field named by {@code replyField}, or else {@code output} (Agent), {@code text} (Chat
 * Model) or {@code reply}.
 *
 * <p>The reference server serves {@code POST /api/workflows/{id}/chat} for signed-in users (and its web UI a chat
 * panel). With {@code public} on, an active workflow also answers anyone at {@code POST <webhook root>/chat/<workflow
 * id>} with a JSON body {@code {sessionId?, message}} and the answer {@code {sessionId, reply, executionId,
 * status}}; the session id is made when the caller sends none.
 */
public final class ChatTriggerNode implements TriggerNode {
  /** The node type id. */
  public static final String TYPE = "weft.ai.chatTrigger";
  /** Fields that hold a reply, tried in order when {@code replyField} is empty. */
  public static final List<String> REPLY_FIELDS = List.of("output", "text", "reply");
  private static final long REPLY_TIMEOUT_SECONDS = 300;

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Chat Trigger").group("trigger").icon("fa:comments")
      .description("Starts the workflow with each chat message; the last node's text is the reply.")
      .inputs()
      .parameters(
          ParameterSpec.string("replyField").displayName("Reply field").noExpressions()
              .description("The field of the last node's item that holds the reply; empty: output, text or reply"),
          ParameterSpec.bool("public").displayName("Public chat").defaultValue(false)
              .description("While the workflow is active, anyone may chat at POST /webhook/chat/<workflow id>"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    if (!Boolean.TRUE.equals(context.parameter("public", Boolean.class))) {
      return TriggerActivation.none();
    }
    String workflowId = context.workflow().workflowId();
    if (workflowId == null) {
      throw NodeException.parameter("public", -1, "a public chat needs a saved workflow (one with an id)");
    }
    String replyField = context.parameter("replyField", String.class);
    ObjectMapper json = context.service(ObjectMapper.class);
    return context.webhook("POST", "chat/" + workflowId, request -> answer(request, context, json, replyField));
  }

  private static WebhookResponse answer(WebhookRequest request, TriggerContext context, ObjectMapper json,
      String replyField) throws Exception {
    Map<?, ?> body;
    try {
      body = request.body().length == 0 ? Map.of() : json.readValue(request.body(), Map.class);
    } catch (java.io.IOException e) {
      return error(json, 400, "the body must be a JSON object {\"sessionId\": ..., \"message\": ...}");
    }
    Object message = body.get("message") != null ? body.get("message") : body.get("chatInput");
    if (!(message instanceof String text) || text.isBlank()) {
      return error(json, 400, "field 'message' is required: the text to send");
    }
    Object session = body.get("sessionId");
    if (session != null && !(session instanceof String)) {
      return error(json, 400, "field 'sessionId' must be a string");
    }
    String sessionId = session == null || ((String) session).isBlank() ? newSessionId() : (String) session;
    TriggerContext.ExecutionSummary summary;
    try {
      summary = context.emit(List.of(message(sessionId, text))).toCompletableFuture()
          .get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      return error(json, 504, "the workflow did not answer within " + REPLY_TIMEOUT_SECONDS + " seconds");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("sessionId", sessionId);
    answer.put("executionId", summary.executionId());
    answer.put("status", summary.status());
    answer.put("reply", "success".equals(summary.status()) ? reply(summary.output(), replyField) : null);
    if (summary.error() != null) {
      answer.put("error", summary.error());
    }
    return WebhookResponse.json(200, json.writeValueAsString(answer));
  }

  private static WebhookResponse error(ObjectMapper json, int status, String message) throws Exception {
    return WebhookResponse.json(status, json.writeValueAsString(Map.of("error", message)));
  }

  /** A new session id. */
  public static String newSessionId() {
    return UUID.randomUUID().toString();
  }

  /** The item a chat message starts an execution with. */
  public static Item message(String sessionId, String text) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sessionId", sessionId);
    json.put("action", "sendMessage");
    json.put("chatInput", text);
    return Item.of(json);
  }

  /**
   * The reply in an execution's last output: the first item's {@code replyField}, or its first of
   * {@link #REPLY_FIELDS}; a non-text value as JSON text; {@code null} when there is none.
   */
  public static String reply(List<Item> output, String replyField) {
    if (output == null || output.isEmpty()) {
      return null;
    }
    Map<String, Object> json = output.get(0).json();
    List<String> fields = replyField == null || replyField.isBlank() ? REPLY_FIELDS : List.of(replyField.trim());
    for (String field : fields) {
      Object value = dev.weft.spi.Json.get(json, field);
      if (value != null) {
        return value instanceof String s ? s : toJson(value);
      }
    }
    return null;
  }

  private static String toJson(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
