package dev.weft.server;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.event.ExecutionEvent;
import dev.weft.execution.ExecutionOptions;
import dev.weft.persistence.jdbc.JdbcStores;
import dev.weft.spi.Item;
import dev.weft.store.CredentialRecord;
import dev.weft.store.WorkflowRecord;
import dev.weft.workflow.Problem;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowException;
import dev.weft.workflow.WorkflowNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** What the routes share: the engine, the stores, accounts and tokens, the event hub and run bookkeeping. */
final class ServerState implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServerState.class);
  final ServerConfig config;
  final Clock clock;
  final JdbcStores stores;
  final ServerDatabase db;
  final Users users;
  final AuditTrail audit;
  final Tokens tokens;
  final EventHub hub;
  final Weft weft;
  final TestWebhooks testWebhooks;
  private final ExecutorService runner;
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  /** Whether a stored workflow keeps execution data (its saveData is not none), by id; forgotten on each change. */
  private final Map<String, Boolean> savesData = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> starting = new ConcurrentHashMap<>();

  ServerState(ServerConfig config) {
    this.config = config;
    this.clock = Clock.systemUTC();
    JdbcStores opened = JdbcStores.open(config.database());
    try {
      this.stores = opened;
      this.db = ServerDatabase.open(opened.dataSource(), opened.databaseProduct(), config.database().schema());
      this.users = new Users(opened.users(), config.bcryptCost());
      this.audit = new AuditTrail(opened.auditLog());
      this.tokens = new Tokens(db, Keys.jwtSecret(config), config.accessTokenTtl(), config.refreshTokenTtl(), clock);
      this.hub = new EventHub(db, clock, this::ownerOf, this::savesData);
      hub.watch(this::onEvent);
      var cipher = Keys.cipher(config);
      this.weft = engine(cipher, true);
      this.testWebhooks = new TestWebhooks(() -> engine(cipher, false), config.testWebhookTimeout());
      AtomicInteger n = new AtomicInteger();
      this.runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "weft-server-run-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /** An engine; the serving one claims its webhooks' routes, a test-webhook engine does not. */
  private Weft engine(dev.weft.credential.CredentialCipher cipher, boolean serving) {
    Weft.Builder builder = Weft.builder()
        .executionStore(stores.executions())
        .workflowStore(stores.workflows())
        .credentialStore(stores.credentials(), cipher)
        .binaryStore(stores.binaries())
        .pluginsDirectory(config.dataFolder().resolve("plugins")) // node pack zips dropped here load at start
        .listener(hub)
        // the server's pooled database for nodes that keep data of their own (conversation memory, vector stores),
        // so that it survives restarts; a host's engine customiser may offer another
        .service(javax.sql.DataSource.class, stores.dataSource());
    if ("PostgreSQL".equals(stores.databaseProduct())) {
      // servers sharing one PostgreSQL: each schedule fires once per tick, cancellations reach the owning server
      builder.tickLock(stores.tickLock()).clusterBus(stores.clusterBus());
    }
    if (serving) { // one workflow per route across the servers sharing this database
      builder.webhookStore(stores.webhooks());
    }
    if (config.engine() != null) {
      config.engine().accept(builder);
    }
    return builder.build();
  }

  private void onEvent(ExecutionEvent event) {
    if (event.type() == ExecutionEvent.Type.EXECUTION_STARTED) {
      CompletableFuture<Void> f = starting.get(event.executionId());
      if (f != null) {
        f.complete(null);
      }
    }
  }

  private final String instanceId = java.util.UUID.randomUUID().toString();
  private volatile dev.weft.cluster.ClusterBus.Subscription activations;

  /**
   * Servers sharing the database and a cluster bus keep the same workflows active: a change made here is announced,
   * and one announced elsewhere is applied here from the stored workflow.
   */
  synchronized void followActivations() {
    dev.weft.cluster.ClusterBus bus = weft.clusterBus();
    if (bus != null && activations == null) {
      activations = bus.subscribe(dev.weft.cluster.ClusterBus.ACTIVATION, m -> {
        if (!instanceId.equals(m.get("origin")) && m.get("workflowId") instanceof String id) {
          applyActivation(id);
        }
      });
    }
  }

  /** Tells the other servers that a workflow's activation (or its definition while active) changed here. */
  void activationChanged(String workflowId) {
    dev.weft.cluster.ClusterBus bus = weft.clusterBus();
    if (bus != null) {
      try {
        bus.publish(dev.weft.cluster.ClusterBus.ACTIVATION, Map.of("workflowId", workflowId, "origin", instanceId));
      } catch (RuntimeException e) {
        LOG.warn("other servers were not told that workflow {} changed: {}", workflowId, e.getMessage());
      }
    }
  }

  private void applyActivation(String workflowId) {
    forgetWorkflow(workflowId);
    WorkflowRecord record = stores.workflows().get(workflowId).orElse(null);
    try {
      if (record != null && record.active()) {
        weft.activate(runnable(record, record.ownerId()));
      } else {
        weft.deactivate(workflowId);
      }
    } catch (dev.weft.spi.NodeException | RuntimeException e) {
      LOG.warn("workflow {} is active on another server but could not be activated here: {}", workflowId,
          e.getMessage());
    }
  }

  /** The owner of a workflow, or null when it does not exist. */
  String ownerOf(String workflowId) {
    String owner = owners.get(workflowId);
    if (owner == null) {
      owner = stores.workflows().get(workflowId).map(WorkflowRecord::ownerId).orElse(null);
      if (owner != null) {
        owners.put(workflowId, owner);
      }
    }
    return owner;
  }

  /**
   * Whether executions of this workflow save data, so that their events are stored for replay: true unless the
   * stored workflow says {@code saveData: none} (true for unknown ids, such as workflows run without being saved).
   */
  boolean savesData(String workflowId) {
    if (workflowId == null) {
      return true;
    }
    Boolean saves = savesData.get(workflowId);
    if (saves == null) {
      saves = stores.workflows().get(workflowId).map(r -> !(r.definition().get("settings") instanceof Map<?, ?> m
          && "none".equals(m.get("saveData")))).orElse(true);
      savesData.put(workflowId, saves);
    }
    return saves;
  }

  /** Forgets what is cached of a workflow (after it changed or was deleted). */
  void forgetWorkflow(String workflowId) {
    owners.remove(workflowId);
    savesData.remove(workflowId);
  }

  /** The user's workflow; 404 when there is none or it is someone else's (whose existence is not revealed). */
  WorkflowRecord ownedWorkflow(String id, Tokens.Principal user) {
    Optional<WorkflowRecord> found = stores.workflows().get(id);
    if (found.isEmpty() || !user.userId().equals(found.get().ownerId())) {
      throw ApiException.notFound("workflow", id);
    }
    return found.get();
  }

  /** The workflow of a record, checked: parse problems and problems against the node types are a 400. */
  Workflow runnable(WorkflowRecord record, String userId) {
    Workflow wf = parse(record.definition()).withId(record.id());
    List<Problem> problems = weft.validate(wf);
    if (!problems.isEmpty()) {
      throw new WorkflowException(wf.name(), problems);
    }
    checkCredentials(wf, userId);
    return wf;
  }

  static Workflow parse(Map<String, Object> definition) {
    return Workflow.fromMap(definition);
  }

  /** Every credential a node names must exist and belong to the user. */
  void checkCredentials(Workflow wf, String userId) {
    List<Map<String, Object>> problems = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (WorkflowNode node : wf.nodes()) {
      for (Map.Entry<String, String> e : node.credentials().entrySet()) {
        Optional<CredentialRecord> cred = stores.credentials().get(e.getValue());
        if (cred.isEmpty() || !userId.equals(cred.get().ownerId())) {
          String message = "node '" + node.name() + "' uses credential '" + e.getValue() + "' for '" + e.getKey()
              + "', which does not exist or is not yours";
          messages.add(message);
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("node", node.name());
          p.put("credentialType", e.getKey());
          p.put("credentialId", e.getValue());
          p.put("message", message);
          problems.add(p);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(400, "invalid_credentials", String.join("; ", messages), Map.of("problems", problems));
    }
  }

  /** A started execution: its id, and its result when it ends or suspends. */
  record Started(String executionId, CompletableFuture<ExecutionResult> result) {}

  /** Starts an execution on a server thread; returns once the engine has recorded it (or after 5 s). */
  Started start(Workflow wf, List<Item> input, String startNode, String mode) {
    return start(wf, input, new ExecutionOptions(mode, startNode, null, null));
  }

  /** Starts an execution with these options (its id is assigned here). */
  Started start(Workflow wf, List<Item> input, ExecutionOptions options) {
    String id = dev.weft.internal.Ids.executionId();
    ExecutionOptions withId = new ExecutionOptions(options.mode(), options.startNode(), options.parentExecutionId(),
        id, options.priorOutputs());
    CompletableFuture<Void> recorded = new CompletableFuture<>();
    starting.put(id, recorded);
    CompletableFuture<ExecutionResult> result = weft.queueMode() ? queued(wf, input, withId)
        : CompletableFuture.supplyAsync(() -> weft.run(wf, input, withId), runner);
    result.whenComplete((r, e) -> recorded.complete(null));
    try {
      recorded.get(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // still starting: the client sees it appear shortly
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      // cannot happen: completed normally only
    } finally {
      starting.remove(id);
    }
    return new Started(id, result);
  }

  /** Queue mode: a worker runs it; its events and result come back over the bus. */
  private CompletableFuture<ExecutionResult> queued(Workflow wf, List<Item> input, ExecutionOptions options) {
    weft.enqueue(wf, input, options);
    CompletableFuture<ExecutionResult> result = weft.whenFinished(options.executionId());
    return result != null ? result : new CompletableFuture<>();
  }

  @Override
  public void close() {
    if (activations != null) {
      activations.close();
    }
    testWebhooks.close();
    weft.close();
    runner.shutdownNow();
    hub.close();
    stores.close();
  }
}
