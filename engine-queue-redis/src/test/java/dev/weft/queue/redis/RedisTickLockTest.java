package dev.weft.queue.redis;

import dev.weft.cluster.TickLock;
import dev.weft.cluster.TickLockContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The tick lock contract against the real Redis on 127.0.0.1:6379. */
class RedisTickLockTest extends TickLockContract {
  private WeftRedis redis;

  @BeforeEach
  void connect() {
    redis = RedisTestSupport.connect("weft-test-lock-" + UUID.randomUUID());
  }

  @AfterEach
  void deleteKeysAndDisconnect() {
    RedisTestSupport.deleteKeys(redis.prefix());
    redis.close();
  }

  @Override
  protected TickLock newLock() {
    return redis.tickLock();
  }
}
