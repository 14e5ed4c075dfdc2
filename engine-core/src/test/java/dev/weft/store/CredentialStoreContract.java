package dev.weft.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CredentialStore} must do. A backend's test extends this class and implements
 * {@link #newStore(TestClock)}, returning an empty store that takes its timestamps from the given clock.
 */
public abstract class CredentialStoreContract {

  /** The clock handed to the store under test. */
  protected TestClock clock;
  /** The store under test, empty at the start of each test. */
  protected CredentialStore store;

  /** An empty store on {@code clock}. */
  protected abstract CredentialStore newStore(TestClock clock) throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    clock = new TestClock();
    store = newStore(clock);
  }

  private static CredentialRecord record(String name, String type, String owner, String sealed) {
    return new CredentialRecord(null, name, type, owner, sealed, null, null);
  }

  @Test
  void createAssignsIdAndTimestampsAndKeepsTheSealedTextExactly() {
    String sealed = "v1:k1:" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo+/=".repeat(40);
    CredentialRecord created = store.create(record("Stripe live", "weft.httpBearerAuth", "u1", sealed));

    assertThat(created.id()).isNotBlank();
    assertThat(created.createdAt()).isEqualTo(TestClock.START);
    assertThat(created.updatedAt()).isEqualTo(TestClock.START);
    CredentialRecord read = store.get(created.id()).orElseThrow();
    assertThat(read.name()).isEqualTo("Stripe live");
    assertThat(read.type()).isEqualTo("weft.httpBearerAuth");
    assertThat(read.ownerId()).isEqualTo("u1");
    assertThat(read.sealedData()).isEqualTo(sealed);
    assertThat(read.createdAt()).isEqualTo(TestClock.START);
  }

  @Test
  void createKeepsAGivenIdAndRefusesADuplicate() {
    store.create(record("A", "t", null, "s").withId("cred-1"));
    assertThatThrownBy(() -> store.create(record("B", "t", null, "s").withId("cred-1")))
        .isInstanceOf(DuplicateIdException.class)
        .hasMessageContaining("cred-1");
    assertThat(store.get("cred-1").orElseThrow().name()).isEqualTo("A");
  }

  @Test
  void updateReplacesTheRecordKeepingCreatedAt() {
    CredentialRecord created = store.create(record("Old", "t", "u1", "sealed-1"));
    clock.advance(Duration.ofHours(1));

    CredentialRecord updated = store.update(
        new CredentialRecord(created.id(), "New", "t2", "u2", "sealed-2", null, null));

    assertThat(updated.createdAt()).isEqualTo(TestClock.START);
    assertThat(updated.updatedAt()).isEqualTo(TestClock.START.plus(Duration.ofHours(1)));
    CredentialRecord read = store.get(created.id()).orElseThrow();
    assertThat(read.name()).isEqualTo("New");
    assertThat(read.type()).isEqualTo("t2");
    assertThat(read.ownerId()).isEqualTo("u2");
    assertThat(read.sealedData()).isEqualTo("sealed-2");
    assertThat(read.createdAt()).isEqualTo(TestClock.START);
    assertThat(read.updatedAt()).isEqualTo(TestClock.START.plus(Duration.ofHours(1)));
  }

  @Test
  void updateOfAMissingCredentialFailsNamingIt() {
    assertThatThrownBy(() -> store.update(record("X", "t", null, "s").withId("cred-gone")))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessageContaining("cred-gone");
  }

  @Test
  void deleteRemovesTheCredential() {
    CredentialRecord created = store.create(record("A", "t", null, "s"));
    assertThat(store.delete(created.id())).isTrue();
    assertThat(store.delete(created.id())).isFalse();
    assertThat(store.get(created.id())).isEmpty();
    assertThat(store.list(null, null)).isEmpty();
  }

  @Test
  void listFiltersByOwnerAndTypeOrderedByNameIgnoringCase() {
    store.create(record("zeta", "weft.bearer", "alice", "s"));
    store.create(record("Alpha", "weft.basic", "alice", "s"));
    store.create(record("beta", "weft.bearer", "bob", "s"));
    store.create(record("Gamma", "weft.bearer", "alice", "s"));

    assertThat(store.list(null, null)).extracting(CredentialRecord::name)
        .containsExactly("Alpha", "beta", "Gamma", "zeta");
    assertThat(store.list("alice", null)).extracting(CredentialRecord::name)
        .containsExactly("Alpha", "Gamma", "zeta");
    assertThat(store.list(null, "weft.bearer")).extracting(CredentialRecord::name)
        .containsExactly("beta", "Gamma", "zeta");
    assertThat(store.list("alice", "weft.bearer")).extracting(CredentialRecord::name)
        .containsExactly("Gamma", "zeta");
    assertThat(store.list("carol", null)).isEmpty();
  }

  @Test
  void recordsPrintWithoutTheirSealedData() {
    CredentialRecord created = store.create(record("A", "t", null, "v1:k1:SEALEDSEALED"));
    assertThat(created.toString()).doesNotContain("SEALEDSEALED").contains("A", "t");
  }

  @Test
  void concurrentCreatesAllLandWithDistinctIds() throws Exception {
    List<Callable<List<String>>> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      tasks.add(() -> {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          ids.add(store.create(record("c-" + thread + "-" + i, "t", "u", "s")).id());
        }
        return ids;
      });
    }
    Set<String> all = new HashSet<>();
    for (Race.Outcome<List<String>> o : Race.run(tasks)) {
      assertThat(o.error()).isNull();
      all.addAll(o.value());
    }
    assertThat(all).hasSize(80);
    assertThat(store.list("u", "t")).hasSize(80);
  }
}
