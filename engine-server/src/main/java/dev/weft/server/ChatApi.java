package dev.weft.server;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.spi.Item;
import dev.weft.store.WorkflowRecord;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * {@code POST /api/workflows/{id}/chat}: chats with a workflow that starts with a Chat Trigger
 * ({@code weft.ai.chatTrigger}). The message runs the workflow from that trigger with one item
 * {@code {sessionId, action: "sendMessage", chatInput}}; the answer is the reply text of the last node's first item
 * (the trigger's {@code replyField}, else {@code output}, {@code text} or {@code reply}). A session id is made when
 * the request has none and is returned, so that memory nodes keyed by it remember the conversation.
 *
 * <p>The server knows the trigger by its type id only: the AI node pack is a plugin like any other.
 */
final class ChatApi {
  static final String CHAT_TRIGGER = "weft.ai.chatTrigger";
  static final List<String> REPLY_FIELDS = List.of("output", "text", "reply");
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,200}");
  private final ServerState s;

  ChatApi(ServerState s) {
    this.s = s;
  }

  void register(RouteTable t) {
    t.user(HandlerType.POST, "/api/workflows/{id}/chat", this::chat);
  }

  private void chat(Context ctx, Tokens.Principal user) throws Exception {
    WorkflowRecord record = s.ownedWorkflow(ctx.pathParam("id"), user);
    Map<String, Object> body = Api.body(ctx);
    String message = Api.requiredString(body, "message");
    String sessionId = Api.optionalString(body, "sessionId");
    if (sessionId == null || sessionId.isBlank()) {
      sessionId = UUID.randomUUID().toString();
    } else if (!SESSION_ID.matcher(sessionId).matches()) {
      throw ApiException.invalid("sessionId", "field 'sessionId' must be 1 to 200 letters, digits or . _ : @ -");
    }
    Workflow wf = s.runnable(record, user.userId());
    WorkflowNode trigger = wf.nodes().stream().filter(n -> CHAT_TRIGGER.equals(n.type())).findFirst()
        .orElseThrow(() -> new ApiException(400, "no_chat_trigger", "workflow '" + wf.name() + "' has no Chat"
            + " Trigger node (" + CHAT_TRIGGER + ") to chat with"));
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("sessionId", sessionId);
    item.put("action", "sendMessage");
    item.put("chatInput", message);
    ServerState.Started started = s.start(wf, List.of(Item.of(item)), trigger.name(), "chat");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("sessionId", sessionId);
    answer.put("executionId", started.executionId());
    ExecutionResult result;
    try {
      result = started.result().get(5, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      answer.put("status", "running");
      Api.json(ctx, 202, answer);
      return;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    answer.put("status", result.status().name().toLowerCase(Locale.ROOT));
    answer.put("reply", result.status() == ExecutionStatus.SUCCESS
        ? reply(result.output(), trigger.parameters().get("replyField")) : null);
    if (result.error() != null) {
      answer.put("error", result.error().message());
    }
    Api.ok(ctx, answer);
  }

  /** The reply text in the last node's first item, or {@code null}; a non-text value as JSON. */
  static String reply(List<Item> output, Object replyField) throws Exception {
    if (output.isEmpty()) {
      return null;
    }
    List<String> fields = replyField instanceof String f && !f.isBlank() ? List.of(f.trim()) : REPLY_FIELDS;
    for (String field : fields) {
      Object value = dev.weft.spi.Json.get(output.get(0).json(), field);
      if (value != null) {
        return value instanceof String text ? text : Api.JSON.writeValueAsString(value);
      }
    }
    return null;
  }
}
