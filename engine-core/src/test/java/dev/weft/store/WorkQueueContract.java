package dev.weft.store;

import static dev.weft.store.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
 * What every {@link WorkQueue} must do. A backend's test extends this class and implements
 * {@link #newQueue(TestClock)}, returning an empty queue that takes delivery times and lease expiry from the given
 * clock.
 */
public abstract class WorkQueueContract {
  private static final Duration LEASE = Duration.ofSeconds(30);

  /** The clock handed to the queue under test. */
  protected TestClock clock;
  /** The queue under test, empty at the start of each test. */
  protected WorkQueue queue;

  /** An empty queue on {@code clock}. */
  protected abstract WorkQueue newQueue(TestClock clock) throws Exception;

  @BeforeEach
  void createQueue() throws Exception {
    clock = new TestClock();
    queue = newQueue(clock);
  }

  private static QueueMessage message(String executionId) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("executionId", executionId);
    payload.put("attemptsAllowed", 3L);
    payload.put("nested", new LinkedHashMap<>(Map.of("list", new ArrayList<>(List.of(1L, "two", true)))));
    return QueueMessage.of(payload);
  }

  private String enqueue(String executionId) {
    return queue.enqueue(message(executionId));
  }

  private static List<String> executionIds(List<Lease> leases) {
    return leases.stream().map(l -> (String) l.message().payload().get("executionId")).toList();
  }

  @Test
  void aClaimLeasesTheMessageToTheWorker() {
    String id = enqueue("e-1");

    List<Lease> leases = queue.claim("worker-a", 10, LEASE);

    assertThat(leases).hasSize(1);
    Lease lease = leases.get(0);
    assertThat(lease.messageId()).isEqualTo(id);
    assertThat(lease.workerId()).isEqualTo("worker-a");
    assertThat(lease.token()).isNotBlank();
    assertThat(lease.attempt()).isEqualTo(1);
    assertThat(lease.isLastAttempt()).isFalse();
    assertThat(lease.expiresAt()).isEqualTo(TestClock.START.plus(LEASE));
    assertThat(lease.duration()).isEqualTo(LEASE);
    assertThat(lease.message().deliverAt()).isEqualTo(TestClock.START);
    assertThat(lease.message().maxAttempts()).isEqualTo(QueueMessage.DEFAULT_MAX_ATTEMPTS);
    assertJsonEquals(message("e-1").payload(), lease.message().payload());
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void anEmptyQueueHandsOutNothing() {
    assertThat(queue.claim("worker-a", 5, LEASE)).isEmpty();
    assertThat(queue.size()).isZero();
  }

  @Test
  void aClaimOfNothingOrWithoutALeaseIsRefusedAndLeasesNothing() {
    enqueue("e-1");

    assertThatThrownBy(() -> queue.claim("worker-a", 0, LEASE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("worker-a").hasMessageContaining("0");
    assertThatThrownBy(() -> queue.claim("worker-a", 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
    assertThatThrownBy(() -> queue.claim("worker-a", 1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> queue.claim("worker-a", 1, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> queue.claim(null, 1, LEASE)).isInstanceOf(NullPointerException.class);

    assertThat(executionIds(queue.claim("worker-b", 1, LEASE))).containsExactly("e-1");
  }

  @Test
  void enqueueKeepsAGivenIdAndRefusesADuplicate() {
    assertThat(queue.enqueue(message("e-1").withId("exec-1"))).isEqualTo("exec-1");
    assertThatThrownBy(() -> queue.enqueue(message("e-2").withId("exec-1")))
        .isInstanceOf(DuplicateIdException.class)
        .hasMessageContaining("exec-1");
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void queuedPayloadsCannotBeChangedThroughMapsHandedInOrOut() {
    QueueMessage m = message("e-1");
    queue.enqueue(m);
    m.payload().put("executionId", "changed");
    ((Map<String, Object>) m.payload().get("nested")).clear();

    Lease lease = queue.claim("w", 1, LEASE).get(0);
    lease.message().payload().put("executionId", "changed via lease");
    queue.nack(lease, Duration.ZERO);

    assertJsonEquals(message("e-1").payload(), queue.claim("w", 1, LEASE).get(0).message().payload());
  }

  @Test
  void claimHonoursMaxMessages() {
    for (int i = 0; i < 5; i++) {
      enqueue("e-" + i);
    }
    assertThat(queue.claim("w", 2, LEASE)).hasSize(2);
    assertThat(queue.claim("w", 2, LEASE)).hasSize(2);
    assertThat(queue.claim("w", 2, LEASE)).hasSize(1);
    assertThat(queue.claim("w", 2, LEASE)).isEmpty();
    assertThat(queue.size()).isEqualTo(5);
  }

  @Test
  void claimOrderIsPriorityThenDeliveryTimeThenEnqueueOrder() {
    queue.enqueue(message("low-1"));
    queue.enqueue(message("high-late").withPriority(5).withDeliverAt(TestClock.START.minusSeconds(10)));
    queue.enqueue(message("low-2"));
    queue.enqueue(message("high-early").withPriority(5).withDeliverAt(TestClock.START.minusSeconds(20)));
    queue.enqueue(message("low-early").withDeliverAt(TestClock.START.minusSeconds(5)));
    queue.enqueue(message("negative").withPriority(-1));

    assertThat(executionIds(queue.claim("w", 10, LEASE)))
        .containsExactly("high-early", "high-late", "low-early", "low-1", "low-2", "negative");
  }

  @Test
  void aDelayedMessageIsNotClaimableBeforeItsDeliveryTime() {
    queue.enqueue(message("later").withDeliverAt(TestClock.START.plusSeconds(60)));
    enqueue("now");

    List<Lease> now = queue.claim("w", 10, LEASE);
    assertThat(executionIds(now)).containsExactly("now");
    queue.ack(now.get(0));
    clock.advance(Duration.ofSeconds(59));
    assertThat(queue.claim("w", 10, LEASE)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(executionIds(queue.claim("w", 10, LEASE))).containsExactly("later");
  }

  @Test
  void aLiveLeaseIsNeverHandedToAnotherWorker() {
    enqueue("e-1");
    Lease a = queue.claim("worker-a", 1, LEASE).get(0);

    assertThat(queue.claim("worker-b", 1, LEASE)).isEmpty();
    clock.advance(LEASE.minusMillis(1));
    assertThat(queue.claim("worker-b", 1, LEASE)).isEmpty();
    queue.ack(a);
    assertThat(queue.size()).isZero();
  }

  @Test
  void anExpiredLeaseMakesTheMessageClaimableAgainAndTheOldHolderLosesIt() {
    enqueue("e-1");
    Lease a = queue.claim("worker-a", 1, LEASE).get(0);
    clock.advance(LEASE);

    Lease b = queue.claim("worker-b", 1, LEASE).get(0);

    assertThat(b.messageId()).isEqualTo(a.messageId());
    assertThat(b.attempt()).isEqualTo(2);
    assertThat(b.token()).isNotEqualTo(a.token());
    assertThat(b.expiresAt()).isEqualTo(TestClock.START.plus(LEASE).plus(LEASE));
    assertThatThrownBy(() -> queue.ack(a))
        .isInstanceOf(LeaseLostException.class)
        .hasMessageContaining(a.messageId())
        .hasMessageContaining("worker-a");
    assertThatThrownBy(() -> queue.renew(a)).isInstanceOf(LeaseLostException.class);
    assertThatThrownBy(() -> queue.nack(a, Duration.ZERO)).isInstanceOf(LeaseLostException.class);
    queue.ack(b);
    assertThat(queue.size()).isZero();
  }

  @Test
  void anExpiredLeaseWhoseMessageWasNotClaimedAgainIsStillCurrent() {
    enqueue("e-1");
    Lease a = queue.claim("worker-a", 1, LEASE).get(0);
    clock.advance(LEASE.multipliedBy(3));

    Lease renewed = queue.renew(a);
    assertThat(renewed.expiresAt()).isEqualTo(clock.instant().plus(LEASE));
    assertThat(queue.claim("worker-b", 1, LEASE)).isEmpty();
    queue.ack(renewed);
    assertThat(queue.size()).isZero();
  }

  @Test
  void renewingKeepsTheMessageFromOtherWorkers() {
    enqueue("e-1");
    Lease a = queue.claim("worker-a", 1, LEASE).get(0);
    clock.advance(Duration.ofSeconds(20));

    Lease renewed = queue.renew(a);

    assertThat(renewed.expiresAt()).isEqualTo(TestClock.START.plusSeconds(20).plus(LEASE));
    assertThat(renewed.token()).isEqualTo(a.token());
    assertThat(renewed.attempt()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(20));
    assertThat(queue.claim("worker-b", 1, LEASE)).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(queue.claim("worker-b", 1, LEASE)).hasSize(1);
  }

  @Test
  void ackDeletesTheMessageOnce() {
    enqueue("e-1");
    enqueue("e-2");
    Lease lease = queue.claim("w", 1, LEASE).get(0);

    queue.ack(lease);

    assertThat(queue.size()).isEqualTo(1);
    assertThatThrownBy(() -> queue.ack(lease)).isInstanceOf(LeaseLostException.class);
    clock.advance(LEASE.multipliedBy(2));
    assertThat(executionIds(queue.claim("w", 10, LEASE))).containsExactly("e-2");
  }

  @Test
  void nackRedeliversAfterTheDelayCountingAttempts() {
    enqueue("e-1");
    Lease first = queue.claim("worker-a", 1, LEASE).get(0);

    queue.nack(first, Duration.ofSeconds(10), "HTTP 503");

    assertThatThrownBy(() -> queue.ack(first)).isInstanceOf(LeaseLostException.class);
    assertThat(queue.claim("worker-b", 1, LEASE)).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    Lease second = queue.claim("worker-b", 1, LEASE).get(0);
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.messageId()).isEqualTo(first.messageId());
    assertThat(queue.deadLetters(10)).isEmpty();
  }

  @Test
  void aNackOnTheLastAttemptDeadLettersTheMessage() {
    String id = queue.enqueue(message("poison").withMaxAttempts(2));
    Lease first = queue.claim("w", 1, LEASE).get(0);
    queue.nack(first, Duration.ZERO, "first failure");
    Lease second = queue.claim("w", 1, LEASE).get(0);
    assertThat(second.isLastAttempt()).isTrue();
    clock.advance(Duration.ofSeconds(3));

    queue.nack(second, Duration.ZERO, "Division by zero in node 'Code'");

    assertThat(queue.size()).isZero();
    assertThat(queue.claim("w", 1, LEASE)).isEmpty();
    List<DeadLetter> dead = queue.deadLetters(10);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).message().id()).isEqualTo(id);
    assertThat(dead.get(0).attempts()).isEqualTo(2);
    assertThat(dead.get(0).lastError()).isEqualTo("Division by zero in node 'Code'");
    assertThat(dead.get(0).failedAt()).isEqualTo(TestClock.START.plusSeconds(3));
    assertJsonEquals(message("poison").payload(), dead.get(0).message().payload());
    assertThatThrownBy(() -> queue.enqueue(message("again").withId(id)))
        .isInstanceOf(DuplicateIdException.class);
  }

  @Test
  void aLeaseThatExpiresOnTheLastAttemptDeadLettersTheMessage() {
    queue.enqueue(message("crashes-workers").withMaxAttempts(1));
    Lease only = queue.claim("worker-a", 1, LEASE).get(0);
    assertThat(only.isLastAttempt()).isTrue();
    clock.advance(LEASE);

    assertThat(queue.claim("worker-b", 1, LEASE)).isEmpty();

    List<DeadLetter> dead = queue.deadLetters(10);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).attempts()).isEqualTo(1);
    assertThat(dead.get(0).lastError()).contains("worker-a").contains("expired");
    assertThat(queue.size()).isZero();
    assertThatThrownBy(() -> queue.ack(only)).isInstanceOf(LeaseLostException.class);
  }

  @Test
  void deadLettersCanBeRetriedOrDeleted() {
    String retried = queue.enqueue(message("retry-me").withMaxAttempts(1));
    String deleted = queue.enqueue(message("delete-me").withMaxAttempts(1));
    for (Lease l : queue.claim("w", 2, LEASE)) {
      queue.nack(l, Duration.ZERO);
    }
    assertThat(queue.deadLetters(10)).hasSize(2);
    assertThat(queue.deadLetters(1)).hasSize(1);
    clock.advance(Duration.ofMinutes(1));

    assertThat(queue.retryDeadLetter(retried)).isTrue();
    assertThat(queue.retryDeadLetter(retried)).isFalse();
    assertThat(queue.deleteDeadLetter(deleted)).isTrue();
    assertThat(queue.deleteDeadLetter(deleted)).isFalse();

    assertThat(queue.deadLetters(10)).isEmpty();
    assertThat(queue.size()).isEqualTo(1);
    Lease again = queue.claim("w", 5, LEASE).get(0);
    assertThat(again.messageId()).isEqualTo(retried);
    assertThat(again.attempt()).isEqualTo(1);
    assertJsonEquals(message("retry-me").payload(), again.message().payload());
  }

  @Test
  void deadLettersAreOldestFailureFirst() {
    String first = queue.enqueue(message("a").withMaxAttempts(1));
    String second = queue.enqueue(message("b").withMaxAttempts(1));
    List<Lease> leases = queue.claim("w", 2, LEASE);
    queue.nack(leases.get(1), Duration.ZERO, "second fails first");
    clock.advance(Duration.ofSeconds(1));
    queue.nack(leases.get(0), Duration.ZERO, "first fails later");

    assertThat(queue.deadLetters(10)).extracting(d -> d.message().id()).containsExactly(second, first);
  }

  @Test
  void badClaimArgumentsAreRefusedNamingTheWorker() {
    assertThatThrownBy(() -> queue.claim("worker-x", 0, LEASE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("worker-x");
    assertThatThrownBy(() -> queue.claim("worker-x", 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("worker-x");
  }

  @Test
  void racingClaimersNeverShareAMessage() throws Exception {
    int messages = 300;
    for (int i = 0; i < messages; i++) {
      enqueue("e-" + i);
    }
    List<Callable<List<String>>> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String worker = "worker-" + w;
      workers.add(() -> {
        List<String> mine = new ArrayList<>();
        while (true) {
          List<Lease> leases = queue.claim(worker, 3, Duration.ofHours(1));
          if (leases.isEmpty()) {
            return mine;
          }
          for (Lease l : leases) {
            mine.add(l.messageId());
          }
        }
      });
    }

    List<Race.Outcome<List<String>>> outcomes = Race.run(workers);

    Set<String> seen = new HashSet<>();
    int total = 0;
    for (Race.Outcome<List<String>> o : outcomes) {
      assertThat(o.error()).isNull();
      total += o.value().size();
      seen.addAll(o.value());
    }
    assertThat(total).isEqualTo(messages);
    assertThat(seen).hasSize(messages);
  }

  @Test
  void ofWorkersRacingForOneMessageExactlyOneGetsIt() throws Exception {
    enqueue("only");
    List<Callable<List<Lease>>> workers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      String worker = "worker-" + w;
      workers.add(() -> queue.claim(worker, 1, LEASE));
    }

    List<Race.Outcome<List<Lease>>> outcomes = Race.run(workers);

    assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).isNull());
    assertThat(outcomes.stream().mapToInt(o -> o.value().size()).sum()).isEqualTo(1);
  }

  @Test
  void racingAcksAndClaimsLoseNoWork() throws Exception {
    int messages = 200;
    for (int i = 0; i < messages; i++) {
      enqueue("e-" + i);
    }
    List<Callable<Integer>> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String worker = "worker-" + w;
      workers.add(() -> {
        int done = 0;
        while (true) {
          List<Lease> leases = queue.claim(worker, 2, Duration.ofHours(1));
          if (leases.isEmpty()) {
            return done;
          }
          for (Lease l : leases) {
            if (l.attempt() == 1 && l.messageId().hashCode() % 4 == 0) {
              queue.nack(l, Duration.ZERO, "try again");
            } else {
              queue.ack(l);
              done++;
            }
          }
        }
      });
    }

    List<Race.Outcome<Integer>> outcomes = Race.run(workers);

    assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).isNull());
    assertThat(outcomes.stream().mapToInt(Race.Outcome::value).sum()).isEqualTo(messages);
    assertThat(queue.size()).isZero();
    assertThat(queue.deadLetters(10)).isEmpty();
  }
}
