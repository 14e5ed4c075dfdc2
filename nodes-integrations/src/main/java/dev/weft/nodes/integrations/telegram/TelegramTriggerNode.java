package dev.weft.nodes.integrations.telegram;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.RetryPolicy;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;

/**
 * Starts an execution for each update a Telegram bot receives, by polling {@code getUpdates}. The offset (the last
 * update id plus one, which also confirms the updates to Telegram) is kept in the trigger's static data, so an update
 * is handled once across restarts. Polling and a webhook exclude each other at Telegram: a bot with a webhook set
 * answers 409, which the trigger logs.
 */
public final class TelegramTriggerNode implements TriggerNode {
  /** The node type id. */
  public static final String TYPE = "weft.telegramTrigger";
  static final String OFFSET = "offset";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Telegram Trigger")
      .group("trigger")
      .description("Starts the workflow for each update (message, callback query …) a Telegram bot receives")
      .icon("telegram")
      .inputs()
      .credential(TelegramApi.TYPE, true)
      .parameters(
          ParameterSpec.string("updates").displayName("Updates").defaultValue("*")
              .description("Update types, comma separated (message, edited_message, channel_post, callback_query …), "
                  + "or * for Telegram's default"),
          ParameterSpec.number("pollIntervalSeconds").displayName("Poll every (seconds)").defaultValue(5))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    Credentials credentials = context.credentials(TelegramApi.TYPE);
    Number interval = context.parameter("pollIntervalSeconds", Number.class);
    double seconds = interval == null ? 5 : interval.doubleValue();
    if (!(seconds >= 0.05)) {
      throw NodeException.parameter("pollIntervalSeconds", -1, "parameter 'pollIntervalSeconds' must be at least "
          + "0.05, was " + interval);
    }
    String updates = context.parameter("updates", String.class);
    List<String> allowed = new ArrayList<>();
    for (String u : (updates == null ? "*" : updates).split(",")) {
      if (!u.isBlank() && !u.trim().equals("*")) {
        allowed.add(u.trim());
      }
    }
    TelegramApi telegram = new TelegramApi(new ApiClient("Telegram", context.service(OkHttpClient.class),
        RetryPolicy.none(), null, context.clock(), List.of(credentials.require("accessToken"))), credentials);
    AtomicBoolean busy = new AtomicBoolean();
    return context.every(Duration.ofMillis((long) (seconds * 1000)), () -> {
      if (!busy.compareAndSet(false, true)) {
        return; // the previous poll is still running
      }
      try {
        poll(context, telegram, allowed);
      } catch (Exception e) {
        context.logger().warn("polling Telegram for updates failed: {}", telegram.redact(e.getMessage()));
      } finally {
        busy.set(false);
      }
    });
  }

  static void poll(TriggerContext context, TelegramApi telegram, List<String> allowed) throws NodeException {
    Map<String, Object> request = new LinkedHashMap<>();
    Object offset = context.staticData().get(OFFSET);
    if (offset != null) {
      request.put("offset", offset);
    }
    request.put("limit", 100);
    request.put("timeout", 0);
    if (!allowed.isEmpty()) {
      request.put("allowed_updates", allowed);
    }
    Object result = telegram.call("getUpdates", ApiClient.jsonBody(request));
    if (!(result instanceof List<?> list)) {
      return;
    }
    for (Object u : list) {
      if (!(u instanceof Map<?, ?> update) || !(update.get("update_id") instanceof Number id)) {
        continue;
      }
      context.staticData().put(OFFSET, id.longValue() + 1);
      @SuppressWarnings("unchecked")
      Map<String, Object> json = (Map<String, Object>) update;
      context.emit(List.of(Item.of(json)));
    }
  }
}
