package dev.weft.server;

import dev.weft.credential.CredentialView;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.ParameterSpec;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * OAuth2 connections for credential types that declare OAuth2 (they have the fields {@code clientId},
 * {@code clientSecret}, {@code authUrl}, {@code accessTokenUrl} and {@code accessToken}, as Weft's OAuth2 credential
 * types do): status, the authorization-code flow with PKCE (start answers the provider's URL; the provider sends the
 * browser to the callback, which stores the tokens in the credential), and revoke (forgets the tokens).
 */
final class OAuth2Api {
  static final Set<String> FIELDS = Set.of("clientId", "clientSecret", "authUrl", "accessTokenUrl", "accessToken");
  static final String CALLBACK = "/api/oauth2/callback";
  private static final Duration PENDING_TTL = Duration.ofMinutes(10);
  private static final SecureRandom RANDOM = new SecureRandom();
  private final ServerState s;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  private record Pending(String credentialId, String userId, String redirectUri, String verifier, Instant expires) {}

  OAuth2Api(ServerState s) {
    this.s = s;
  }

  void register(RouteTable t) {
    t.user(HandlerType.GET, "/api/credentials/{id}/oauth2", (ctx, u) -> Api.ok(ctx, status(owned(ctx, u))));
    t.user(HandlerType.POST, "/api/credentials/{id}/oauth2/start", this::start);
    t.user(HandlerType.POST, "/api/credentials/{id}/oauth2/revoke", (ctx, u) -> {
      CredentialView v = owned(ctx, u);
      Map<String, Object> cleared = new LinkedHashMap<>();
      for (String f : new String[] {"accessToken", "refreshToken", "expiresAt"}) {
        if (type(v).field(f) != null) {
          cleared.put(f, null);
        }
      }
      Map<String, Object> values = new LinkedHashMap<>(s.weft.credentials().decrypt(v.id()).values());
      values.putAll(cleared);
      Api.ok(ctx, status(s.weft.credentials().update(v.id(), null, values)));
    });
    t.open(HandlerType.GET, CALLBACK, this::callback);
  }

  private CredentialView owned(Context ctx, Tokens.Principal user) {
    String id = ctx.pathParam("id");
    CredentialView v = s.weft.credentials().get(id).orElseThrow(() -> ApiException.notFound("credential", id));
    if (!user.userId().equals(v.ownerId())) {
      throw ApiException.notFound("credential", id);
    }
    if (!isOAuth2(type(v))) {
      throw new ApiException(400, "not_oauth2", "credential '" + v.name() + "' is of type '" + v.type()
          + "', which does not declare OAuth2 (fields " + String.join(", ", FIELDS.stream().sorted().toList()) + ")",
          Map.of("type", v.type()));
    }
    return v;
  }

  private CredentialType type(CredentialView v) {
    return s.weft.credentialTypes().stream().filter(t -> t.id().equals(v.type())).findFirst()
        .orElseThrow(() -> new ApiException(400, "credential_error", "credential '" + v.name()
            + "' has the unknown type '" + v.type() + "'"));
  }

  static boolean isOAuth2(CredentialType type) {
    return type.fields().stream().map(ParameterSpec::name).collect(Collectors.toSet()).containsAll(FIELDS);
  }

  private static Map<String, Object> status(CredentialView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("credentialId", v.id());
    m.put("connected", Boolean.TRUE.equals(v.secrets().get("accessToken")));
    m.put("hasRefreshToken", Boolean.TRUE.equals(v.secrets().get("refreshToken")));
    m.put("expiresAt", v.values().get("expiresAt"));
    m.put("scope", v.values().get("scope"));
    return m;
  }

