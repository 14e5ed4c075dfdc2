package dev.weft.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.spi.CredentialType;
import dev.weft.spi.CredentialUpdates;
import dev.weft.spi.Credentials;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.store.InMemoryCredentialStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nodes changing fields of their stored credential: sealed at rest, compare-and-set against concurrent refreshes. */
class CredentialUpdatesTest {
  private static final CredentialType OAUTH = CredentialType.builder("test.oauth")
      .fields(
          ParameterSpec.string("clientId").required(),
          ParameterSpec.string("accessToken").secret(),
          ParameterSpec.string("refreshToken").secret(),
          ParameterSpec.string("expiresAt"),
          ParameterSpec.string("region").defaultValue("eu"))
      .build();

  private InMemoryCredentialStore store;
  private CredentialService service;
  private CredentialUpdates updates;
  private String id;

  @BeforeEach
  void setUp() {
    store = new InMemoryCredentialStore();
    service = new CredentialService(store, CredentialCipher.builder().key("k1", CredentialCipher.generateKey()).build(),
        type -> type.equals(OAUTH.id()) ? OAUTH : null, null);
    updates = service.updates();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("clientId", "client-1");
    values.put("accessToken", "access-OLD");
    values.put("refreshToken", "refresh-OLD");
    id = service.create("Acme", OAUTH.id(), null, values).id();
  }

  @Test
  void anUpdateIsStoredSealedAndReadBackDecrypted() throws Exception {
    Credentials read = service.decrypt(id);
    Credentials after = updates.update(read, Map.of("refreshToken", "refresh-OLD"),
        Map.of("accessToken", "access-NEW-7f3a", "refreshToken", "refresh-NEW-9c1d", "expiresAt", "2030-01-01T00:00:00Z"));

    assertThat(after.string("accessToken")).isEqualTo("access-NEW-7f3a");
    String sealed = store.get(id).orElseThrow().sealedData();
    assertThat(sealed).doesNotContain("access-NEW-7f3a").doesNotContain("refresh-NEW-9c1d").doesNotContain("2030");
    Credentials stored = service.decrypt(id);
    assertThat(stored.string("accessToken")).isEqualTo("access-NEW-7f3a");
    assertThat(stored.string("refreshToken")).isEqualTo("refresh-NEW-9c1d");
    assertThat(stored.string("expiresAt")).isEqualTo("2030-01-01T00:00:00Z");
    assertThat(stored.string("clientId")).as("fields not named keep their values").isEqualTo("client-1");
    assertThat(service.get(id).orElseThrow().secrets()).containsEntry("accessToken", true);
  }

  @Test
  void anUpdateBasedOnValuesChangedSinceKeepsTheNewerOnes() throws Exception {
    Credentials stale = service.decrypt(id);
    updates.update(stale, Map.of("refreshToken", "refresh-OLD"), Map.of("refreshToken", "refresh-FIRST",
        "accessToken", "access-FIRST"));

    Credentials after = updates.update(stale, Map.of("refreshToken", "refresh-OLD"),
        Map.of("refreshToken", "refresh-SECOND", "accessToken", "access-SECOND"));

    assertThat(after.string("refreshToken")).isEqualTo("refresh-FIRST");
    assertThat(service.decrypt(id).string("accessToken")).isEqualTo("access-FIRST");
  }

  @Test
  void withoutChangesAnUpdateReadsTheStoredValuesWithDefaults() throws Exception {
    updates.update(service.decrypt(id), Map.of(), Map.of("accessToken", "access-2"));
    Credentials read = updates.update(new Credentials(id, OAUTH.id(), Map.of()), Map.of(), Map.of());
    assertThat(read.string("accessToken")).isEqualTo("access-2");
    assertThat(read.string("region")).isEqualTo("eu");
  }

  @Test
  void concurrentRefreshesOfOneCredentialWriteExactlyOneToken() throws Exception {
    Credentials read = service.decrypt(id);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Credentials>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        String token = "refresh-" + t;
        Callable<Credentials> refresh = () -> {
          go.await();
          return updates.update(read, Map.of("refreshToken", "refresh-OLD"),
              Map.of("refreshToken", token, "accessToken", "access-" + token));
        };
        results.add(pool.submit(refresh));
      }
      go.countDown();
      List<String> winners = new ArrayList<>();
      for (Future<Credentials> f : results) {
        winners.add(f.get(30, TimeUnit.SECONDS).string("refreshToken"));
      }
      String stored = service.decrypt(id).string("refreshToken");
      assertThat(stored).startsWith("refresh-").isNotEqualTo("refresh-OLD");
      assertThat(winners).as("every caller learns the one token that was stored").containsOnly(stored);
      assertThat(service.decrypt(id).string("accessToken")).isEqualTo("access-" + stored);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void failuresNameTheCredentialButNoValue() {
    assertThatThrownBy(() -> updates.update(service.decrypt(id), Map.of(), Map.of("noSuchField", "secret-value-1")))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining(id).hasMessageContaining("noSuchField").hasMessageNotContaining("secret-value-1");
    assertThatThrownBy(() -> updates.update(new Credentials(null, OAUTH.id(), Map.of()), Map.of(), Map.of()))
        .isInstanceOf(NodeException.class).hasMessageContaining("no id");
    assertThatThrownBy(() -> updates.update(new Credentials(id, "other.type", Map.of()), Map.of(), Map.of()))
        .isInstanceOf(NodeException.class).hasMessageContaining("other.type");
  }
}
