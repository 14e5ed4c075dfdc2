package dev.weft.queue.redis;

import dev.weft.store.TestClock;
import dev.weft.store.WorkQueue;
import dev.weft.store.WorkQueueContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The work queue contract against the real Redis on 127.0.0.1:6379, each test on keys of its own. */
class RedisWorkQueueTest extends WorkQueueContract {
  private static WeftRedis redis;
  private RedisWorkQueue created;

  @BeforeAll
  static void connect() {
    redis = RedisTestSupport.connect("weft-test");
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  @Override
  protected WorkQueue newQueue(TestClock clock) {
    created = redis.workQueue("contract-" + UUID.randomUUID(), clock);
    return created;
  }

  @AfterEach
  void deleteKeys() {
    created.deleteAll();
  }
}
