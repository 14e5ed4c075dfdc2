package dev.weft.app;

import dev.weft.Weft;
import dev.weft.cluster.Workers;
import dev.weft.credential.CredentialCipher;
import dev.weft.persistence.jdbc.JdbcStores;
import dev.weft.queue.redis.RedisClusterBus;
import dev.weft.queue.redis.WeftRedis;
import dev.weft.server.ServerConfig;
import dev.weft.server.WeftServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/**
 * The processes of queue mode, configured by environment: {@code weft main} (the server: API, UI, webhooks,
 * schedules; it queues executions instead of running them), {@code weft webhook} (webhooks only, queueing) and
 * {@code weft worker} (runs queued executions). All
 * need {@code WEFT_REDIS_URL} and {@code WEFT_DATABASE_URL} (a PostgreSQL JDBC URL; user and password in
 * {@code WEFT_DB_USER}, {@code WEFT_DB_PASSWORD}, schema in {@code WEFT_DB_SCHEMA}), and the same {@code WEFT_ENCRYPTION_KEY}; optional
 * {@code WEFT_REDIS_PREFIX} (default {@code weft}), {@code WEFT_WORKER_CONCURRENCY} (default 10) and
 * {@code WEFT_WORKER_ID}. {@code weft main} reads the rest like {@code weft serve}.
 */
final class QueueMode {
  private QueueMode() {}

  /** The settings both processes share, checked. */
  record Settings(String redisUrl, String redisPrefix, String databaseUrl, String encryptionKey, int concurrency,
      String workerId, Path dataFolder) {

    static Settings from(Map<String, String> env) {
      String redis = required(env, "WEFT_REDIS_URL", "redis://host:6379");
      String db = env.getOrDefault("WEFT_DATABASE_URL", env.get("WEFT_DB_URL"));
      if (db == null || db.isBlank() || !db.trim().startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("WEFT_DATABASE_URL must be a PostgreSQL JDBC URL such as"
            + " jdbc:postgresql://db:5432/weft: every process of a queue-mode deployment shares that database");
      }
      String key = required(env, "WEFT_ENCRYPTION_KEY", "keyId=base64Key, the same in every process");
      int concurrency = 10;
      String c = env.get("WEFT_WORKER_CONCURRENCY");
      if (c != null && !c.isBlank()) {
        try {
          concurrency = Integer.parseInt(c.trim());
        } catch (NumberFormatException e) {
          concurrency = 0;
        }
        if (concurrency < 1) {
          throw new IllegalArgumentException("WEFT_WORKER_CONCURRENCY must be a whole number of at least 1, got '"
              + c + "'");
        }
      }
      String data = env.get("WEFT_DATA");
      return new Settings(redis.trim(), env.getOrDefault("WEFT_REDIS_PREFIX", WeftRedis.DEFAULT_PREFIX), db.trim(),
          key, concurrency, env.get("WEFT_WORKER_ID"), Path.of(data == null || data.isBlank() ? "weft-data" : data));
    }

    private static String required(Map<String, String> env, String name, String example) {
      String v = env.get(name);
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException(name + " is not set (" + example + ")");
      }
      return v;
    }
  }

  private static int fail(String command, RuntimeException e) {
    System.err.println("weft " + command + ": " + e.getMessage());
    return e instanceof IllegalArgumentException ? 2 : 1;
  }

  /** {@code weft main}. */
  @Command(name = "main", mixinStandardHelpOptions = true,
      description = "Queue mode: the server (API, UI, webhooks, schedules) queueing executions for the workers.")
  static final class Main implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
      return serve("main", false);
    }
  }

  /** {@code weft webhook}. */
  @Command(name = "webhook", mixinStandardHelpOptions = true,
      description = "Queue mode: serves only webhooks (/webhook/...), queueing their executions; scale it apart from"
          + " the mains.")
  static final class Webhook implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
      return serve("webhook", true);
    }
  }

  /** A main or webhook process: the server on Redis's queue, bus and tick lock, until the JVM is asked to stop. */
  private static int serve(String command, boolean webhooksOnly) throws InterruptedException {
    Map<String, String> env = new HashMap<>(System.getenv());
    WeftRedis redis;
    WeftServer server;
    try {
      Settings s = Settings.from(env);
      env.put("WEFT_DB_URL", s.databaseUrl());
      redis = WeftRedis.connect(s.redisUrl(), s.redisPrefix(), 32);
      RedisClusterBus bus = redis.clusterBus();
      ServerConfig config = ServerConfig.fromEnvironment(env).withEngine(b -> b
          .workQueue(redis.workQueue()).clusterBus(bus).tickLock(redis.tickLock())
          .shareEvents(!webhooksOnly)); // workers' events reach a main's live views
      server = (webhooksOnly ? WeftServer.createForWebhooks(config) : WeftServer.create(config)).start();
    } catch (RuntimeException e) {
      return fail(command, e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      redis.close();
      stopped.countDown();
    }, "weft-" + command + "-shutdown"));
    System.out.println("Weft " + command + " is listening on port " + server.port()
        + (webhooksOnly ? " for webhooks only" : "") + " and queues executions on Redis");
    stopped.await();
    return 0;
  }

  /** {@code weft worker}. */
  @Command(name = "worker", mixinStandardHelpOptions = true,
      description = "Queue mode: runs queued executions (WEFT_WORKER_CONCURRENCY at once); no HTTP.")
  static final class Worker implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
      JdbcStores stores = null;
      WeftRedis redis = null;
      Weft weft;
      Workers workers;
      Settings s;
      try {
        Map<String, String> env = new HashMap<>(System.getenv());
        s = Settings.from(env);
        env.put("WEFT_DB_URL", s.databaseUrl());
        // the database settings exactly as weft main reads them (schema, pool size, credentials)
        stores = JdbcStores.open(ServerConfig.fromEnvironment(env).database());
        redis = WeftRedis.connect(s.redisUrl(), s.redisPrefix(), 32);
        RedisClusterBus bus = redis.clusterBus();
        weft = Weft.builder()
            .executionStore(stores.executions()).workflowStore(stores.workflows())
            .credentialStore(stores.credentials(), CredentialCipher.fromConfig(s.encryptionKey()))
            .binaryStore(stores.binaries()).pluginsDirectory(s.dataFolder().resolve("plugins"))
            .service(javax.sql.DataSource.class, stores.dataSource())
            .workQueue(redis.workQueue().repairFrom(stores.executions())).clusterBus(bus).tickLock(redis.tickLock())
            .shareEvents(true) // the main servers' live views show this worker's runs
            .build();
        workers = s.workerId() == null ? weft.startWorkers(s.concurrency())
            : weft.startWorkers(s.workerId(), s.concurrency());
      } catch (RuntimeException e) {
        if (redis != null) {
          redis.close();
        }
        if (stores != null) {
          stores.close();
        }
        return fail("worker", e);
      }
      CountDownLatch stopped = new CountDownLatch(1);
      JdbcStores openStores = stores;
      WeftRedis openRedis = redis;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          workers.stop(Duration.ofSeconds(30)); // graceful: stop claiming, let running executions finish
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        weft.close();
        openRedis.close();
        openStores.close();
        stopped.countDown();
      }, "weft-worker-shutdown"));
      System.out.println("Weft worker " + workers.workerId() + " runs up to " + workers.concurrency()
          + " queued executions at once");
      stopped.await();
      return 0;
    }
  }
}
