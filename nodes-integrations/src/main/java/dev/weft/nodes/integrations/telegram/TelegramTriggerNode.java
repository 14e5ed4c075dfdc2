package dev.weft.nodes.integrations.telegram;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.RetryPolicy;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import dev.weft.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;

/**
 * Starts an execution for each update a Telegram bot receives, by polling {@code getUpdates} or on Telegram's calls
 * to a webhook.
 *
 * <p>Polling keeps the offset (the last update id plus one, which also confirms the updates to Telegram) in the
 * trigger's static data, so an update is handled once across restarts; the updates of a poll run one after the
 * other, in Telegram's order. Polling and a webhook exclude each other at
 * Telegram: a bot with a webhook set answers 409, which the trigger logs.
 *
 * <p>As a webhook, the trigger serves its path and accepts only calls carrying the secret token in
 * {@code X-Telegram-Bot-Api-Secret-Token}. Given the public URL Telegram should call, it registers it with
 * {@code setWebhook} (with the secret and update types) on activation and removes it with {@code deleteWebhook} when
 * deactivated.
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
          ParameterSpec.options("mode", Option.of("polling", "Poll getUpdates"), Option.of("webhook", "Webhook"))
              .displayName("Receive updates by"),
          ParameterSpec.string("updates").displayName("Updates").defaultValue("*")
              .description("Update types, comma separated (message, edited_message, channel_post, callback_query …), "
                  + "or * for Telegram's default"),
          ParameterSpec.number("pollIntervalSeconds").displayName("Poll every (seconds)").defaultValue(5)
              .displayWhen("mode", "polling"),
          ParameterSpec.string("path").displayName("Webhook path").defaultValue("telegram")
              .displayWhen("mode", "webhook"),
          ParameterSpec.string("secretToken").displayName("Secret token").secret().noExpressions()
              .description("1-256 characters A-Z a-z 0-9 _ -; Telegram sends it with every call")
              .displayWhen("mode", "webhook"),
          ParameterSpec.string("publicUrl").displayName("Public webhook URL")
              .description("The https URL at which Telegram reaches this path; when given, it is registered "
                  + "with setWebhook on activation and removed on deactivation")
              .displayWhen("mode", "webhook"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    Credentials credentials = context.credentials(TelegramApi.TYPE);
    if ("webhook".equals(context.parameter("mode", String.class))) {
      return webhook(context, credentials, allowed(context));
    }
    Number interval = context.parameter("pollIntervalSeconds", Number.class);
    double seconds = interval == null ? 5 : interval.doubleValue();
    if (!(seconds >= 0.05)) {
      throw NodeException.parameter("pollIntervalSeconds", -1, "parameter 'pollIntervalSeconds' must be at least "
          + "0.05, was " + interval);
    }
    List<String> allowed = allowed(context);
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

  private static List<String> allowed(TriggerContext context) throws NodeException {
    String updates = context.parameter("updates", String.class);
    List<String> allowed = new ArrayList<>();
    for (String u : (updates == null ? "*" : updates).split(",")) {
      if (!u.isBlank() && !u.trim().equals("*")) {
        allowed.add(u.trim());
      }
    }
    return allowed;
  }

  private static TriggerActivation webhook(TriggerContext context, Credentials credentials, List<String> allowed)
      throws Exception {
    String path = context.parameter("path", String.class);
    if (path == null || path.isBlank()) {
      throw NodeException.parameter("path", -1, "parameter 'path' is empty; a webhook needs a path");
    }
    String secret = context.parameter("secretToken", String.class);
    if (secret == null || !secret.matches("[A-Za-z0-9_-]{1,256}")) {
      throw NodeException.parameter("secretToken", -1, "parameter 'secretToken' must be 1 to 256 characters of "
          + "A-Z, a-z, 0-9, '_' and '-', so that only Telegram's calls are accepted");
    }
    byte[] expected = secret.getBytes(StandardCharsets.UTF_8);
    TriggerActivation served = context.webhook("POST", path.trim(), request -> {
      String given = request.header("X-Telegram-Bot-Api-Secret-Token");
      if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
        return WebhookResponse.json(401, "{\"message\":\"missing or wrong X-Telegram-Bot-Api-Secret-Token\"}");
      }
      Object update;
      try {
        update = ApiClient.parse(new String(request.body(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return WebhookResponse.json(400, "{\"message\":\"the body is not a JSON Telegram update\"}");
      }
      if (!(update instanceof Map<?, ?> map) || !(map.get("update_id") instanceof Number)) {
        return WebhookResponse.json(400, "{\"message\":\"the body is not a Telegram update (no update_id)\"}");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> json = (Map<String, Object>) map;
      context.emit(List.of(Item.of(json)));
      return WebhookResponse.json(200, "{\"ok\":true}");
    });
    String publicUrl = context.parameter("publicUrl", String.class);
    if (publicUrl == null || publicUrl.isBlank()) {
      return served;
    }
    TelegramApi telegram = new TelegramApi(new ApiClient("Telegram", context.service(OkHttpClient.class),
        RetryPolicy.standard(), null, context.clock(), List.of(credentials.require("accessToken"), secret)),
        credentials);
    Map<String, Object> register = new LinkedHashMap<>();
    register.put("url", publicUrl.trim());
    register.put("secret_token", secret);
    register.put("allowed_updates", allowed);
    try {
      telegram.call("setWebhook", ApiClient.jsonBody(register));
    } catch (NodeException e) {
      served.close();
      throw e;
    }
    return () -> {
      served.close();
      try {
        telegram.call("deleteWebhook", ApiClient.jsonBody(Map.of("drop_pending_updates", false)));
      } catch (NodeException e) {
        context.logger().warn("removing the Telegram webhook failed: {}", telegram.redact(e.getMessage()));
      }
    };
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
      // one execution per update, in Telegram's order: the next starts when the previous ended (or suspended)
      try {
        context.emit(List.of(Item.of(json))).toCompletableFuture().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        context.logger().warn("the execution for Telegram update {} could not run: {}", id, e.getCause());
      }
    }
  }
}
