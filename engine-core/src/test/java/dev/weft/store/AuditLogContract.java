package dev.weft.store;

import static dev.weft.store.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do. A backend's test extends this class and implements {@link #newLog(TestClock)},
 * returning an empty log that takes its times from the given clock.
 */
public abstract class AuditLogContract {

  /** The clock handed to the log under test. */
  protected TestClock clock;
  /** The log under test, empty at the start of each test. */
  protected AuditLog log;

  /** An empty log on {@code clock}. */
  protected abstract AuditLog newLog(TestClock clock) throws Exception;

  @BeforeEach
  void createLog() throws Exception {
    clock = new TestClock();
    log = newLog(clock);
  }

  private AuditEntry append(String actor, String action, String type, String id) {
    return log.append(AuditEntry.of(actor, action, type, id, Map.of()));
  }

  private List<String> actions(AuditQuery q) {
    return log.query(q).items().stream().map(AuditEntry::action).toList();
  }

  @Test
  void appendSetsIdAndTimeAndKeepsEveryField() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", "Orders");
    details.put("version", 3);
    details.put("ratio", 0.5);
    details.put("active", true);
    details.put("nothing", null);
    details.put("nodes", List.of("Start", Map.of("name", "Set", "params", List.of(1, 2))));

    AuditEntry stored = log.append(new AuditEntry(99, Instant.EPOCH, "user-1", "workflow.update", "workflow", "wf-1",
        details));

