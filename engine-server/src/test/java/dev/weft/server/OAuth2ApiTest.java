package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Node;
import dev.weft.spi.NodePack;
import dev.weft.spi.ParameterSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OAuth2 authorization-code flow against a provider played by a local HTTP server. */
class OAuth2ApiTest {
  static final CredentialType OAUTH = CredentialType.builder("test.oAuth2Api").fields(
      ParameterSpec.string("clientId").required(), ParameterSpec.string("clientSecret").required().secret(),
      ParameterSpec.string("authUrl").required(), ParameterSpec.string("accessTokenUrl").required(),
      ParameterSpec.string("scope"), ParameterSpec.string("accessToken").secret(),
      ParameterSpec.string("refreshToken").secret(), ParameterSpec.string("expiresAt")).build();

  @TempDir
  static Path data;
  static WeftServer server;
  static HttpServer provider;
  static Http user;
  static final AtomicReference<String> tokenRequest = new AtomicReference<>();
  static final AtomicReference<String> tokenAuthorization = new AtomicReference<>();

  @BeforeAll
  static void start() throws IOException {
    provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    provider.createContext("/token", exchange -> {
      tokenRequest.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      tokenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = "{\"access_token\":\"at-123\",\"refresh_token\":\"rt-456\",\"expires_in\":3600}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    provider.start();
    NodePack pack = new NodePack() {
      @Override
      public String id() {
        return "test-oauth";
      }

      @Override
      public List<Node> nodes() {
        return List.of();
      }

      @Override
      public List<CredentialType> credentialTypes() {
        return List.of(OAUTH);
      }
    };
    server = TestServers.start(data, c -> c.withEngine(b -> b.node(new TestWebhookTrigger()).nodePack(pack)));
    user = Http.to(server).signUp("oauth@example.com");
  }

  @AfterAll
  static void stop() {
    server.stop();
    provider.stop(0);
  }

  @Test
  void connectingStoresTheTokensWithoutShowingThem() {
    String providerBase = "http://127.0.0.1:" + provider.getAddress().getPort();
    String id = (String) user.post("/api/credentials", Map.of("name", "Provider", "type", "test.oAuth2Api",
        "values", Map.of("clientId", "client-1", "clientSecret", "shh", "authUrl", providerBase + "/authorize",
            "accessTokenUrl", providerBase + "/token", "scope", "read write"))).body().get("id");
    assertThat(user.get("/api/credentials/" + id + "/oauth2").body()).containsEntry("connected", false);

    Http.Res started = user.post("/api/credentials/" + id + "/oauth2/start", Map.of());
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    HttpUrl authorize = HttpUrl.get((String) started.body().get("authorizationUrl"));
    assertThat(authorize.encodedPath()).isEqualTo("/authorize");
    assertThat(authorize.queryParameter("client_id")).isEqualTo("client-1");
    assertThat(authorize.queryParameter("scope")).isEqualTo("read write");
    assertThat(authorize.queryParameter("code_challenge_method")).isEqualTo("S256");
    String redirect = authorize.queryParameter("redirect_uri");
    assertThat(redirect).endsWith("/api/oauth2/callback");

    // the provider sends the browser back with a code
    Http.Res callback = Http.send(new Request.Builder().url(redirect + "?code=the-code&state="
        + authorize.queryParameter("state")).build());
    assertThat(callback.status()).as(callback.text()).isEqualTo(200);
    assertThat(callback.text()).contains("Connected");
    String form = URLDecoder.decode(tokenRequest.get(), StandardCharsets.UTF_8);
    assertThat(form).contains("grant_type=authorization_code").contains("code=the-code")
        .contains("redirect_uri=" + redirect).contains("code_verifier=");
    assertThat(tokenAuthorization.get()).startsWith("Basic ");

    Http.Res status = user.get("/api/credentials/" + id + "/oauth2");
    assertThat(status.body()).containsEntry("connected", true).containsEntry("hasRefreshToken", true);
    assertThat(user.get("/api/credentials/" + id).text()).doesNotContain("at-123").doesNotContain("rt-456");

    Http.Res replay = Http.send(new Request.Builder().url(redirect + "?code=the-code&state="
        + authorize.queryParameter("state")).build());
    assertThat(replay.status()).as("a state works once").isEqualTo(400);

    assertThat(user.post("/api/credentials/" + id + "/oauth2/revoke", Map.of()).body())
        .containsEntry("connected", false).containsEntry("hasRefreshToken", false);
    assertThat(user.get("/api/credentials/" + id).body().get("secrets"))
        .isEqualTo(Map.of("clientSecret", true, "accessToken", false, "refreshToken", false));
  }

  @Test
  void otherCredentialTypesHaveNoOAuth2() {
    String id = (String) user.post("/api/credentials", Map.of("name", "Key", "type", "weft.cryptoKey",
        "values", Map.of("secret", "x"))).body().get("id");
    Http.Res r = user.post("/api/credentials/" + id + "/oauth2/start", Map.of());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).containsEntry("code", "not_oauth2");
    assertThat(URI.create("http://x" + OAuth2Api.CALLBACK).getPath()).isEqualTo("/api/oauth2/callback");
    Http.Res unknownState = Http.send(new Request.Builder()
        .url("http://127.0.0.1:" + server.port() + "/api/oauth2/callback?code=c&state=forged").build());
    assertThat(unknownState.status()).isEqualTo(400);
    assertThat(unknownState.text()).contains("unknown or expired");
  }
}
