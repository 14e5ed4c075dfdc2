package dev.weft.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserStore} must do. A backend's test extends this class and implements
 * {@link #newStore(TestClock)}, returning an empty store that takes its timestamps from the given clock.
 */
public abstract class UserStoreContract {

  /** The clock handed to the store under test. */
  protected TestClock clock;
  /** The store under test, empty at the start of each test. */
  protected UserStore store;

  /** An empty store on {@code clock}. */
  protected abstract UserStore newStore(TestClock clock) throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    clock = new TestClock();
    store = newStore(clock);
  }

  private UserRecord create(String email) {
    return store.create(UserRecord.of(email, null, "member", "$2a$10$hash-of-" + email));
  }

  @Test
  void createAssignsIdVersionAndTimestampsAndKeepsEveryField() {
    String hash = "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
    UserRecord created = store.create(new UserRecord(null, "Ada@Example.com", "Ada Lovelace", "admin", hash, true,
        null, null, 42));

    assertThat(created.id()).isNotBlank();
    assertThat(created.version()).isEqualTo(1);
    assertThat(created.createdAt()).isEqualTo(TestClock.START);
    assertThat(created.updatedAt()).isEqualTo(TestClock.START);
    UserRecord read = store.get(created.id()).orElseThrow();
    assertThat(read).isEqualTo(created);
    assertThat(read.email()).isEqualTo("Ada@Example.com");
    assertThat(read.displayName()).isEqualTo("Ada Lovelace");
    assertThat(read.role()).isEqualTo("admin");
    assertThat(read.passwordHash()).isEqualTo(hash);
    assertThat(read.disabled()).isTrue();
  }

  @Test
  void aUserWithoutDisplayNameOrPasswordHashIsKept() {
    UserRecord created = store.create(UserRecord.of("sso@example.com", null, "member", null));
    UserRecord read = store.get(created.id()).orElseThrow();
    assertThat(read.displayName()).isNull();
    assertThat(read.passwordHash()).isNull();
    assertThat(read.disabled()).isFalse();
  }

  @Test
  void createKeepsAGivenIdAndRefusesADuplicateId() {
    store.create(UserRecord.of("a@example.com", null, "member", "h").withId("user-1"));
    assertThatThrownBy(() -> store.create(UserRecord.of("b@example.com", null, "member", "h").withId("user-1")))
        .isInstanceOf(DuplicateIdException.class)
        .hasMessageContaining("user-1");
    assertThat(store.findByEmail("b@example.com")).isEmpty();
  }

  @Test
  void emailsAreUniqueIgnoringCaseAndKeptAsGiven() {
    UserRecord ada = create("Ada@Example.com");

    assertThatThrownBy(() -> create("ada@example.COM"))
        .isInstanceOfSatisfying(DuplicateValueException.class, e -> {
          assertThat(e.kind()).isEqualTo("user");
          assertThat(e.field()).isEqualTo("email");
          assertThat(e.value()).isEqualTo("ada@example.COM");
        })
        .hasMessageContaining("ada@example.COM");
    assertThat(store.findByEmail("ADA@EXAMPLE.COM").orElseThrow().id()).isEqualTo(ada.id());
    assertThat(store.findByEmail("ADA@EXAMPLE.COM").orElseThrow().email()).isEqualTo("Ada@Example.com");
    assertThat(store.findByEmail("nobody@example.com")).isEmpty();
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void updateReplacesEveryFieldKeepingCreatedAtAndCountsTheVersion() {
    UserRecord created = create("old@example.com");
    clock.advance(Duration.ofHours(1));

    UserRecord updated = store.update(created.withEmail("New@Example.com").withDisplayName("New Name")
        .withRole("admin").withPasswordHash("h2").withDisabled(true), 1);

    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.createdAt()).isEqualTo(TestClock.START);
    assertThat(updated.updatedAt()).isEqualTo(TestClock.START.plus(Duration.ofHours(1)));
    UserRecord read = store.get(created.id()).orElseThrow();
    assertThat(read).isEqualTo(updated);
    assertThat(read.email()).isEqualTo("New@Example.com");
    assertThat(read.displayName()).isEqualTo("New Name");
    assertThat(read.role()).isEqualTo("admin");
    assertThat(read.passwordHash()).isEqualTo("h2");
    assertThat(read.disabled()).isTrue();
    // the old address is free again, the new one is taken
    assertThat(store.findByEmail("old@example.com")).isEmpty();
    assertThat(store.findByEmail("new@example.com").orElseThrow().id()).isEqualTo(created.id());
    assertThat(create("old@example.com").id()).isNotEqualTo(created.id());
  }

  @Test
  void updateMayChangeTheCaseOfTheUsersOwnEmail() {
    UserRecord created = create("ada@example.com");
    UserRecord updated = store.update(created.withEmail("ADA@example.com"), 1);
    assertThat(updated.email()).isEqualTo("ADA@example.com");
    assertThat(store.findByEmail("ada@EXAMPLE.com").orElseThrow().email()).isEqualTo("ADA@example.com");
  }

  @Test
  void updateToAnotherUsersEmailFailsAndChangesNothing() {
    UserRecord ada = create("ada@example.com");
    UserRecord bob = create("bob@example.com");

    assertThatThrownBy(() -> store.update(bob.withEmail("Ada@example.com"), 1))
        .isInstanceOfSatisfying(DuplicateValueException.class, e -> assertThat(e.field()).isEqualTo("email"))
        .hasMessageContaining("Ada@example.com");
    assertThat(store.get(bob.id()).orElseThrow().email()).isEqualTo("bob@example.com");
    assertThat(store.get(bob.id()).orElseThrow().version()).isEqualTo(1);
    assertThat(store.findByEmail("ada@example.com").orElseThrow().id()).isEqualTo(ada.id());
  }

  @Test
  void updateWithAStaleVersionFailsNamingBothVersionsAndChangesNothing() {
    UserRecord created = create("stale@example.com");
    store.update(created.withDisplayName("First"), 1);

    assertThatThrownBy(() -> store.update(created.withDisplayName("Second"), 1))
        .isInstanceOfSatisfying(StaleVersionException.class, e -> {
          assertThat(e.kind()).isEqualTo("user");
          assertThat(e.id()).isEqualTo(created.id());
          assertThat(e.expectedVersion()).isEqualTo(1);
          assertThat(e.actualVersion()).isEqualTo(2);
        })
        .hasMessageContaining(created.id());
    assertThat(store.get(created.id()).orElseThrow().displayName()).isEqualTo("First");
  }

  @Test
  void updateOfAMissingUserFailsNamingIt() {
    assertThatThrownBy(() -> store.update(UserRecord.of("x@example.com", null, "member", "h").withId("user-gone"), 1))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessageContaining("user-gone");
  }

  @Test
  void listPagesByEmailIgnoringCaseAndReportsTheTotal() {
    for (String email : List.of("delta@example.com", "Alpha@example.com", "charlie@example.com", "Bravo@example.com",
        "echo@example.com")) {
      create(email);
    }

    Page<UserRecord> first = store.list(0, 2);
    assertThat(first.items()).extracting(UserRecord::email).containsExactly("Alpha@example.com", "Bravo@example.com");
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.hasMore()).isTrue();
    Page<UserRecord> last = store.list(4, 2);
    assertThat(last.items()).extracting(UserRecord::email).containsExactly("echo@example.com");
    assertThat(last.hasMore()).isFalse();
    assertThat(store.list(10, 2).items()).isEmpty();
    assertThat(store.list(10, 2).total()).isEqualTo(5);
    assertThat(store.count()).isEqualTo(5);
  }

  @Test
  void deleteRemovesTheUserAndFreesTheEmail() {
    UserRecord created = create("gone@example.com");
    assertThat(store.delete(created.id())).isTrue();
    assertThat(store.delete(created.id())).isFalse();
    assertThat(store.get(created.id())).isEmpty();
    assertThat(store.findByEmail("gone@example.com")).isEmpty();
    assertThat(store.count()).isZero();
    assertThat(create("GONE@example.com").id()).isNotEqualTo(created.id());
  }

  @Test
  void recordsPrintWithoutTheirPasswordHash() {
    UserRecord created = store.create(UserRecord.of("a@example.com", null, "member", "$2a$10$SECRETHASHSECRETHASH"));
    assertThat(created.toString()).doesNotContain("SECRETHASH").contains("a@example.com");
  }

  @Test
  void ofSeveralCreatesRacingForOneEmailExactlyOneWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      String email = "race-" + round + "@example.com";
      List<Callable<UserRecord>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String spelled = t % 2 == 0 ? email : email.toUpperCase(java.util.Locale.ROOT);
        tasks.add(() -> store.create(UserRecord.of(spelled, null, "member", "h")));
      }
      List<Race.Outcome<UserRecord>> outcomes = Race.run(tasks);
      assertThat(outcomes.stream().filter(o -> o.error() == null)).as("round %d", round).hasSize(1);
      assertThat(outcomes.stream().filter(o -> o.error() != null))
          .allSatisfy(o -> assertThat(o.error()).isInstanceOf(DuplicateValueException.class));
    }
    assertThat(store.count()).isEqualTo(5);
  }

  @Test
  void ofSeveralUpdatesRacingWithOneVersionExactlyOneWins() throws Exception {
    UserRecord created = create("counter@example.com");
    List<Callable<UserRecord>> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String name = "racer " + t;
      tasks.add(() -> store.update(created.withDisplayName(name), 1));
    }
    List<Race.Outcome<UserRecord>> outcomes = Race.run(tasks);
    List<UserRecord> winners = outcomes.stream().filter(o -> o.error() == null).map(Race.Outcome::value).toList();
    assertThat(winners).hasSize(1);
    assertThat(outcomes.stream().filter(o -> o.error() != null))
        .allSatisfy(o -> assertThat(o.error()).isInstanceOf(StaleVersionException.class));
    UserRecord stored = store.get(created.id()).orElseThrow();
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.displayName()).isEqualTo(winners.get(0).displayName());
  }
}
