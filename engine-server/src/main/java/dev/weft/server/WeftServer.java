package dev.weft.server;

import dev.weft.Weft;
import dev.weft.credential.CredentialException;
import dev.weft.credential.CredentialValidationException;
import dev.weft.spi.NodeException;
import dev.weft.store.RecordNotFoundException;
import dev.weft.store.StaleVersionException;
import dev.weft.store.StoreException;
import dev.weft.workflow.WorkflowException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Weft server: the engine on the JDBC stores behind a REST API ({@code /api}), live execution events
 * (Server-Sent Events), webhooks ({@code /webhook/...}) and the web UI.
 *
 * <pre>{@code
 * WeftServer server = WeftServer.create(ServerConfig.fromEnvironment(System.getenv())).start();
 * System.out.println("listening on " + server.port());
 * ...
 * server.stop();
 * }</pre>
 *
 * <p>{@link #create} opens the database (migrating it), reads or generates the keys and builds the engine;
 * {@link #start} re-activates the workflows stored as active and starts listening. The OpenAPI document of the API
 * is served at {@code /api/openapi.json}.
 */
public final class WeftServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WeftServer.class);
  static final String UI_ROOT = "/weft-ui";
  private static final String ANSWERED = "weft.answered";
  private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
      + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

  private final ServerState state;
  private final Javalin app;
  private RouteTable table;
  private final boolean uiBundled;
  /** A webhook process ({@code weft webhook}): webhook routes and the health check only, no API or UI. */
  private final boolean webhooksOnly;
  private boolean started;
  private boolean stopped;

  private WeftServer(ServerState state, boolean webhooksOnly) {
    this.state = state;
    this.webhooksOnly = webhooksOnly;
    this.uiBundled = !webhooksOnly && state.config.serveUi()
        && WeftServer.class.getResource(UI_ROOT + "/index.html") != null;
    this.app = Javalin.create(this::configure);
  }

  /**
   * A server for this configuration, not yet listening.
   *
   * @throws StoreException when the database cannot be reached or migrated (naming the URL, never the password)
   * @throws IllegalArgumentException when a configured key is unusable
   */
  public static WeftServer create(ServerConfig config) {
    Objects.requireNonNull(config, "config");
    return new WeftServer(new ServerState(config), false);
  }

  /**
   * A server that serves only webhooks ({@code /webhook/...}) and {@code /api/health}: the webhook process of a
   * queue-mode deployment, which takes requests and queues their executions while mains serve the API and UI.
   */
  public static WeftServer createForWebhooks(ServerConfig config) {
    Objects.requireNonNull(config, "config");
    return new WeftServer(new ServerState(config), true);
  }

  /** Re-activates the stored active workflows and starts listening. */
  public synchronized WeftServer start() {
    if (stopped) {
      throw new IllegalStateException("this server was stopped; create a new one");
    }
    if (!started) {
      WorkflowApi.reactivateAll(state);
      state.followActivations();
      app.start(state.config.host(), state.config.port());
      started = true;
      LOG.info("Weft server listening on {}:{} ({}; UI {})", state.config.host(), port(), state.stores,
          uiBundled ? "bundled" : "not bundled");
    }
    return this;
  }

  /** Stops listening, stops triggers, waits briefly for running work and closes the database. Idempotent. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      app.stop();
    } finally {
      state.close();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The port it listens on (the chosen one when configured with port 0). */
  public int port() {
    return started ? app.port() : state.config.port();
  }

  /** The engine, for hosts that add to it (its node types, listeners) or run workflows directly. */
  public Weft engine() {
    return state.weft;
  }

  /** The configuration. */
  public ServerConfig config() {
    return state.config;
  }

  /** Whether the web UI is bundled in this build and served. */
  public boolean servesUi() {
    return uiBundled;
  }

  /** What the routes share (for tests that look behind the API). */
  ServerState state() {
    return state;
  }

  /** The API routes as {@code method path} pairs (for the OpenAPI check). */
  List<RouteTable.Route> apiRoutes() {
    return table.routes();
  }

  private void registerApi() {
    table.open(HandlerType.GET, "/api/openapi.json", ctx -> {
      ctx.contentType("application/json").result(openApi());
      ctx.attribute(ANSWERED, true);
    });
    new AuthApi(state).register(table);
    new WorkflowApi(state).register(table);
    new ExecutionApi(state).register(table);
    new CredentialApi(state).register(table);
    new OAuth2Api(state).register(table);
    new NodeApi(state).register(table);
    new StatsApi(state).register(table);
    new AuditApi(state).register(table);
    new ChatApi(state).register(table);
  }

  private void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.maxRequestSize = state.config.maxRequestBytes();
    config.http.prefer405over404 = false;
    config.router.ignoreTrailingSlashes = true;
    config.jsonMapper(new JavalinJackson(Api.JSON, false));
    if (!state.config.corsOrigins().isEmpty()) {
      config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
        if (state.config.corsOrigins().contains("*")) {
          rule.anyHost();
        } else {
          List<String> origins = state.config.corsOrigins();
          rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(new String[0]));
        }
        rule.exposeHeader("Location");
        rule.exposeHeader("Retry-After");
      }));
    }
    if (uiBundled) {
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = UI_ROOT;
        files.location = Location.CLASSPATH;
      });
    }
    var routes = config.routes;
    routes.before(ctx -> {
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Referrer-Policy", "no-referrer");
      if (!ctx.path().startsWith("/webhook")) {
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", CSP);
      }
      if (ctx.path().startsWith("/api/")) {
        ctx.header("Cache-Control", "no-store");
      }
    });
    table = new RouteTable(routes, state.tokens);
    table.open(HandlerType.GET, "/api/health", ctx -> Api.ok(ctx, Map.of("status", "ok")));
    if (!webhooksOnly) {
      registerApi();
    }
    new WebhookApi(state).register(routes);


    routes.exception(ApiException.class, (e, ctx) -> fail(ctx, e.status(), e.code(), e.getMessage(), e.details()));
    routes.exception(WorkflowException.class, (e, ctx) -> fail(ctx, 400, "invalid_workflow", e.getMessage(),
        Map.of("problems", Views.problems(e.problems()))));
    routes.exception(NodeException.class, (e, ctx) -> {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("parameter", e.parameter());
      fail(ctx, 400, "activation_failed", e.getMessage(), details);
    });
    routes.exception(StaleVersionException.class, (e, ctx) -> fail(ctx, 409, "version_conflict",
        e.getMessage() + "; reload it and apply your change again",
        Map.of("id", e.id(), "expectedVersion", e.expectedVersion(), "actualVersion", e.actualVersion())));
    routes.exception(RecordNotFoundException.class, (e, ctx) -> fail(ctx, 404, "not_found", e.getMessage(),
        Map.of("kind", e.kind(), "id", e.id())));
    routes.exception(CredentialValidationException.class, (e, ctx) -> fail(ctx, 400, "invalid_credential",
        e.getMessage(), Map.of("problems", e.problems())));
    routes.exception(CredentialException.class, (e, ctx) -> fail(ctx, 400, "credential_error", e.getMessage(),
        null));
    routes.exception(HttpResponseException.class, (e, ctx) -> {
      int status = e.getStatus();
      if (status == 404) {
        notFound(ctx); // an unmatched path: the UI's client-side routes, else the JSON 404
        return;
      }
      String code = status == 413 ? "request_too_large" : status == 404 ? "not_found" : "http_" + status;
      String message = status == 413 ? "the request body is larger than this server accepts ("
          + state.config.maxRequestBytes() + " bytes)" : e.getMessage();
      fail(ctx, status, code, message, e.getDetails());
    });
    routes.exception(StoreException.class, (e, ctx) -> {
      LOG.error("{} {} failed in the database", ctx.method(), ctx.path(), e);
      fail(ctx, 503, "store_unavailable", "the database failed: " + e.getMessage(), null);
    });
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      fail(ctx, 500, "internal_error", "the server failed to handle " + ctx.method() + " " + ctx.path()
          + "; the server log has the details", null);
    });
    routes.error(404, this::notFound);
    routes.error(405, ctx -> {
      if (!answered(ctx)) {
        fail(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path(), null);
      }
    });
  }

  private static boolean answered(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(ANSWERED)) || ctx.path().startsWith("/webhook");
  }

  private void notFound(Context ctx) {
    if (answered(ctx)) {
      return;
    }
    if (uiBundled && ctx.method() == HandlerType.GET && !ctx.path().startsWith("/api/")) {
      // a client-side route of the UI: the single page answers it
      try (InputStream index = WeftServer.class.getResourceAsStream(UI_ROOT + "/index.html")) {
        ctx.status(200).contentType("text/html; charset=utf-8").result(Objects.requireNonNull(index).readAllBytes());
        return;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    fail(ctx, 404, "not_found", "there is no route " + ctx.method() + " " + ctx.path(), null);
  }

  private static void fail(Context ctx, int status, String code, String message, Object details) {
    Api.json(ctx, status, Api.error(code, message, details));
    ctx.attribute(ANSWERED, true);
  }

  private static byte[] openApi() throws IOException {
    try (InputStream in = WeftServer.class.getResourceAsStream("openapi.json")) {
      return Objects.requireNonNull(in, "openapi.json is missing from the jar").readAllBytes();
    }
  }
}
