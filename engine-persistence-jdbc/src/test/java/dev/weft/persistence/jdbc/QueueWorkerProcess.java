package dev.weft.persistence.jdbc;

import dev.weft.cluster.ProofNodes;
import dev.weft.Weft;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * A worker instance in a JVM of its own, for the queue-mode tests: arguments are the PostgreSQL URL, user, schema,
 * instance name, concurrency and the pause in milliseconds. Prints {@code ready} once its workers claim.
 */
public final class QueueWorkerProcess {
  private QueueWorkerProcess() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("weft.instance", args[3]);
    JdbcStores stores = JdbcStores.open(JdbcConfig.url(args[0]).withCredentials(args[1], "").withSchema(args[2]));
    Weft weft = worker(stores, Clock.systemUTC(), Long.parseLong(args[5]));
    weft.startWorkers(args[3], Integer.parseInt(args[4]));
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // until killed
  }

  /** An engine in queue mode on these stores, with the test nodes and {@code $vars.pauseMs}. */
  static Weft worker(JdbcStores stores, Clock clock, long pauseMs) {
    return Weft.builder().discoverNodePacks(false).nodePack(new ProofNodes()).clock(clock)
        .executionStore(stores.executions()).workQueue(stores.workQueue()).tickLock(stores.tickLock())
        .clusterBus(stores.clusterBus())
        .service(DataSource.class, stores.dataSource()).variable("pauseMs", pauseMs).build();
  }
}
