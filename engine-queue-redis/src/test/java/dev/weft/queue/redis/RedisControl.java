package dev.weft.queue.redis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the local Redis on 6379 for the outage test, the way CI starts it ({@code .ci/run}): no
 * persistence, so Redis comes back empty.
 */
final class RedisControl {
  /** The command of {@code .ci/run}. */
  static final List<String> START = List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1",
      "--port", "6379", "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile",
      "/var/log/redis/ci.log");

  private RedisControl() {}

  /** Why this machine's Redis cannot be stopped and started by the test, or {@code null} when it can. */
  static String cannotControl() {
    if (!RedisTestSupport.url().equals("redis://127.0.0.1:6379")) {
      return "the tests use another Redis (WEFT_TEST_REDIS_URL), which this test does not control";
    }
    if (Boolean.getBoolean("weft.test.redis.noRestart")) {
      return "-Dweft.test.redis.noRestart is set";
    }
    for (String tool : List.of("redis-cli", "redis-server")) {
      if (!onPath(tool)) {
        return tool + " is not on the PATH";
      }
    }
    for (String dir : List.of("/var/lib/redis", "/var/log/redis")) {
      if (!Files.isDirectory(Path.of(dir)) || !Files.isWritable(Path.of(dir))) {
        return dir + " is missing or not writable by this user, so Redis could not be started again";
      }
    }
    return null;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static boolean answers() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 6379), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void stop() throws Exception {
    run(List.of("redis-cli", "-p", "6379", "shutdown", "nosave"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (answers()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Redis still answers 30 s after shutdown");
      }
      Thread.sleep(50);
    }
  }

  /** Starts Redis unless it answers, and waits until it does. */
  static void ensureUp() throws Exception {
    if (answers()) {
      return;
    }
    run(START);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!answers()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Redis did not come back within 60 s of " + String.join(" ", START));
      }
      Thread.sleep(50);
    }
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 30 s");
    }
  }
}
