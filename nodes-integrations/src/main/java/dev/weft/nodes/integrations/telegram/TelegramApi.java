package dev.weft.nodes.integrations.telegram;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.ServiceException;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import java.util.Map;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The Telegram Bot API: {@code POST <base>/bot<token>/<method>}, answers {@code {"ok": true, "result": …}}. The token
 * is part of the URL, so every message this class builds masks it.
 */
public final class TelegramApi {
  /** The credential type id. */
  public static final String TYPE = "weft.telegramApi";
  static final String DEFAULT_BASE = "https://api.telegram.org";

  private final ApiClient api;
  private final String base;
  private final String token;

  TelegramApi(ApiClient api, Credentials credentials) throws NodeException {
    this.api = api;
    this.token = credentials.require("accessToken").trim();
    String b = credentials.string("baseUrl");
    b = b == null || b.isBlank() ? DEFAULT_BASE : b.trim();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  /** The credential type: a bot token from @BotFather, tested with {@code getMe}. */
  public static CredentialType credentialType() {
    return CredentialType.builder(TYPE).displayName("Telegram bot")
        .description("A bot token from @BotFather, like 123456789:AA…")
        .fields(
            ParameterSpec.string("accessToken").displayName("Bot token").required().secret().noExpressions(),
            ParameterSpec.string("baseUrl").displayName("Bot API base URL").defaultValue(DEFAULT_BASE).noExpressions()
                .description("Telegram's Bot API, or a local Bot API server"))
        .tester((c, services) -> {
          TelegramApi telegram = new TelegramApi(new ApiClient("Telegram",
              services.service(okhttp3.OkHttpClient.class), dev.weft.nodes.integrations.common.RetryPolicy.none(),
              null, java.time.Clock.systemUTC(), java.util.List.of(c.require("accessToken"))), c);
          try {
            Object me = telegram.call("getMe", RequestBody.create(new byte[0], null));
            return CredentialTester.Result.ok("Telegram knows this bot: @"
                + (me instanceof Map<?, ?> m ? m.get("username") : "?"));
          } catch (NodeException e) {
            return CredentialTester.Result.failed(e.getMessage());
          }
        })
        .build();
  }

  /** The URL of a method (holds the token: never show it). */
  String url(String method) {
    return base + "/bot" + token + "/" + method;
  }

  /**
   * Calls a method and returns its {@code result}. Telegram names the wait after a 429 only in its description
   * ("retry after 35"), not in a header: when the quick retries did not suffice, that wait (up to a minute) is honoured
   * twice more.
   */
  Object call(String method, RequestBody body) throws NodeException {
    for (int attempt = 0; ; attempt++) {
      try {
        return once(method, body);
      } catch (ServiceException e) {
        Long wait = e.status() == 429 ? retryAfter(e.serviceMessage()) : null;
        if (wait == null || wait > 60 || attempt >= 2) {
          throw e;
        }
        try {
          Thread.sleep(wait * 1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  static Long retryAfter(String description) {
    if (description == null) {
      return null;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("retry after (\\d+)").matcher(description);
    return m.find() ? Long.parseLong(m.group(1)) : null;
  }

  private Object once(String method, RequestBody body) throws NodeException {
    Map<String, Object> answer = api.object(new Request.Builder().url(url(method)).post(body).build());
    if (!Boolean.TRUE.equals(answer.get("ok"))) {
      throw api.reported(answer.get("error_code") instanceof Number n ? n.intValue() : 200,
          String.valueOf(answer.getOrDefault("description", "ok: false")));
    }
    return answer.get("result");
  }

  /** Masks the token in a text. */
  String redact(String text) {
    return api.redact(text);
  }
}
