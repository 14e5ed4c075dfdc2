package dev.weft.nodes.integrations.http;

import dev.weft.nodes.integrations.common.HttpCalls;
import dev.weft.nodes.integrations.common.NetworkPolicy;
import dev.weft.nodes.integrations.common.RetryPolicy;
import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Services;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The generic HTTP credential types the HTTP Request node authenticates with. Each may name a {@code testUrl}: the
 * credential test sends a GET there with the credential applied and reports what the server answered.
 */
public final class HttpAuth {
  /** User and password sent as {@code Authorization: Basic}. */
  public static final String BASIC = "weft.httpBasicAuth";
  /** A token sent as {@code Authorization: Bearer}. */
  public static final String BEARER = "weft.httpBearerAuth";
  /** A header name and value sent with every request. */
  public static final String HEADER = "weft.httpHeaderAuth";
  /** A query parameter name and value added to every request. */
  public static final String QUERY = "weft.httpQueryAuth";
  /**
   * The pack's OAuth2 credential ({@link dev.weft.nodes.integrations.oauth.OAuth2}): its access token, refreshed before
   * it expires, sent as {@code Authorization: Bearer}.
   */
  public static final String OAUTH2 = dev.weft.nodes.integrations.oauth.OAuth2.TYPE;
  /** The Google flavour of the OAuth2 credential, used the same way. */
  public static final String GOOGLE_OAUTH2 = dev.weft.nodes.integrations.oauth.OAuth2.GOOGLE_TYPE;

  private HttpAuth() {}

  /** The credential type a value of the node's {@code authentication} parameter uses, or {@code null} for none. */
  static String typeFor(String authentication) {
    return switch (authentication == null ? "none" : authentication) {
      case "basic" -> BASIC;
      case "bearer" -> BEARER;
      case "header" -> HEADER;
      case "query" -> QUERY;
      case "oauth2" -> OAUTH2;
      case "googleOAuth2" -> GOOGLE_OAUTH2;
      default -> null;
    };
  }

  /**
   * Applies credentials of a type to a request being built (and its URL).
   *
   * @param refresh for OAuth2: get a new access token whatever its expiry says (the server refused the current one)
   */
  static void apply(Credentials c, Services services, Clock clock, boolean refresh, Request.Builder request,
      HttpUrl.Builder url) throws NodeException {
    if (c.type().equals(OAUTH2) || c.type().equals(GOOGLE_OAUTH2)) {
      String token = refresh ? dev.weft.nodes.integrations.oauth.OAuth2.refreshedToken(c, services, clock)
          : dev.weft.nodes.integrations.oauth.OAuth2.accessToken(c, services, clock);
      request.header("Authorization", "Bearer " + token);
      return;
    }
    switch (c.type()) {
      case BASIC -> request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (c.require("user") + ":" + (c.string("password") == null ? "" : c.string("password")))
              .getBytes(StandardCharsets.UTF_8)));
      case BEARER -> request.header("Authorization", "Bearer " + c.require("token"));
      case HEADER -> request.header(c.require("name"), c.require("value"));
      case QUERY -> url.setQueryParameter(c.require("name"), c.require("value"));
      default -> throw new NodeException("credential type '" + c.type() + "' cannot authenticate an HTTP request");
    }
  }

  /** The secret values of credentials, to mask in messages. */
  static List<String> secrets(Credentials c) {
    List<String> result = new ArrayList<>();
    if (c == null) {
      return result;
    }
    for (Object v : c.values().values()) {
      if (v instanceof String s) {
        result.add(s);
      }
    }
    String user = c.string("user");
    String password = c.string("password");
    if (user != null) {
      result.remove(user);
      result.add(Base64.getEncoder().encodeToString((user + ":" + (password == null ? "" : password))
          .getBytes(StandardCharsets.UTF_8)));
    }
    return result;
  }

  private static ParameterSpec testUrl() {
    return ParameterSpec.string("testUrl").displayName("Test URL")
        .description("A URL that answers 2xx to an authenticated GET; the credential test calls it").build();
  }

  /** The credential types, for the pack. */
  public static List<CredentialType> types() {
    CredentialTester tester = HttpAuth::test;
    return List.of(
        CredentialType.builder(BASIC).displayName("HTTP Basic Auth")
            .description("A user name and password sent as HTTP Basic authentication")
            .fields(ParameterSpec.string("user").displayName("User").required().build(),
                ParameterSpec.string("password").displayName("Password").secret().build(), testUrl())
            .tester(tester).build(),
        CredentialType.builder(BEARER).displayName("HTTP Bearer Auth")
            .description("A token sent as 'Authorization: Bearer <token>'")
            .fields(ParameterSpec.string("token").displayName("Token").required().secret().build(), testUrl())
            .tester(tester).build(),
        CredentialType.builder(HEADER).displayName("HTTP Header Auth")
            .description("A header (such as X-API-Key) sent with every request")
            .fields(ParameterSpec.string("name").displayName("Header name").required().build(),
                ParameterSpec.string("value").displayName("Header value").required().secret().build(), testUrl())
            .tester(tester).build(),
        CredentialType.builder(QUERY).displayName("HTTP Query Auth")
            .description("A query parameter (such as api_key) added to every request")
            .fields(ParameterSpec.string("name").displayName("Parameter name").required().build(),
                ParameterSpec.string("value").displayName("Parameter value").required().secret().build(), testUrl())
            .tester(tester).build());
  }

  static CredentialTester.Result test(Credentials c, Services services) throws Exception {
    String url = c.string("testUrl");
    if (url == null || url.isBlank()) {
      return CredentialTester.Result.failed("no test URL: set 'testUrl' to a URL that needs these credentials");
    }
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      return CredentialTester.Result.failed("the test URL is not an http(s) URL");
    }
    HttpUrl.Builder u = parsed.newBuilder();
    Request.Builder r = new Request.Builder();
    apply(c, services, Clock.systemUTC(), false, r, u);
    OkHttpClient client = NetworkPolicy.of(services).apply(services.service(OkHttpClient.class));
    try (Response response = HttpCalls.execute(client, r.url(u.build()).get().build(), RetryPolicy.none(), null,
        Clock.systemUTC())) {
      if (response.isSuccessful()) {
        return CredentialTester.Result.ok(parsed.host() + " accepted the credentials (" + response.code() + ")");
      }
      String body = response.body().string();
      return CredentialTester.Result.failed(ServiceErrors.describe(parsed.host(), response.code(), response.message(),
          body, secrets(c)));
    } catch (java.io.IOException e) {
      return CredentialTester.Result.failed(ServiceErrors.redact("GET " + parsed.host() + " failed: " + e.getMessage(),
          secrets(c)));
    }
  }
}