  private void start(Context ctx, Tokens.Principal user) {
    CredentialView v = owned(ctx, user);
    Credentials c = s.weft.credentials().decrypt(v.id());
    String authUrl = text(c, "authUrl", v);
    text(c, "accessTokenUrl", v);
    String clientId = text(c, "clientId", v);
    String redirect = redirectUri(ctx);
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    RANDOM.nextBytes(raw);
    String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = s.clock.instant();
    pending.values().removeIf(p -> p.expires().isBefore(now));
    pending.put(state, new Pending(v.id(), user.userId(), redirect, verifier, now.plus(PENDING_TTL)));
    StringBuilder url = new StringBuilder(authUrl).append(authUrl.contains("?") ? '&' : '?')
        .append("response_type=code&client_id=").append(enc(clientId))
        .append("&redirect_uri=").append(enc(redirect))
        .append("&state=").append(enc(state))
        .append("&code_challenge=").append(enc(challenge(verifier)))
        .append("&code_challenge_method=S256");
    Object scope = c.values().get("scope");
    if (scope instanceof String sc && !sc.isBlank()) {
      url.append("&scope=").append(enc(sc.trim()));
    }
    Object extra = c.values().get("authQueryParameters");
    if (extra instanceof String ex && !ex.isBlank()) {
      url.append('&').append(ex.trim());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("authorizationUrl", url.toString());
    m.put("redirectUri", redirect);
    m.put("expiresInSeconds", PENDING_TTL.toSeconds());
    Api.ok(ctx, m);
  }

  private void callback(Context ctx) throws IOException, InterruptedException {
    String state = ctx.queryParam("state");
    Pending p = state == null ? null : pending.remove(state);
    if (p == null || p.expires().isBefore(s.clock.instant())) {
      page(ctx, 400, "This sign-in link is unknown or expired. Start connecting the account again.");
      return;
    }
    if (ctx.queryParam("error") != null) {
      page(ctx, 400, "The provider refused: " + ctx.queryParam("error")
          + (ctx.queryParam("error_description") == null ? "" : " (" + ctx.queryParam("error_description") + ")"));
      return;
    }
    String code = ctx.queryParam("code");
    if (code == null || code.isBlank()) {
      page(ctx, 400, "The provider sent no authorization code.");
      return;
    }
    CredentialView v = s.weft.credentials().get(p.credentialId()).orElse(null);
    if (v == null || !p.userId().equals(v.ownerId())) {
      page(ctx, 404, "The credential no longer exists.");
      return;
    }
    Credentials c = s.weft.credentials().decrypt(v.id());
    String tokenUrl = text(c, "accessTokenUrl", v);
    String clientId = text(c, "clientId", v);
    String clientSecret = text(c, "clientSecret", v);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", p.redirectUri());
    form.put("code_verifier", p.verifier());
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
    if ("body".equals(c.values().get("authentication"))) {
      form.put("client_id", clientId);
      form.put("client_secret", clientSecret);
    } else {
      req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (enc(clientId) + ":" + enc(clientSecret)).getBytes(StandardCharsets.UTF_8)));
    }
    String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    HttpResponse<String> response;
    try {
      response = http.send(req.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      page(ctx, 502, "The token endpoint " + URI.create(tokenUrl).getHost() + " could not be reached: "
          + e.getMessage());
      return;
    }
    Map<String, Object> answer;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = Api.JSON.readValue(response.body(), Map.class);
      answer = parsed;
    } catch (IOException e) {
      answer = Map.of();
    }
    if (response.statusCode() / 100 != 2 || !(answer.get("access_token") instanceof String access)) {
      Object error = answer.get("error");
      page(ctx, 502, "The token endpoint " + URI.create(tokenUrl).getHost() + " answered " + response.statusCode()
          + (error == null ? " without an access token" : ": " + error
          + (answer.get("error_description") == null ? "" : " (" + answer.get("error_description") + ")")));
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>(c.values());
    values.put("accessToken", access);
    if (answer.get("refresh_token") instanceof String refresh && !refresh.isEmpty()) {
      values.put("refreshToken", refresh);
    }
    if (answer.get("expires_in") instanceof Number seconds) {
      values.put("expiresAt", s.clock.instant().plusSeconds(seconds.longValue()).toString());
    }
    CredentialType type = type(v);
    values.keySet().removeIf(k -> type.field(k) == null);
    s.weft.credentials().update(v.id(), null, values);
    page(ctx, 200, "Connected '" + v.name() + "'. You can close this window.");
  }

  private static String text(Credentials c, String field, CredentialView v) {
    Object value = c.values().get(field);
    if (!(value instanceof String t) || t.isBlank()) {
      throw new ApiException(400, "invalid_credential", "credential '" + v.name() + "' needs field '" + field
          + "' to connect with OAuth2", Map.of("field", field));
    }
    return t.trim();
  }

  private static String redirectUri(Context ctx) {
    String proto = ctx.header("X-Forwarded-Proto");
    String host = ctx.header("X-Forwarded-Host");
    String scheme = proto != null ? proto : ctx.scheme();
    return scheme + "://" + (host != null ? host : ctx.host()) + CALLBACK;
  }

  private static String challenge(String verifier) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  private static void page(Context ctx, int status, String message) {
    String html = "<!doctype html><meta charset=utf-8><title>Weft</title><body style=\"font-family:sans-serif;"
        + "margin:3em\"><p>" + message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        + "</p><p><a href=\"/credentials\">Back to credentials</a></p>";
    ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    ctx.attribute("weft.answered", true);
  }
}
