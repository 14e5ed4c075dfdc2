package dev.weft.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.store.Lease;
import dev.weft.store.QueueMessage;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;

/** What the Redis queue adds to the contract: per-workflow concurrency limits, and no keys left behind. */
class RedisWorkQueueLimitsTest extends RedisQueueTestCase {
  @Override
  String queueNamePrefix() {
    return "limits-";
  }

  private String enqueue(String workflowId, String name, int priority) {
    return queue.enqueue(QueueMessage.of(Map.of("workflowId", workflowId, "name", name)).withPriority(priority));
  }

  private static List<String> names(List<Lease> leases) {
    return leases.stream().map(l -> (String) l.message().payload().get("name")).toList();
  }

  @Test
  void aFullWorkflowIsPassedOverWithoutBlockingOthers() {
    queue.setConcurrencyLimit("A", 2);
    for (int i = 1; i <= 4; i++) {
      enqueue("A", "a" + i, 0);
    }
    enqueue("B", "b1", 0);
    enqueue("B", "b2", 0);

    assertThat(names(queue.claim("w", 10, LEASE))).containsExactly("a1", "a2", "b1", "b2");
    assertThat(queue.claim("w", 10, LEASE)).isEmpty();
    assertThat(queue.size()).isEqualTo(6);
  }

  @Test
  void aSlotFreedByAckNackOrExpiryLetsTheNextMessageOfTheWorkflowIn() {
    queue.setConcurrencyLimit("A", 1);
    for (int i = 1; i <= 4; i++) {
      enqueue("A", "a" + i, 0);
    }
    Lease first = queue.claim("w", 10, LEASE).get(0);
    assertThat(names(List.of(first))).containsExactly("a1");
    assertThat(queue.claim("w", 10, LEASE)).isEmpty();

    queue.ack(first);
    Lease second = queue.claim("w", 10, LEASE).get(0);
    assertThat(names(List.of(second))).containsExactly("a2");

    queue.nack(second, Duration.ofSeconds(5), "later");
    Lease third = queue.claim("w", 10, LEASE).get(0);
    assertThat(names(List.of(third))).containsExactly("a3");

    clock.advance(LEASE);
    // a3's lease expired, which frees its slot; a3 keeps its place in line, ahead of a2 (due again only since 5 s)
    List<Lease> next = queue.claim("w", 10, LEASE);
    assertThat(names(next)).containsExactly("a3");
    assertThat(next.get(0).attempt()).isEqualTo(2);
  }

  @Test
  void parkedMessagesKeepTheirPriorityOrder() {
    queue.setConcurrencyLimit("A", 1);
    enqueue("A", "first", 0);
    Lease running = queue.claim("w", 1, LEASE).get(0);
    enqueue("A", "scheduled", 0);
    enqueue("A", "manual", 10);
    assertThat(queue.claim("w", 10, LEASE)).isEmpty();

    queue.ack(running);
    List<Lease> next = queue.claim("w", 10, LEASE);
    assertThat(names(next)).containsExactly("manual");
    queue.ack(next.get(0));
    assertThat(names(queue.claim("w", 10, LEASE))).containsExactly("scheduled");
  }

  @Test
  void raisingOrRemovingALimitLetsParkedMessagesRunAtOnce() {
    queue.setConcurrencyLimit("A", 1);
    for (int i = 1; i <= 5; i++) {
      enqueue("A", "a" + i, 0);
    }
    assertThat(queue.claim("w", 10, LEASE)).hasSize(1);

    queue.setConcurrencyLimit("A", 3);
    assertThat(names(queue.claim("w", 10, LEASE))).containsExactly("a2", "a3");

    queue.setConcurrencyLimit("A", null);
    assertThat(names(queue.claim("w", 10, LEASE))).containsExactly("a4", "a5");
  }

  @Test
  void finishedMessagesLeaveNoKeysBehind() {
    queue.setConcurrencyLimit("A", 3);
    for (int i = 0; i < 50; i++) {
      enqueue(i % 2 == 0 ? "A" : "B", "m" + i, i % 3);
    }
    int acked = 0;
    for (int round = 0; round < 200 && acked < 50; round++) { // bounded: a lost slot must fail, not hang
      for (Lease l : queue.claim("w", 7, LEASE)) {
        if (l.attempt() == 1 && l.messageId().hashCode() % 5 == 0) {
          queue.nack(l, Duration.ZERO, "once more");
        } else {
          queue.ack(l);
          acked++;
        }
      }
    }

    assertThat(acked).isEqualTo(50);
    assertThat(queue.size()).isZero();
    assertThat(keys()).containsExactlyInAnyOrder(
        queue.keyPrefix() + ":seq", queue.keyPrefix() + ":n", queue.keyPrefix() + ":lim",
        queue.keyPrefix() + ":epoch");
  }

  private Set<String> keys() {
    try (JedisPooled r = new JedisPooled(java.net.URI.create(RedisTestSupport.url()))) {
      Set<String> keys = new HashSet<>();
      String cursor = "0";
      do {
        var page = r.scan(cursor, new ScanParams().match(queue.keyPrefix() + ":*").count(1000));
        keys.addAll(page.getResult());
        cursor = page.getCursor();
      } while (!"0".equals(cursor));
      return keys;
    }
  }
}
