package dev.weft.nodes.integrations.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.nodes.integrations.common.NetworkPolicy;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.Services;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpAuthTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();

  private static Services services(NetworkPolicy policy) {
    return new Services() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T service(Class<T> type) {
        if (type == OkHttpClient.class) {
          return (T) CLIENT;
        }
        if (type == NetworkPolicy.class && policy != null) {
          return (T) policy;
        }
        throw new IllegalStateException("no " + type);
      }
    };
  }

  private static CredentialTester tester(String id) {
    return HttpAuth.types().stream().filter(t -> t.id().equals(id)).map(CredentialType::tester).findFirst()
        .orElseThrow();
  }

  @Test
  void testsCredentialsAgainstTheirTestUrl() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
      server.enqueue(new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
          .body("{\"message\": \"bad token tok-1\"}").build());
      Credentials good = new Credentials("c", HttpAuth.HEADER,
          Map.of("name", "X-Key", "value", "k-123", "testUrl", server.url("/whoami").toString()));
      CredentialTester.Result ok = tester(HttpAuth.HEADER).test(good, services(NetworkPolicy.allowPrivate()));
      assertThat(ok.ok()).isTrue();
      assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("X-Key")).isEqualTo("k-123");

      Credentials bad = new Credentials("c", HttpAuth.BEARER,
          Map.of("token", "tok-1", "testUrl", server.url("/whoami").toString()));
      CredentialTester.Result failed = tester(HttpAuth.BEARER).test(bad, services(NetworkPolicy.allowPrivate()));
      assertThat(failed.ok()).isFalse();
      assertThat(failed.message()).contains("answered 401 Unauthorized: bad token ***").doesNotContain("tok-1");

      CredentialTester.Result blocked = tester(HttpAuth.BEARER).test(bad, services(null));
      assertThat(blocked.ok()).isFalse();
      assertThat(blocked.message()).contains("blocked");
    }
    CredentialTester.Result noUrl = tester(HttpAuth.BASIC)
        .test(new Credentials("c", HttpAuth.BASIC, Map.of("user", "u")), services(null));
    assertThat(noUrl.ok()).isFalse();
    assertThat(noUrl.message()).contains("no test URL");
  }
}
