package dev.weft.nodes.integrations.oauth;

import static dev.weft.nodes.integrations.ServiceTests.form;
import static dev.weft.nodes.integrations.ServiceTests.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialUpdates;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeException;
import dev.weft.spi.Services;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuth2Test {
  private static final Instant NOW = Instant.parse("2024-05-28T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private final OkHttpClient http = new OkHttpClient();
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    OAuth2.clearCache();
  }

  private Credentials credentials(String id, Map<String, Object> more) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("clientId", "client id/1");
    v.put("clientSecret", "s3cr3t:value");
    v.put("authUrl", "https://auth.example.com/authorize?audience=api");
    v.put("accessTokenUrl", server.url("/oauth/token").toString());
    v.put("scope", "read write");
    v.putAll(more);
    return new Credentials(id, OAuth2.TYPE, v);
  }

  private Services services(Map<Class<?>, Object> extra) {
    return new Services() {
      @Override
      public <T> T service(Class<T> type) {
        if (type == OkHttpClient.class) {
          return type.cast(http);
        }
        Object s = extra.get(type);
        if (s == null) {
          throw new IllegalStateException("no " + type.getName());
        }
        return type.cast(s);
      }
    };
  }

  @Test
  void buildsTheAuthorizationUrlWithPkce() throws Exception {
    Credentials c = credentials("c1", Map.of("authQueryParameters", "access_type=offline&prompt=consent"));
    HttpUrl url = HttpUrl.get(OAuth2.authorizationUrl(c, "https://weft.example.com/oauth/callback", "st4te",
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    assertThat(url.host()).isEqualTo("auth.example.com");
    assertThat(url.queryParameter("audience")).isEqualTo("api");
    assertThat(url.queryParameter("response_type")).isEqualTo("code");
    assertThat(url.queryParameter("client_id")).isEqualTo("client id/1");
    assertThat(url.queryParameter("redirect_uri")).isEqualTo("https://weft.example.com/oauth/callback");
    assertThat(url.queryParameter("scope")).isEqualTo("read write");
    assertThat(url.queryParameter("state")).isEqualTo("st4te");
    // RFC 7636 appendix B: this verifier's S256 challenge
    assertThat(url.queryParameter("code_challenge")).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    assertThat(url.queryParameter("code_challenge_method")).isEqualTo("S256");
    assertThat(url.queryParameter("access_type")).isEqualTo("offline");
    assertThat(url.queryParameter("prompt")).isEqualTo("consent");
  }

  @Test
  void exchangesTheCodeWithBasicClientAuthentication() throws Exception {
    server.enqueue(json(200, "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
        + "\"refresh_token\":\"rt-1\",\"scope\":\"read write\"}"));
    Map<String, Object> values = OAuth2.exchangeCode(credentials("c1", Map.of()), "SplxlOBeZQQYbYS6WxSbIA",
        "https://weft.example.com/oauth/callback", "verifier-123", http, CLOCK);
    assertThat(values).containsEntry("accessToken", "at-1").containsEntry("refreshToken", "rt-1")
        .containsEntry("expiresAt", "2024-05-28T13:00:00Z").containsEntry("clientId", "client id/1");
    RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getHeaders().get("Accept")).isEqualTo("application/json");
    // RFC 6749 2.3.1: id and secret form-encoded, then Basic
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
        .encodeToString("client+id%2F1:s3cr3t%3Avalue".getBytes(StandardCharsets.UTF_8)));
    assertThat(form(req)).isEqualTo(Map.of("grant_type", "authorization_code", "code", "SplxlOBeZQQYbYS6WxSbIA",
        "redirect_uri", "https://weft.example.com/oauth/callback", "code_verifier", "verifier-123"));
  }

  @Test
  void usesAFreshTokenAsItIsAndRefreshesOneAboutToExpire() throws Exception {
    Credentials fresh = credentials("c1", Map.of("accessToken", "at-ok", "refreshToken", "rt",
        "expiresAt", NOW.plusSeconds(61).toString()));
    assertThat(OAuth2.accessToken(fresh, services(Map.of()), CLOCK)).isEqualTo("at-ok");
    assertThat(server.getRequestCount()).isZero();

    server.enqueue(json(200, "{\"access_token\":\"at-2\",\"expires_in\":\"7200\"}"));
    Credentials expiring = credentials("c2", Map.of("accessToken", "at-old", "refreshToken", "rt-keep",
        "expiresAt", NOW.plusSeconds(59).getEpochSecond()));
    assertThat(OAuth2.accessToken(expiring, services(Map.of()), CLOCK)).isEqualTo("at-2");
    assertThat(form(server.takeRequest(5, TimeUnit.SECONDS)))
        .isEqualTo(Map.of("grant_type", "refresh_token", "refresh_token", "rt-keep"));
    // kept in memory: the same stored credential does not refresh again
    assertThat(OAuth2.accessToken(expiring, services(Map.of()), CLOCK)).isEqualTo("at-2");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void writesTheRefreshedTokenBackKeepingTheRefreshTokenWhenNoneIsIssued() throws Exception {
    server.enqueue(json(200, "{\"access_token\":\"at-3\",\"expires_in\":60}"));
    Map<String, Object> written = new HashMap<>();
    Map<String, Object> expected = new HashMap<>();
    CredentialUpdates updates = (stored, expect, changes) -> {
      if (changes.isEmpty()) {
        return stored; // a read: the store holds what the node was given
      }
      written.put("id", stored.id());
      written.putAll(changes);
      expected.putAll(expect);
      Map<String, Object> values = new LinkedHashMap<>(stored.values());
      values.putAll(changes);
      return new Credentials(stored.id(), stored.type(), values);
    };
    Credentials c = credentials("c3", Map.of("accessToken", "at-old", "refreshToken", "rt-3",
        "expiresAt", NOW.minusSeconds(1).toString()));
    assertThat(OAuth2.accessToken(c, services(Map.of(CredentialUpdates.class, updates)), CLOCK)).isEqualTo("at-3");
    assertThat(written).containsEntry("id", "c3").containsEntry("accessToken", "at-3")
        .containsEntry("refreshToken", "rt-3").containsEntry("expiresAt", "2024-05-28T12:01:00Z")
        .doesNotContainKey("clientSecret");
    assertThat(expected).as("compare-and-set on the refresh token used").isEqualTo(Map.of("refreshToken", "rt-3"));
  }

  @Test
  void usesATokenAnotherEngineStoredInsteadOfRefreshing() throws Exception {
    Credentials c = credentials("c9", Map.of("accessToken", "at-old", "refreshToken", "rt-9",
        "expiresAt", NOW.minusSeconds(1).toString()));
    Map<String, Object> newer = new LinkedHashMap<>(c.values());
    newer.putAll(Map.of("accessToken", "at-other-engine", "refreshToken", "rt-10",
        "expiresAt", NOW.plusSeconds(3600).toString()));
    CredentialUpdates updates = (stored, expect, changes) -> {
      assertThat(changes).as("nothing is written").isEmpty();
      return new Credentials(stored.id(), stored.type(), newer);
    };
    assertThat(OAuth2.accessToken(c, services(Map.of(CredentialUpdates.class, updates)), CLOCK))
        .isEqualTo("at-other-engine");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void keepsTheTokenAnotherEngineStoredFirstFromTheSameRefreshToken() throws Exception {
    server.enqueue(json(200, "{\"access_token\":\"at-mine\",\"refresh_token\":\"rt-mine\",\"expires_in\":3600}"));
    Credentials c = credentials("c10", Map.of("accessToken", "at-old", "refreshToken", "rt-0",
        "expiresAt", NOW.minusSeconds(1).toString()));
    Map<String, Object> theirs = new LinkedHashMap<>(c.values());
    theirs.putAll(Map.of("accessToken", "at-theirs", "refreshToken", "rt-theirs",
        "expiresAt", NOW.plusSeconds(3600).toString()));
    CredentialUpdates updates = (stored, expect, changes) -> changes.isEmpty() ? stored
        : new Credentials(stored.id(), stored.type(), theirs); // the compare-and-set lost
    assertThat(OAuth2.accessToken(c, services(Map.of(CredentialUpdates.class, updates)), CLOCK))
        .isEqualTo("at-theirs");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aCredentialConnectedAnewWinsOverTheTokenKeptInMemory() throws Exception {
    server.enqueue(json(200, "{\"access_token\":\"at-mem\",\"expires_in\":3600}"));
    Credentials before = credentials("c4", Map.of("accessToken", "at-old", "refreshToken", "rt",
        "expiresAt", NOW.minusSeconds(1).toString()));
    assertThat(OAuth2.accessToken(before, services(Map.of()), CLOCK)).isEqualTo("at-mem");
    Credentials reconnected = credentials("c4", Map.of("accessToken", "at-new-login", "refreshToken", "rt2",
        "expiresAt", NOW.plusSeconds(3600).toString()));
    assertThat(OAuth2.accessToken(reconnected, services(Map.of()), CLOCK)).isEqualTo("at-new-login");
  }

  @Test
  void saysWhatIsWrongWithoutShowingSecrets() throws Exception {
    Credentials noRefresh = credentials("c5", Map.of("accessToken", "at", "expiresAt", NOW.minusSeconds(10).toString()));
    assertThatThrownBy(() -> OAuth2.accessToken(noRefresh, services(Map.of()), CLOCK))
        .isInstanceOf(NodeException.class)
        .hasMessage("credential 'weft.oAuth2Api' holds an access token that expired at 2024-05-28T11:59:50Z and no "
            + "refresh token to get a new one: connect the account again");

    server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked "
        + "(rt-revoked-123)\"}"));
    Credentials revoked = credentials("c6", Map.of("accessToken", "at", "refreshToken", "rt-revoked-123",
        "expiresAt", NOW.minusSeconds(10).toString()));
    assertThatThrownBy(() -> OAuth2.accessToken(revoked, services(Map.of()), CLOCK))
        .hasMessageContaining("answered 400 Bad Request: invalid_grant (Token has been expired or revoked (***))")
        .hasMessageNotContaining("rt-revoked-123").hasMessageNotContaining("s3cr3t");
  }

  @Test
  void theTesterRefreshes() throws Exception {
    server.enqueue(json(200, "{\"access_token\":\"at-t\",\"expires_in\":3600}"));
    CredentialTester tester = OAuth2.genericType().tester();
    assertThat(tester.test(credentials("c7", Map.of("refreshToken", "rt")), services(Map.of())).ok()).isTrue();
    assertThat(tester.test(credentials("c8", Map.of()), services(Map.of())))
        .isEqualTo(CredentialTester.Result.failed("the account is not connected: there is no refresh token"));
  }
}
