package dev.weft.nodes.integrations.oauth;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.RetryPolicy;
import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.CredentialUpdates;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Services;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * OAuth2 credentials with the authorization-code flow: the credential types (generic, Google, Slack), the
 * authorization URL and code exchange a host uses to connect an account, and {@link #accessToken} which nodes call to
 * get a token that is valid for at least another minute, refreshing it with the refresh token when it is about to
 * expire. A refreshed token is written back, encrypted, into the engine's credential store through the
 * {@link CredentialUpdates} service (compare-and-set on the refresh token used, so a token another engine stored first
 * is kept), and kept in memory per credential id in any case.
 */
public final class OAuth2 {
  /** The generic OAuth2 credential type id. */
  public static final String TYPE = "weft.oAuth2Api";
  /** The Google OAuth2 credential type id. */
  public static final String GOOGLE_TYPE = "weft.googleOAuth2Api";

  /** Credential field names. */
  public static final String CLIENT_ID = "clientId";
  public static final String CLIENT_SECRET = "clientSecret";
  public static final String AUTH_URL = "authUrl";
  public static final String TOKEN_URL = "accessTokenUrl";
  public static final String SCOPE = "scope";
  public static final String AUTH_QUERY = "authQueryParameters";
  public static final String CLIENT_AUTH = "authentication";
  public static final String ACCESS_TOKEN = "accessToken";
  public static final String REFRESH_TOKEN = "refreshToken";
  public static final String EXPIRES_AT = "expiresAt";

  /** A token is refreshed when it expires within this margin. */
  static final Duration MARGIN = Duration.ofSeconds(60);

  private static final Map<String, Token> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();

  private OAuth2() {}

  /** The token a cache entry holds and the stored access token it replaced. */
  record Token(String accessToken, String refreshToken, Instant expiresAt, String replaced) {}

  // ---- credential types ----

  /** The generic OAuth2 credential (authorization code with refresh), tested by refreshing its token. */
  public static CredentialType genericType() {
    return type(TYPE, "OAuth2", "An account connected with OAuth2's authorization-code flow. The host sends the user "
        + "to the authorization URL and exchanges the code for tokens (OAuth2.authorizationUrl, OAuth2.exchangeCode).",
        null, null, "", "", OAuth2::testByRefreshing);
  }

  /** Google OAuth2: Google's endpoints, offline access so that Google issues a refresh token. */
  public static CredentialType googleType() {
    return type(GOOGLE_TYPE, "Google OAuth2", "A Google account connected with OAuth2 (Gmail, Google Drive). Create an "
        + "OAuth client of type 'Web application' in the Google Cloud console and add the host's redirect URL.",
        "https://accounts.google.com/o/oauth2/v2/auth", "https://oauth2.googleapis.com/token",
        "https://www.googleapis.com/auth/gmail.modify https://www.googleapis.com/auth/drive",
        "access_type=offline&prompt=consent", OAuth2::testGoogle,
        ParameterSpec.string("apiBaseUrl").displayName("API base URL").noExpressions()
            .description("Empty uses each Google API's own host; set only for a proxy or a test server").build());
  }

  /**
   * An OAuth2 credential type with a provider's endpoints as defaults.
   *
   * @param authUrl the authorization endpoint, or {@code null} when the user gives it
   * @param tokenUrl the token endpoint, or {@code null} when the user gives it
   * @param scope default scopes, space separated
   * @param authQuery extra query parameters of the authorization URL, {@code a=1&b=2}
   * @param tester how to test the credential
   */
  public static CredentialType type(String id, String displayName, String description, String authUrl,
      String tokenUrl, String scope, String authQuery, CredentialTester tester, ParameterSpec... extraFields) {
    ParameterSpec.Builder auth = ParameterSpec.string(AUTH_URL).displayName("Authorization URL").noExpressions();
    ParameterSpec.Builder token = ParameterSpec.string(TOKEN_URL).displayName("Access token URL").noExpressions();
    if (authUrl == null) {
      auth.required();
    } else {
      auth.defaultValue(authUrl);
    }
    if (tokenUrl == null) {
      token.required();
    } else {
      token.defaultValue(tokenUrl);
    }
    return CredentialType.builder(id).displayName(displayName).description(description)
        .fields(
            ParameterSpec.string(CLIENT_ID).displayName("Client ID").required().noExpressions(),
            ParameterSpec.string(CLIENT_SECRET).displayName("Client secret").required().secret().noExpressions(),
            auth,
            token,
            ParameterSpec.string(SCOPE).displayName("Scope").defaultValue(scope)
                .description("Scopes, separated by spaces").noExpressions(),
            ParameterSpec.string(AUTH_QUERY).displayName("Authorization URL parameters").defaultValue(authQuery)
                .description("Extra query parameters of the authorization URL, like access_type=offline")
                .noExpressions(),
            ParameterSpec.options(CLIENT_AUTH, Option.of("header", "Basic auth header"),
                Option.of("body", "Client ID and secret in the body")).displayName("Client authentication"),
            ParameterSpec.string(ACCESS_TOKEN).displayName("Access token").secret().noExpressions()
                .description("Filled in by connecting the account"),
            ParameterSpec.string(REFRESH_TOKEN).displayName("Refresh token").secret().noExpressions()
                .description("Filled in by connecting the account"),
            ParameterSpec.string(EXPIRES_AT).displayName("Access token expires at").noExpressions()
                .description("ISO-8601 instant; filled in by connecting the account"))
        .fields(extraFields)
        .tester(tester)
        .build();
  }

  // ---- authorization-code flow ----

  /**
   * Where to send the user to connect the account.
   *
   * @param redirectUri the host's callback URL, registered with the provider
   * @param state an unguessable value the callback checks
   * @param codeVerifier a PKCE code verifier (43 to 128 characters), or {@code null} to not use PKCE
   */
  public static String authorizationUrl(Credentials credentials, String redirectUri, String state,
      String codeVerifier) throws NodeException {
    HttpUrl base = HttpUrl.parse(value(credentials, AUTH_URL));
    if (base == null) {
      throw new NodeException("credential '" + credentials.type() + "': the authorization URL '"
          + value(credentials, AUTH_URL) + "' is not an http(s) URL");
    }
    HttpUrl.Builder url = base.newBuilder()
        .addQueryParameter("response_type", "code")
        .addQueryParameter("client_id", credentials.require(CLIENT_ID))
        .addQueryParameter("redirect_uri", redirectUri);
    String scope = credentials.string(SCOPE);
    if (scope != null && !scope.isBlank()) {
      url.addQueryParameter("scope", scope.trim());
    }
    if (state != null) {
      url.addQueryParameter("state", state);
    }
    if (codeVerifier != null) {
      url.addQueryParameter("code_challenge", challenge(codeVerifier));
      url.addQueryParameter("code_challenge_method", "S256");
    }
    String extra = credentials.string(AUTH_QUERY);
    if (extra != null && !extra.isBlank()) {
      for (String pair : extra.split("&")) {
        int eq = pair.indexOf('=');
        url.addQueryParameter(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return url.build().toString();
  }

  /**
   * Exchanges the code the provider sent to the redirect URL for tokens.
   *
   * @return the credential values to store: {@code accessToken}, {@code refreshToken} (when issued), {@code expiresAt}
   * @throws NodeException naming the token endpoint and its error ({@code invalid_grant} …) when it refuses
   */
  public static Map<String, Object> exchangeCode(Credentials credentials, String code, String redirectUri,
      String codeVerifier, OkHttpClient http, Clock clock) throws NodeException {
    FormBody.Builder form = new FormBody.Builder()
        .add("grant_type", "authorization_code")
        .add("code", code)
        .add("redirect_uri", redirectUri);
    if (codeVerifier != null) {
      form.add("code_verifier", codeVerifier);
    }
    Map<String, Object> answer = tokenCall(credentials, form, http, clock);
    Map<String, Object> values = new LinkedHashMap<>(credentials.values());
    values.putAll(tokenValues(answer, null, clock));
    return values;
  }

  // ---- tokens for nodes ----

  /**
   * An access token valid for at least another minute: the stored one, or one refreshed with the refresh token (then
   * written back through the engine's {@link CredentialUpdates} when it offers them, and kept in memory).
   *
   * @throws NodeException when the credential holds no token, or the provider refuses the refresh
   */
  public static String accessToken(Credentials credentials, Services services, Clock clock) throws NodeException {
    return token(credentials, services, clock, false);
  }

  /**
   * A new access token, refreshed whatever the stored expiry says (after the service refused the current one).
   *
   * @throws NodeException when the credential holds no refresh token, or the provider refuses the refresh
   */
  public static String refreshedToken(Credentials credentials, Services services, Clock clock) throws NodeException {
    return token(credentials, services, clock, true);
  }

  private static String token(Credentials credentials, Services services, Clock clock, boolean force)
      throws NodeException {
    String key = cacheKey(credentials);
    synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
      String storedAccess = credentials.string(ACCESS_TOKEN);
      Token current = CACHE.get(key);
      if (current != null && storedAccess != null && !storedAccess.isEmpty()
          && !storedAccess.equals(current.accessToken()) && !storedAccess.equals(current.replaced())) {
        CACHE.remove(key); // the stored credential was connected anew: its values win
        current = null;
      }
      if (current == null) {
        current = new Token(storedAccess, credentials.string(REFRESH_TOKEN), expiry(credentials), null);
      }
      Instant now = clock.instant();
      if (fresh(current, now) && !force) {
        return current.accessToken();
      }
      CredentialUpdates updates = updates(credentials, services);
      if (updates != null) { // another engine sharing the store may have refreshed it already
        Token stored = token(updates.update(credentials, Map.of(), Map.of()), storedAccess);
        if (!Objects.equals(stored.accessToken(), current.accessToken()) && fresh(stored, now)) {
          CACHE.put(key, stored);
          return stored.accessToken();
        }
        if (stored.refreshToken() != null && !stored.refreshToken().isEmpty()) {
          current = stored;
        }
      }
      if (current.refreshToken() == null || current.refreshToken().isEmpty()) {
        throw new NodeException("credential '" + credentials.type() + "' "
            + (current.accessToken() == null || current.accessToken().isEmpty() ? "holds no access token"
                : force ? "holds an access token the service refused" : "holds an access token that expired at "
                    + current.expiresAt())
            + " and no refresh token to get a new one: connect the account again");
      }
      Map<String, Object> answer = tokenCall(credentials, new FormBody.Builder()
          .add("grant_type", "refresh_token")
          .add("refresh_token", current.refreshToken()), services.service(OkHttpClient.class), clock);
      Map<String, Object> values = tokenValues(answer, current.refreshToken(), clock);
      Token next = new Token((String) values.get(ACCESS_TOKEN), (String) values.get(REFRESH_TOKEN),
          expiry(values.get(EXPIRES_AT)), storedAccess);
      if (updates != null) {
        Token kept = token(updates.update(credentials, Map.of(REFRESH_TOKEN, current.refreshToken()), values),
            storedAccess);
        if (!Objects.equals(kept.accessToken(), next.accessToken()) && fresh(kept, now)) {
          next = kept; // another engine stored a token refreshed from the same refresh token first: it wins
        }
      }
      CACHE.put(key, next);
      return next.accessToken();
    }
  }

  private static boolean fresh(Token token, Instant now) {
    return token.accessToken() != null && !token.accessToken().isEmpty()
        && (token.expiresAt() == null || token.expiresAt().isAfter(now.plus(MARGIN)));
  }

  private static Token token(Credentials stored, String replaced) throws NodeException {
    return new Token(stored.string(ACCESS_TOKEN), stored.string(REFRESH_TOKEN), expiry(stored), replaced);
  }

  /** Forgets refreshed tokens kept in memory (for tests and for a host that rotated credentials). */
  public static void clearCache() {
    CACHE.clear();
  }

  /** The engine's credential updates when the credential came from its store, else {@code null}. */
  private static CredentialUpdates updates(Credentials credentials, Services services) {
    if (credentials.id() == null) {
      return null;
    }
    try {
      return services.service(CredentialUpdates.class);
    } catch (IllegalStateException none) {
      return null;
    }
  }

  private static Map<String, Object> tokenCall(Credentials credentials, FormBody.Builder form, OkHttpClient http,
      Clock clock) throws NodeException {
    String tokenUrl = value(credentials, TOKEN_URL);
    HttpUrl url = HttpUrl.parse(tokenUrl);
    if (url == null) {
      throw new NodeException("credential '" + credentials.type() + "': the access token URL '" + tokenUrl
          + "' is not an http(s) URL");
    }
    String clientId = credentials.require(CLIENT_ID);
    String clientSecret = credentials.require(CLIENT_SECRET);
    Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
    if ("body".equals(credentials.string(CLIENT_AUTH))) {
      form.add("client_id", clientId).add("client_secret", clientSecret);
    } else {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (formEncode(clientId) + ":" + formEncode(clientSecret)).getBytes(StandardCharsets.UTF_8)));
    }
    List<String> secrets = new ArrayList<>(List.of(clientSecret));
    for (String f : List.of(ACCESS_TOKEN, REFRESH_TOKEN)) {
      if (credentials.string(f) != null) {
        secrets.add(credentials.string(f));
      }
    }
    ApiClient api = new ApiClient("the OAuth2 token endpoint " + url.host(), http, RetryPolicy.standard(), null,
        clock, secrets).withErrorReader(OAuth2::tokenError);
    Map<String, Object> answer = api.object(request.post(form.build()).build());
    if (!(answer.get("access_token") instanceof String)) {
      throw new NodeException("the OAuth2 token endpoint " + url.host() + " answered without an access_token"
          + (answer.containsKey("error") ? ": " + api.redact(String.valueOf(answer.get("error"))) : ""));
    }
    return answer;
  }

  /** RFC 6749 5.2: {@code error} with an optional {@code error_description}; invalid_grant means connect again. */
  static String tokenError(String body) {
    if (!(ApiClient.parse(body) instanceof Map<?, ?> m) || !(m.get("error") instanceof String error)) {
      return null;
    }
    String description = m.get("error_description") instanceof String d && !d.isBlank() ? " (" + d + ")" : "";
    return error + description + ("invalid_grant".equals(error)
        ? ": the refresh token is no longer valid; connect the account again" : "");
  }

  private static Map<String, Object> tokenValues(Map<String, Object> answer, String previousRefresh, Clock clock) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(ACCESS_TOKEN, answer.get("access_token"));
    Object refresh = answer.get("refresh_token");
    values.put(REFRESH_TOKEN, refresh instanceof String s && !s.isEmpty() ? s : previousRefresh);
    Object expiresIn = answer.get("expires_in");
    Instant expiresAt = null;
    if (expiresIn != null) {
      try {
        expiresAt = clock.instant().plusSeconds(Long.parseLong(String.valueOf(expiresIn).trim()));
      } catch (NumberFormatException ignored) {
        expiresAt = null;
      }
    }
    values.put(EXPIRES_AT, expiresAt == null ? null : expiresAt.toString());
    return values;
  }

  private static Instant expiry(Credentials credentials) throws NodeException {
    try {
      return expiry(credentials.get(EXPIRES_AT));
    } catch (IllegalArgumentException e) {
      throw new NodeException("credential '" + credentials.type() + "': field '" + EXPIRES_AT + "' "
          + e.getMessage());
    }
  }

  static Instant expiry(Object v) {
    if (v == null || v instanceof String s && s.isBlank()) {
      return null;
    }
    if (v instanceof Number n) {
      long x = n.longValue();
      return x > 100_000_000_000L ? Instant.ofEpochMilli(x) : Instant.ofEpochSecond(x);
    }
    String s = String.valueOf(v).trim();
    if (s.matches("\\d+")) {
      return expiry(Long.parseLong(s));
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + s + "' is not an ISO-8601 instant or epoch seconds");
    }
  }

  private static String cacheKey(Credentials credentials) {
    String id = credentials.id() != null ? credentials.id()
        : String.valueOf(credentials.string(CLIENT_ID)) + "/" + sha256(String.valueOf(credentials.string(REFRESH_TOKEN)));
    return credentials.type() + "\u0000" + id;
  }

  private static String value(Credentials credentials, String field) throws NodeException {
    return credentials.require(field).trim();
  }

  private static String formEncode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String challenge(String verifier) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256Bytes(verifier));
  }

  private static String sha256(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256Bytes(s));
  }

  private static byte[] sha256Bytes(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- testers ----

  private static CredentialTester.Result testByRefreshing(Credentials credentials, Services services)
      throws Exception {
    if (credentials.string(REFRESH_TOKEN) == null || credentials.string(REFRESH_TOKEN).isEmpty()) {
      return CredentialTester.Result.failed("the account is not connected: there is no refresh token");
    }
    try {
      refreshedToken(credentials, services, Clock.systemUTC());
      return CredentialTester.Result.ok("the token endpoint issued a new access token");
    } catch (NodeException e) {
      return CredentialTester.Result.failed(e.getMessage());
    }
  }

  private static CredentialTester.Result testGoogle(Credentials credentials, Services services) throws Exception {
    String token;
    try {
      token = accessToken(credentials, services, Clock.systemUTC());
    } catch (NodeException e) {
      return CredentialTester.Result.failed(e.getMessage());
    }
    ApiClient api = new ApiClient("Google", services.service(OkHttpClient.class), RetryPolicy.none(), null,
        Clock.systemUTC(), List.of(token));
    try {
      String base = credentials.string("apiBaseUrl");
      base = base == null || base.isBlank() ? "https://oauth2.googleapis.com" : base.trim().replaceAll("/+$", "");
      Map<String, Object> info = api.object(new Request.Builder()
          .url(base + "/tokeninfo?access_token=" + token).get().build());
      return CredentialTester.Result.ok("Google accepts the token" + (info.get("scope") == null ? ""
          : "; scopes: " + info.get("scope")));
    } catch (NodeException e) {
      return CredentialTester.Result.failed(ServiceErrors.redact(e.getMessage(), List.of(token)));
    }
  }
}