    assertThat(stored.id()).isPositive();
    assertThat(stored.at()).isEqualTo(TestClock.START);
    Page<AuditEntry> page = log.query(AuditQuery.all());
    assertThat(page.total()).isEqualTo(1);
    AuditEntry read = page.items().get(0);
    assertThat(read.id()).isEqualTo(stored.id());
    assertThat(read.at()).isEqualTo(TestClock.START);
    assertThat(read.actor()).isEqualTo("user-1");
    assertThat(read.action()).isEqualTo("workflow.update");
    assertThat(read.targetType()).isEqualTo("workflow");
    assertThat(read.targetId()).isEqualTo("wf-1");
    assertJsonEquals(details, read.details());
    assertThat(read.details().keySet()).containsExactly("name", "version", "ratio", "active", "nothing", "nodes");
  }

  @Test
  void anEntryWithoutTargetOrDetailsIsKept() {
    log.append(AuditEntry.of(AuditEntry.SYSTEM, "audit.prune", null, null, null));
    AuditEntry read = log.query(AuditQuery.all()).items().get(0);
    assertThat(read.actor()).isEqualTo("system");
    assertThat(read.targetType()).isNull();
    assertThat(read.targetId()).isNull();
    assertThat(read.details()).isEmpty();
  }

  @Test
  void theLogHoldsCopies() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", "before");
    log.append(AuditEntry.of("u", "workflow.create", "workflow", "wf-1", details));
    details.put("name", "after");

    AuditEntry read = log.query(AuditQuery.all()).items().get(0);
    assertThat(read.details()).containsEntry("name", "before");
    read.details().put("name", "changed by a reader");
    assertThat(log.query(AuditQuery.all()).items().get(0).details()).containsEntry("name", "before");
  }

  @Test
  void idsAscendInAppendOrder() {
    long a = append("u", "a.one", null, null).id();
    long b = append("u", "a.two", null, null).id();
    long c = append("u", "a.three", null, null).id();
    assertThat(a).isLessThan(b);
    assertThat(b).isLessThan(c);
  }

  @Test
  void queryOrdersNewestFirstByTimeThenIdAndPages() {
    append("u", "first", null, null);
    clock.advance(Duration.ofSeconds(1));
    append("u", "second", null, null);
    append("u", "third", null, null); // same time as second: the later id comes first
    clock.advance(Duration.ofMillis(1));
    append("u", "fourth", null, null);

    assertThat(actions(AuditQuery.all())).containsExactly("fourth", "third", "second", "first");
    Page<AuditEntry> page = log.query(AuditQuery.all().page(1, 2));
    assertThat(page.items()).extracting(AuditEntry::action).containsExactly("third", "second");
    assertThat(page.total()).isEqualTo(4);
    assertThat(page.hasMore()).isTrue();
    assertThat(log.query(AuditQuery.all().page(8, 2)).items()).isEmpty();
  }

  @Test
  void queryFiltersByTimeRangeActorActionAndTarget() {
    append("alice", "workflow.create", "workflow", "wf-1");
    clock.advance(Duration.ofMinutes(1));
    append("alice", "workflow.update", "workflow", "wf-1");
    clock.advance(Duration.ofMinutes(1));
    append("bob", "credential.create", "credential", "cred-1");
    clock.advance(Duration.ofMinutes(1));
    append("bob", "workflow.activate", "workflow", "wf-2");
    clock.advance(Duration.ofMinutes(1));
    append(AuditEntry.SYSTEM, "workflow.deactivate", "workflow", "wf-1");
    Instant t1 = TestClock.START.plus(Duration.ofMinutes(1));
    Instant t3 = TestClock.START.plus(Duration.ofMinutes(3));

    assertThat(actions(AuditQuery.all().between(t1, t3)))
        .containsExactly("credential.create", "workflow.update");
    assertThat(actions(AuditQuery.all().between(t3, null)))
        .containsExactly("workflow.deactivate", "workflow.activate");
    assertThat(actions(AuditQuery.all().between(null, t1))).containsExactly("workflow.create");
    assertThat(actions(AuditQuery.all().byActor("bob"))).containsExactly("workflow.activate", "credential.create");
    assertThat(actions(AuditQuery.all().withAction("workflow.update"))).containsExactly("workflow.update");
    assertThat(actions(AuditQuery.all().withAction("workflow.")))
        .containsExactly("workflow.deactivate", "workflow.activate", "workflow.update", "workflow.create");
    assertThat(actions(AuditQuery.all().withAction("workflow"))).isEmpty();
    assertThat(actions(AuditQuery.all().onTarget("workflow", "wf-1")))
        .containsExactly("workflow.deactivate", "workflow.update", "workflow.create");
    assertThat(actions(AuditQuery.all().onTarget("credential", null))).containsExactly("credential.create");
    assertThat(actions(AuditQuery.all().byActor("alice").withAction("workflow.").onTarget("workflow", "wf-1")
        .between(t1, null))).containsExactly("workflow.update");
    assertThat(log.query(AuditQuery.all().byActor("alice").page(0, 1)).total()).isEqualTo(2);
    assertThat(log.query(AuditQuery.all().byActor("carol")).total()).isZero();
  }

  @Test
  void aPrefixFilterTakesItsTextLiterally() {
    append("u", "workflow.update", null, null);
    append("u", "workflowXupdate", null, null);
    append("u", "work%.x", null, null);
    assertThat(actions(AuditQuery.all().withAction("work%."))).containsExactly("work%.x");
    assertThat(actions(AuditQuery.all().withAction("workflow."))).containsExactly("workflow.update");
  }

  @Test
  void pruneDeletesExactlyTheOlderEntriesInBatches() {
    for (int i = 0; i < 7; i++) {
      append("u", "old." + i, null, null);
      clock.advance(Duration.ofSeconds(1));
    }
    Instant cut = clock.instant();
    append("u", "at.cut", null, null);
    clock.advance(Duration.ofDays(1));
    append("u", "new", null, null);

    assertThat(log.prune(cut, 2)).isEqualTo(7);
    assertThat(actions(AuditQuery.all())).containsExactly("new", "at.cut");
    assertThat(log.prune(cut, 2)).isZero();
  }

  @Test
  void concurrentAppendsAllLandWithDistinctIds() throws Exception {
    List<Callable<List<Long>>> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String actor = "user-" + t;
      tasks.add(() -> {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
          ids.add(log.append(AuditEntry.of(actor, "user.login", "user", actor, Map.of("n", i))).id());
        }
        return ids;
      });
    }
    Set<Long> all = new HashSet<>();
    for (Race.Outcome<List<Long>> o : Race.run(tasks)) {
      assertThat(o.error()).isNull();
      all.addAll(o.value());
    }
    assertThat(all).hasSize(100);
    assertThat(log.query(AuditQuery.all()).total()).isEqualTo(100);
    assertThat(log.query(AuditQuery.all().byActor("user-2")).total()).isEqualTo(25);
  }
}
