package dev.weft.queue.redis;

import dev.weft.cluster.ProofNodes;
import dev.weft.Weft;
import dev.weft.persistence.jdbc.JdbcConfig;
import dev.weft.persistence.jdbc.JdbcStores;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A queue-mode worker in a JVM of its own, for the proof tests. Arguments: PostgreSQL URL, user, schema, Redis URL,
 * key prefix, instance name, concurrency, pause in ms ({@code $vars.pauseMs}), clock offset in ms. Prints
 * {@code ready} once its workers claim; runs until killed.
 */
public final class RedisWorkerProcess {
  private RedisWorkerProcess() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("weft.instance", args[5]);
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofMillis(Long.parseLong(args[8])));
    JdbcStores stores = JdbcStores.open(JdbcConfig.url(args[0]).withCredentials(args[1], "").withSchema(args[2])
        .withClock(clock));
    WeftRedis redis = WeftRedis.connect(args[3], args[4], 16);
    Weft weft = engine(stores, redis, clock, Long.parseLong(args[7]));
    weft.startWorkers(args[5], Integer.parseInt(args[6]));
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** An engine in queue mode on PostgreSQL and Redis, with the proof nodes and {@code $vars.pauseMs}. */
  static Weft engine(JdbcStores stores, WeftRedis redis, Clock clock, long pauseMs) {
    return Weft.builder().discoverNodePacks(false).nodePack(new ProofNodes()).clock(clock)
        .executionStore(stores.executions())
        .workQueue(redis.workQueue("queue", clock).repairFrom(stores.executions()))
        .clusterBus(redis.clusterBus()).tickLock(redis.tickLock())
        .service(DataSource.class, stores.dataSource()).variable("pauseMs", pauseMs).build();
  }
}
