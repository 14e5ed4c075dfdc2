package dev.weft.nodes.integrations.slack;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.RetryPolicy;
import dev.weft.nodes.integrations.oauth.OAuth2;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Services;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/** The Slack credential types: a bot or user token, or an app installed with OAuth2. */
public final class SlackCredentials {
  /** A bot ({@code xoxb-}) or user ({@code xoxp-}) token. */
  public static final String TOKEN_TYPE = "weft.slackApi";
  /** A Slack app installed with OAuth2 (with token rotation, refreshed before expiry). */
  public static final String OAUTH2_TYPE = "weft.slackOAuth2Api";
  static final String DEFAULT_BASE = "https://slack.com/api";

  private SlackCredentials() {}

  /** The token credential, tested with {@code auth.test}. */
  public static CredentialType tokenType() {
    return CredentialType.builder(TOKEN_TYPE).displayName("Slack API")
        .description("A Slack bot token (xoxb-…) or user token (xoxp-…) from the app's OAuth & Permissions page.")
        .fields(
            ParameterSpec.string("accessToken").displayName("Access token").required().secret().noExpressions(),
            baseUrl())
        .tester((credentials, services) -> test(credentials.require("accessToken"), credentials, services))
        .build();
  }

  /** The OAuth2 credential with Slack's v2 endpoints, tested with {@code auth.test}. */
  public static CredentialType oauth2Type() {
    return OAuth2.type(OAUTH2_TYPE, "Slack OAuth2", "A Slack app installed into a workspace with OAuth2.",
        "https://slack.com/oauth/v2/authorize", "https://slack.com/api/oauth.v2.access",
        "chat:write channels:read groups:read files:write", "",
        (credentials, services) -> {
          String token;
          try {
            token = OAuth2.accessToken(credentials, services, Clock.systemUTC());
          } catch (NodeException e) {
            return CredentialTester.Result.failed(e.getMessage());
          }
          return test(token, credentials, services);
        },
        baseUrl().build());
  }

  private static ParameterSpec.Builder baseUrl() {
    return ParameterSpec.string("baseUrl").displayName("API base URL").defaultValue(DEFAULT_BASE).noExpressions()
        .description("Slack's Web API; change only for a proxy or a test server");
  }

  static String base(Credentials credentials) {
    String b = credentials.string("baseUrl");
    b = b == null || b.isBlank() ? DEFAULT_BASE : b.trim();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  private static CredentialTester.Result test(String token, Credentials credentials, Services services) {
    ApiClient api = new ApiClient("Slack", services.service(OkHttpClient.class), RetryPolicy.none(), null,
        Clock.systemUTC(), List.of(token));
    try {
      Map<String, Object> answer = SlackNode.checked(api, api.object(new Request.Builder()
          .url(base(credentials) + "/auth.test").header("Authorization", "Bearer " + token)
          .post(RequestBody.create(new byte[0], null)).build()));
      return CredentialTester.Result.ok("connected to workspace " + answer.get("team") + " as " + answer.get("user"));
    } catch (NodeException e) {
      return CredentialTester.Result.failed(e.getMessage());
    }
  }
}
