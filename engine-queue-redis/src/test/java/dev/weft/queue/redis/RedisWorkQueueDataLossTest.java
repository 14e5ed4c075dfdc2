package dev.weft.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.store.DuplicateIdException;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.InMemoryExecutionStore;
import dev.weft.store.Lease;
import dev.weft.store.QueueMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Redis coming back without its data (a restart without persistence): simulated by deleting the queue's keys, which
 * is what such a restart does to them. Leases held through it stay their holders', and a repair re-queues from the
 * execution store.
 */
class RedisWorkQueueDataLossTest extends RedisQueueTestCase {
  @Override
  String queueNamePrefix() {
    return "loss-";
  }

  private static QueueMessage start(String executionId) {
    return new QueueMessage(executionId, Map.of("executionId", executionId, "action", "start"), 10, null, 5);
  }

  @Test
  void aLeaseHeldThroughTheLossIsStillItsHoldersAndCanBeRenewedAndAcked() {
    queue.enqueue(start("e-1"));
    Lease held = queue.claim("worker-a", 1, LEASE).get(0);

    queue.deleteAll();
    assertThat(queue.claim("worker-b", 1, LEASE)).isEmpty();

    Lease renewed = queue.renew(held);
    assertThat(queue.size()).isEqualTo(1);
    clock.advance(LEASE.minusSeconds(1));
    assertThat(queue.claim("worker-b", 1, LEASE)).as("the re-created lease is live").isEmpty();
    queue.ack(renewed);
    assertThat(queue.size()).isZero();
  }

  @Test
  void anAckOrNackAfterTheLossSucceeds() {
    queue.enqueue(start("e-1"));
    queue.enqueue(start("e-2"));
    List<Lease> leases = queue.claim("worker-a", 2, LEASE);

    queue.deleteAll();
    queue.ack(leases.get(0));
    queue.nack(leases.get(1), Duration.ZERO, "try again");

    Lease again = queue.claim("worker-b", 5, LEASE).get(0);
    assertThat(again.messageId()).isEqualTo(leases.get(1).messageId());
    assertThat(again.attempt()).isEqualTo(2);
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void aLeaseFromBeforeTheLossDoesNotTakeAMessageClaimedSince() {
    queue.enqueue(start("e-1"));
    Lease old = queue.claim("worker-a", 1, LEASE).get(0);
    queue.deleteAll();
    queue.enqueue(start("e-1"));
    Lease fresh = queue.claim("worker-b", 1, LEASE).get(0);

    assertThatThrownBy(() -> queue.renew(old)).isInstanceOf(dev.weft.store.LeaseLostException.class);
    queue.ack(fresh);
  }

  @Test
  void theFirstClaimAfterTheLossRequeuesNewAbandonedAndWaitingExecutionsFromTheStore() throws Exception {
    InMemoryExecutionStore store = new InMemoryExecutionStore(clock);
    Instant now = clock.instant();
    store.create(record("new-1", ExecutionRecord.Status.NEW, "manual", null));
    store.create(record("running-1", ExecutionRecord.Status.RUNNING, "trigger", null,
        Map.of("heartbeatAt", now.minusSeconds(60).toString())));
    store.create(record("running-alive", ExecutionRecord.Status.RUNNING, "trigger", null,
        Map.of("heartbeatAt", now.minusSeconds(5).toString())));
    store.create(record("waiting-1", ExecutionRecord.Status.WAITING, "trigger", now.plusSeconds(60)));
    store.create(record("done-1", ExecutionRecord.Status.SUCCESS, "manual", null));
    queue.repairFrom(store);
    queue.enqueue(start("new-1"));
    assertThat(queue.claim("worker-a", 1, LEASE)).hasSize(1); // this instance has worked on the data set
    queue.deleteAll();

    assertThat(queue.claim("worker-b", 10, LEASE)).isEmpty(); // finds the loss and starts the repair
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (queue.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(queue.size()).isEqualTo(3);

    // an enqueue that waited out the outage for the same message finds the repaired one and succeeds
    assertThat(queue.enqueue(start("new-1"))).isEqualTo("new-1");
    assertThatThrownBy(() -> queue.enqueue(start("new-1").withPriority(0)))
        .as("a different message under that id is still a duplicate").isInstanceOf(DuplicateIdException.class);

    List<Lease> now1 = queue.claim("worker-a", 10, LEASE);
    assertThat(now1).as("a running execution whose worker still beats is left to it")
        .extracting(Lease::messageId).containsExactly("new-1", "running-1");
    assertThat(now1.get(0).message().priority()).as("manual runs first").isEqualTo(10);
    now1.forEach(queue::ack);
    clock.advance(Duration.ofSeconds(60));
    Lease wake = queue.claim("worker-a", 10, LEASE).get(0);
    assertThat(wake.messageId()).startsWith("waiting-1#wake#");
    assertThat(wake.message().payload()).isEqualTo(Map.of("executionId", "waiting-1", "action", "wake"));
  }

  private ExecutionRecord record(String id, ExecutionRecord.Status status, String mode, Instant waitUntil) {
    return record(id, status, mode, waitUntil, Map.of());
  }

  private ExecutionRecord record(String id, ExecutionRecord.Status status, String mode, Instant waitUntil,
      Map<String, Object> data) {
    return new ExecutionRecord(id, "wf-1", "workflow", status, mode, clock.instant(), null, waitUntil, null, null,
        null, Map.of(), data, 0);
  }
}
