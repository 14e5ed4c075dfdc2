package dev.weft.store;

import static dev.weft.store.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WorkflowStore} must do. A backend's test extends this class and implements
 * {@link #newStore(TestClock)}, returning an empty store that takes its timestamps from the given clock.
 */
public abstract class WorkflowStoreContract {

  /** The clock handed to the store under test. */
  protected TestClock clock;
  /** The store under test, empty at the start of each test. */
  protected WorkflowStore store;

  /** An empty store on {@code clock}. */
  protected abstract WorkflowStore newStore(TestClock clock) throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    clock = new TestClock();
    store = newStore(clock);
  }

  /** A small workflow definition with nested JSON of every kind. */
  protected static Map<String, Object> definition(String marker) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("name", "Set " + marker);
    node.put("type", "weft.set");
    node.put("position", new ArrayList<>(List.of(100L, 200L)));
    node.put("parameters", new LinkedHashMap<>(Map.of("keep", true, "ratio", 0.25)));
    node.put("notes", null);
    Map<String, Object> def = new LinkedHashMap<>();
    def.put("nodes", new ArrayList<>(List.of(node)));
    def.put("connections", new LinkedHashMap<>());
    def.put("marker", marker);
    def.put("unicode", "grüße ✓ \"quoted\" \\ back");
    return def;
  }

  private WorkflowRecord create(String name, String owner, boolean active) {
    return store.create(WorkflowRecord.of(name, definition(name)).withOwnerId(owner).withActive(active));
  }

  @Test
  void createAssignsIdVersionOneAndTimestampsFromTheClock() {
    WorkflowRecord created = store.create(WorkflowRecord.of("Orders", definition("a")).withOwnerId("u1"));

    assertThat(created.id()).isNotBlank();
    assertThat(created.version()).isEqualTo(1);
    assertThat(created.createdAt()).isEqualTo(TestClock.START);
    assertThat(created.updatedAt()).isEqualTo(TestClock.START);
    assertThat(created.name()).isEqualTo("Orders");
    assertThat(created.ownerId()).isEqualTo("u1");
    assertThat(created.active()).isFalse();
    assertJsonEquals(definition("a"), created.definition());

    WorkflowRecord read = store.get(created.id()).orElseThrow();
    assertThat(read.id()).isEqualTo(created.id());
    assertThat(read.version()).isEqualTo(1);
    assertThat(read.createdAt()).isEqualTo(TestClock.START);
    assertThat(read.ownerId()).isEqualTo("u1");
    assertJsonEquals(definition("a"), read.definition());
  }

  @Test
  void createGivesEveryWorkflowItsOwnId() {
    WorkflowRecord a = create("A", null, false);
    WorkflowRecord b = create("A", null, false);
    assertThat(a.id()).isNotEqualTo(b.id());
  }

  @Test
  void createKeepsAGivenIdAndRefusesADuplicate() {
    WorkflowRecord created = store.create(WorkflowRecord.of("Given", definition("g")).withId("wf-given-1"));
    assertThat(created.id()).isEqualTo("wf-given-1");

    assertThatThrownBy(() -> store.create(WorkflowRecord.of("Other", definition("o")).withId("wf-given-1")))
        .isInstanceOf(DuplicateIdException.class)
        .hasMessageContaining("wf-given-1");
    assertThat(store.get("wf-given-1").orElseThrow().name()).isEqualTo("Given");
  }

  @Test
  @SuppressWarnings("unchecked")
  void storedStateCannotBeChangedThroughMapsHandedInOrOut() {
    Map<String, Object> def = definition("x");
    WorkflowRecord created = store.create(WorkflowRecord.of("Copy", def));
    def.put("marker", "changed after create");
    ((List<Object>) def.get("nodes")).clear();
    created.definition().put("marker", "changed through the returned record");

    WorkflowRecord read = store.get(created.id()).orElseThrow();
    read.definition().put("marker", "changed through a read record");
    ((Map<String, Object>) ((List<Object>) read.definition().get("nodes")).get(0)).put("name", "changed");

    assertJsonEquals(definition("x"), store.get(created.id()).orElseThrow().definition());
    assertJsonEquals(definition("x"), store.versions(created.id()).get(0).definition());
  }

  @Test
  void updateReplacesTheStateIncrementsTheVersionAndKeepsCreatedAt() {
    WorkflowRecord created = create("Before", "u1", false);
    clock.advance(Duration.ofMinutes(5));

    WorkflowRecord updated = store.update(
        created.withName("After").withDefinition(definition("b")).withActive(true).withOwnerId("u2"), 1);

    assertThat(updated.id()).isEqualTo(created.id());
    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.createdAt()).isEqualTo(TestClock.START);
    assertThat(updated.updatedAt()).isEqualTo(TestClock.START.plus(Duration.ofMinutes(5)));
    WorkflowRecord read = store.get(created.id()).orElseThrow();
    assertThat(read.name()).isEqualTo("After");
    assertThat(read.active()).isTrue();
    assertThat(read.ownerId()).isEqualTo("u2");
    assertThat(read.version()).isEqualTo(2);
    assertThat(read.createdAt()).isEqualTo(TestClock.START);
    assertThat(read.updatedAt()).isEqualTo(TestClock.START.plus(Duration.ofMinutes(5)));
    assertJsonEquals(definition("b"), read.definition());
  }

  @Test
  void updateIgnoresTheVersionInsideTheRecord() {
    WorkflowRecord created = create("V", null, false);
    WorkflowRecord claimsVersion9 = new WorkflowRecord(created.id(), "V2", definition("v"), false, 9, null,
        null, null);
    assertThat(store.update(claimsVersion9, 1).version()).isEqualTo(2);
  }

  @Test
  void updateWithAStaleVersionFailsNamingBothVersionsAndChangesNothing() {
    WorkflowRecord created = create("Stale", null, false);
    store.update(created.withName("First"), 1);

    assertThatThrownBy(() -> store.update(created.withName("Second"), 1))
        .isInstanceOfSatisfying(StaleVersionException.class, e -> {
          assertThat(e.id()).isEqualTo(created.id());
          assertThat(e.kind()).isEqualTo("workflow");
          assertThat(e.expectedVersion()).isEqualTo(1);
          assertThat(e.actualVersion()).isEqualTo(2);
        })
        .hasMessageContaining(created.id())
        .hasMessageContaining("expected version 1")
        .hasMessageContaining("stored version is 2");
    assertThat(store.get(created.id()).orElseThrow().name()).isEqualTo("First");
    assertThat(store.versions(created.id())).hasSize(2);
  }

  @Test
  void updateOfAMissingWorkflowFailsNamingIt() {
    assertThatThrownBy(() -> store.update(WorkflowRecord.of("Ghost", definition("g")).withId("no-such-wf"), 1))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessageContaining("no-such-wf");
  }

  @Test
  void versionsRecordEveryCreateAndUpdateNewestFirst() {
    WorkflowRecord created = create("History", null, false);
    clock.advance(Duration.ofSeconds(1));
    store.update(created.withDefinition(definition("v2")), 1);
    clock.advance(Duration.ofSeconds(1));
    store.update(created.withName("History renamed").withDefinition(definition("v3")).withActive(true), 2);

    List<WorkflowVersion> versions = store.versions(created.id());
    assertThat(versions).extracting(WorkflowVersion::version).containsExactly(3L, 2L, 1L);
    assertThat(versions).extracting(WorkflowVersion::workflowId).containsOnly(created.id());
    assertThat(versions.get(0).name()).isEqualTo("History renamed");
    assertThat(versions.get(0).active()).isTrue();
    assertThat(versions.get(2).active()).isFalse();
    assertThat(versions.get(0).savedAt()).isEqualTo(TestClock.START.plusSeconds(2));
    assertThat(versions.get(2).savedAt()).isEqualTo(TestClock.START);
    assertJsonEquals(definition("v3"), versions.get(0).definition());
    assertJsonEquals(definition("v2"), versions.get(1).definition());
    assertJsonEquals(definition("History"), versions.get(2).definition());
  }

  @Test
  void unknownIdsReadAsAbsent() {
    assertThat(store.get("no-such-wf")).isEmpty();
    assertThat(store.versions("no-such-wf")).isEmpty();
    assertThat(store.delete("no-such-wf")).isFalse();
  }

  @Test
  void deleteRemovesTheWorkflowAndItsHistory() {
    WorkflowRecord a = create("A", null, true);
    WorkflowRecord b = create("B", null, true);
    store.update(a.withName("A2"), 1);

    assertThat(store.delete(a.id())).isTrue();
    assertThat(store.delete(a.id())).isFalse();
    assertThat(store.get(a.id())).isEmpty();
    assertThat(store.versions(a.id())).isEmpty();
    assertThat(store.activeWorkflows()).extracting(WorkflowRecord::id).containsExactly(b.id());
    assertThat(store.list(WorkflowQuery.all()).total()).isEqualTo(1);
  }

  @Test
  void listOrdersByNameIgnoringCaseAndFilters() {
    create("beta report", "alice", true);
    create("Alpha Orders", "alice", false);
    create("gamma ORDERS sync", "bob", true);
    create("Delta", "bob", false);

    assertThat(store.list(WorkflowQuery.all()).items()).extracting(WorkflowRecord::name)
        .containsExactly("Alpha Orders", "beta report", "Delta", "gamma ORDERS sync");
    assertThat(store.list(WorkflowQuery.all().owner("alice")).items()).extracting(WorkflowRecord::name)
        .containsExactly("Alpha Orders", "beta report");
    assertThat(store.list(WorkflowQuery.all().nameContaining("orders")).items()).extracting(WorkflowRecord::name)
        .containsExactly("Alpha Orders", "gamma ORDERS sync");
    assertThat(store.list(WorkflowQuery.all().activeOnly(true)).items()).extracting(WorkflowRecord::name)
        .containsExactly("beta report", "gamma ORDERS sync");
    assertThat(store.list(WorkflowQuery.all().activeOnly(false).owner("bob")).items())
        .extracting(WorkflowRecord::name).containsExactly("Delta");
    assertThat(store.list(WorkflowQuery.all().nameContaining("nothing like this")).items()).isEmpty();
  }

  @Test
  void listTreatsLikeWildcardsInTheSearchTextLiterally() {
    create("100% done", null, false);
    create("1000 done", null, false);
    create("a_b", null, false);
    create("axb", null, false);

    assertThat(store.list(WorkflowQuery.all().nameContaining("0%")).items()).extracting(WorkflowRecord::name)
        .containsExactly("100% done");
    assertThat(store.list(WorkflowQuery.all().nameContaining("a_")).items()).extracting(WorkflowRecord::name)
        .containsExactly("a_b");
  }

  @Test
  void listPagesReportTheTotal() {
    for (int i = 0; i < 7; i++) {
      create("wf-" + i, "owner", false);
    }
    create("someone else's", "other", false);

    Page<WorkflowRecord> first = store.list(WorkflowQuery.all().owner("owner").page(0, 3));
    Page<WorkflowRecord> last = store.list(WorkflowQuery.all().owner("owner").page(6, 3));
    Page<WorkflowRecord> beyond = store.list(WorkflowQuery.all().owner("owner").page(10, 3));

    assertThat(first.items()).extracting(WorkflowRecord::name).containsExactly("wf-0", "wf-1", "wf-2");
    assertThat(first.total()).isEqualTo(7);
    assertThat(first.hasMore()).isTrue();
    assertThat(last.items()).extracting(WorkflowRecord::name).containsExactly("wf-6");
    assertThat(last.total()).isEqualTo(7);
    assertThat(last.hasMore()).isFalse();
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.total()).isEqualTo(7);
  }

  @Test
  void activeWorkflowsAreTheActiveOnesOrderedById() {
    WorkflowRecord a = store.create(WorkflowRecord.of("a", definition("a")).withId("wf-3").withActive(true));
    store.create(WorkflowRecord.of("b", definition("b")).withId("wf-1"));
    store.create(WorkflowRecord.of("c", definition("c")).withId("wf-2").withActive(true));
    store.update(a.withActive(false), 1);
    WorkflowRecord d = store.create(WorkflowRecord.of("d", definition("d")).withId("wf-0"));
    store.update(d.withActive(true), 1);

    assertThat(store.activeWorkflows()).extracting(WorkflowRecord::id).containsExactly("wf-0", "wf-2");
  }

  @Test
  void ofRacingUpdatesWithTheSameVersionExactlyOneWins() throws Exception {
    int racers = 8;
    for (int round = 0; round < 25; round++) {
      WorkflowRecord created = create("Race " + round, null, false);
      List<Callable<WorkflowRecord>> tasks = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        String name = "winner-" + i;
        tasks.add(() -> store.update(created.withName(name), 1));
      }

      List<Race.Outcome<WorkflowRecord>> outcomes = Race.run(tasks);

      List<WorkflowRecord> winners = outcomes.stream().filter(o -> o.error() == null).map(Race.Outcome::value)
          .toList();
      assertThat(winners).as("round %d", round).hasSize(1);
      assertThat(outcomes.stream().filter(o -> o.error() != null))
          .hasSize(racers - 1)
          .allSatisfy(o -> assertThat(o.error()).isInstanceOf(StaleVersionException.class));
      WorkflowRecord stored = store.get(created.id()).orElseThrow();
      assertThat(stored.version()).isEqualTo(2);
      assertThat(stored.name()).isEqualTo(winners.get(0).name());
      assertThat(store.versions(created.id())).hasSize(2);
    }
  }

  @Test
  void sequentialUpdatesFromManyThreadsAllLandWhenEachRetriesOnStaleVersions() throws Exception {
    WorkflowRecord created = create("Counter", null, false);
    int threads = 4;
    int perThread = 100;
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      tasks.add(() -> {
        int retries = 0;
        for (int i = 0; i < perThread; i++) {
          while (true) {
            WorkflowRecord current = store.get(created.id()).orElseThrow();
            Map<String, Object> def = current.definition();
            long count = ((Number) def.getOrDefault("count", 0L)).longValue();
            Map<String, Object> next = new LinkedHashMap<>(def);
            next.put("count", count + 1);
            try {
              store.update(current.withDefinition(next), current.version());
              break;
            } catch (StaleVersionException e) {
              retries++;
            }
          }
        }
        return retries;
      });
    }

    List<Race.Outcome<Integer>> outcomes = Race.run(tasks);

    assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).isNull());
    WorkflowRecord stored = store.get(created.id()).orElseThrow();
    assertThat(((Number) stored.definition().get("count")).longValue()).isEqualTo(threads * perThread);
    assertThat(stored.version()).isEqualTo(1 + threads * perThread);
  }
}
