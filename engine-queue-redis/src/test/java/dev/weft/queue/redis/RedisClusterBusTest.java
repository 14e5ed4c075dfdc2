package dev.weft.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cluster.ClusterBus;
import dev.weft.cluster.ClusterBusContract;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

/** The cluster bus contract against the real Redis on 127.0.0.1:6379, and recovery from a dropped connection. */
class RedisClusterBusTest extends ClusterBusContract {
  private WeftRedis redis;

  @BeforeEach
  void connect() {
    redis = RedisTestSupport.connect("weft-test-bus-" + UUID.randomUUID());
  }

  @AfterEach
  void disconnect() {
    redis.close();
  }

  @Override
  protected ClusterBus newBus() {
    return redis.clusterBus();
  }

  @Override
  protected Duration settle() {
    return Duration.ZERO; // subscribe() returns once the server confirmed the subscription
  }

  @Test
  void aSubscriberWhoseConnectionDropsSubscribesAgain() throws Exception {
    RedisClusterBus listening = redis.clusterBus();
    RedisClusterBus talking = redis.clusterBus();
    BlockingQueue<Map<String, Object>> got = new LinkedBlockingQueue<>();
    listening.subscribe("weft.test.blip", got::add);
    talking.publish("weft.test.blip", Map.of("n", 0L));
    assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo(Map.of("n", 0L));

    try (Jedis admin = new Jedis(java.net.URI.create(RedisTestSupport.url()))) {
      assertThat(admin.clientKill(ClientKillParams.clientKillParams().id(clientId(admin, listening.clientName()))))
          .isEqualTo(1L);
    }

    // messages published while it reconnects are lost (at most once); keep publishing until one arrives
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Map<String, Object> heard = null;
    for (long n = 1; heard == null && System.nanoTime() < deadline; n++) {
      talking.publish("weft.test.blip", Map.of("n", n));
      heard = got.poll(200, TimeUnit.MILLISECONDS);
    }
    assertThat(heard).as("a message after the connection was killed").isNotNull();
  }

  private static String clientId(Jedis admin, String name) {
    String list = admin.clientList();
    for (String line : list.split("\n")) {
      if (line.contains(" name=" + name + " ")) {
        for (String field : line.split(" ")) {
          if (field.startsWith("id=")) {
            return field.substring(3);
          }
        }
      }
    }
    throw new AssertionError("no Redis client named " + name + " in CLIENT LIST");
  }
}
