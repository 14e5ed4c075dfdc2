package dev.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClusterBus} must do. A backend's test extends this class and returns, from {@link #newBus()},
 * buses that share one backend (two of them stand for two instances), each on channels no other test uses.
 */
public abstract class ClusterBusContract {
  private static final long WAIT_SECONDS = 10;
  private final List<ClusterBus> buses = new ArrayList<>();

  /** A bus on the shared backend; called twice per test for "two instances". */
  protected abstract ClusterBus newBus() throws Exception;

  /**
   * How long a subscription may take to be live after {@link ClusterBus#subscribe} returns (zero in one process; a
   * remote backend subscribes asynchronously).
   */
  protected Duration settle() {
    return Duration.ZERO;
  }

  private String channel;

  @BeforeEach
  void pickChannel() {
    channel = "weft.test." + java.util.UUID.randomUUID();
  }

  @AfterEach
  void closeBuses() {
    buses.forEach(ClusterBus::close);
  }

  private ClusterBus bus() throws Exception {
    ClusterBus b = newBus();
    buses.add(b);
    return b;
  }

  private void settleNow() throws InterruptedException {
    Thread.sleep(settle().toMillis()); // backends that subscribe asynchronously need a moment, not a test of timing
  }

  @Test
  void aMessageReachesSubscribersOnEveryInstanceThePublishersOwnIncluded() throws Exception {
    ClusterBus a = bus();
    ClusterBus b = bus();
    BlockingQueue<Map<String, Object>> atA = new LinkedBlockingQueue<>();
    BlockingQueue<Map<String, Object>> atB = new LinkedBlockingQueue<>();
    a.subscribe(channel, atA::add);
    b.subscribe(channel, atB::add);
    settleNow();

    Map<String, Object> message = new LinkedHashMap<>();
    message.put("executionId", "e-1");
    message.put("count", 3L);
    message.put("nested", Map.of("list", List.of(1L, "two", true)));
    message.put("nothing", null);
    a.publish(channel, message);

    assertThat(atA.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(message);
    assertThat(atB.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(message);
  }

  @Test
  void messagesFromOnePublisherArriveInOrder() throws Exception {
    ClusterBus a = bus();
    ClusterBus b = bus();
    BlockingQueue<Map<String, Object>> got = new LinkedBlockingQueue<>();
    b.subscribe(channel, got::add);
    settleNow();
    for (long i = 0; i < 200; i++) {
      a.publish(channel, Map.of("i", i));
    }
    for (long i = 0; i < 200; i++) {
      Map<String, Object> m = got.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(m).as("message %d", i).isNotNull();
      assertThat(m.get("i")).isEqualTo(i);
    }
  }

  @Test
  void otherChannelsAndClosedSubscriptionsHearNothing() throws Exception {
    ClusterBus a = bus();
    List<Map<String, Object>> other = new CopyOnWriteArrayList<>();
    List<Map<String, Object>> closed = new CopyOnWriteArrayList<>();
    BlockingQueue<Map<String, Object>> marker = new LinkedBlockingQueue<>();
    a.subscribe(channel + ".other", other::add);
    ClusterBus.Subscription s = a.subscribe(channel, closed::add);
    a.subscribe(channel, marker::add);
    settleNow();
    s.close();
    a.publish(channel, Map.of("n", 1L));
    assertThat(marker.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(Map.of("n", 1L));
    assertThat(other).isEmpty();
    assertThat(closed).isEmpty();
  }

  @Test
  void aFailingHandlerKeepsItsSubscriptionAndDoesNotStopOthers() throws Exception {
    ClusterBus a = bus();
    BlockingQueue<Map<String, Object>> failingSaw = new LinkedBlockingQueue<>();
    BlockingQueue<Map<String, Object>> healthy = new LinkedBlockingQueue<>();
    a.subscribe(channel, m -> {
      failingSaw.add(m);
      throw new IllegalStateException("handler bug");
    });
    a.subscribe(channel, healthy::add);
    settleNow();
    a.publish(channel, Map.of("n", 1L));
    a.publish(channel, Map.of("n", 2L));
    assertThat(healthy.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(Map.of("n", 1L));
    assertThat(healthy.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(Map.of("n", 2L));
    assertThat(failingSaw.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(Map.of("n", 1L));
    assertThat(failingSaw.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(Map.of("n", 2L));
  }
}
