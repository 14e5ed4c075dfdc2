package dev.weft.server;

import dev.weft.persistence.jdbc.JdbcConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weft serve}: starts the server and runs until the process is stopped. Options win over environment
 * variables ({@code WEFT_PORT}, {@code WEFT_DATA}, {@code WEFT_DB_URL}, ... see {@link ServerConfig}), which win
 * over the properties file named by {@code --config} or {@code WEFT_CONFIG}. Exit codes: 0 after a clean stop, 2 for
 * a configuration that cannot work, 1 when the server cannot start.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Starts the Weft server: REST API, live events, webhooks and the web UI.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PORT", description = "the port (default: WEFT_PORT or 5678)")
  Integer port;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "the address to listen on (default: WEFT_HOST or"
      + " 0.0.0.0)")
  String host;

  @Option(names = "--data", paramLabel = "DIR", description = "the data folder: H2 database and generated keys"
      + " (default: WEFT_DATA or ./weft-data)")
  Path data;

  @Option(names = "--db-url", paramLabel = "JDBC_URL", description = "the database, e.g."
      + " jdbc:postgresql://localhost:5432/weft (default: WEFT_DB_URL or H2 in the data folder); user and password"
      + " from WEFT_DB_USER and WEFT_DB_PASSWORD")
  String dbUrl;

  @Option(names = "--config", paramLabel = "FILE", description = "a properties file (weft.port, weft.db.url, ...)")
  Path configFile;

  @Option(names = "--cors", paramLabel = "ORIGIN", split = ",", description = "origins allowed to call the API from"
      + " a browser")
  List<String> cors;

  @Option(names = "--open-registration", description = "let anyone register (default: only the first user)")
  boolean openRegistration;

  private final Map<String, String> environment;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** A command reading the process environment. */
  public ServeCommand() {
    this(System.getenv());
  }

  ServeCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  /** The configuration the options and environment describe. */
  ServerConfig config() {
    Map<String, String> env = new java.util.HashMap<>(environment);
    if (configFile != null) {
      env.put("WEFT_CONFIG", configFile.toString());
    }
    ServerConfig c = ServerConfig.fromEnvironment(env);
    if (data != null) {
      c = c.withDataFolder(data);
      if (c.jdbc() != null && c.jdbc().url().startsWith("jdbc:h2:") && !env.containsKey("WEFT_DB_URL")) {
        c = c.withJdbc(null);
      }
    }
    if (dbUrl != null) {
      JdbcConfig db = JdbcConfig.url(dbUrl.trim()).withCredentials(env.get("WEFT_DB_USER"), env.get("WEFT_DB_PASSWORD"));
      c = c.withJdbc(db);
    }
    if (port != null) {
      c = c.withPort(port);
    }
    if (host != null) {
      c = c.withHost(host);
    }
    if (cors != null) {
      c = c.withCorsOrigins(cors);
    }
    if (openRegistration) {
      c = c.withOpenRegistration(true);
    }
    return c;
  }

  /** Runs {@code serve} on its own: {@code java -cp ... dev.weft.server.ServeCommand [options]}. */
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new ServeCommand()).execute(args));
  }

  @Override
  public Integer call() {
    ServerConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      System.err.println("weft serve: " + e.getMessage());
      return 2;
    }
    WeftServer server;
    try {
      server = WeftServer.create(config).start();
    } catch (RuntimeException e) {
      System.err.println("weft serve: the server cannot start: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      stopped.countDown();
    }, "weft-serve-shutdown"));
    String shownHost = config.host().equals("0.0.0.0") ? "localhost" : config.host();
    System.out.println("Weft is listening on http://" + shownHost + ":" + server.port() + "/ (data: "
        + config.dataFolder().toAbsolutePath().normalize()
        + ", database: " + config.database().url().replaceAll("password=[^;&]*", "password=***") + ")");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.stop();
    }
    return 0;
  }
}
