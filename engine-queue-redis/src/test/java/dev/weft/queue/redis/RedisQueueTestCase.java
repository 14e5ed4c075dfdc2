package dev.weft.queue.redis;

import dev.weft.store.TestClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test of the Redis work queue beyond the contract: each test gets a queue on keys of its own under a test clock,
 * and its keys are deleted afterwards.
 */
abstract class RedisQueueTestCase {
  static final Duration LEASE = Duration.ofSeconds(30);
  static WeftRedis redis;
  TestClock clock;
  RedisWorkQueue queue;

  /** The start of the queue's name, saying which test class made the keys. */
  abstract String queueNamePrefix();

  @BeforeAll
  static void connect() {
    redis = RedisTestSupport.connect("weft-test");
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  @BeforeEach
  void createQueue() {
    clock = new TestClock();
    queue = redis.workQueue(queueNamePrefix() + UUID.randomUUID(), clock);
  }

  @AfterEach
  void deleteKeys() {
    queue.deleteAll();
  }
}
