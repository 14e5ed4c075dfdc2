package dev.weft.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.event.ExecutionListener;
import dev.weft.expression.ExpressionEngine;
import dev.weft.expression.ExpressionLimits;
import dev.weft.cluster.ClusterBus;
import dev.weft.cluster.TickLock;
import dev.weft.cluster.Workers;
import dev.weft.internal.Jackson;
import dev.weft.node.NodeRegistry;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeException;
import dev.weft.spi.Resumption;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.ExecutionStore;
import dev.weft.store.Lease;
import dev.weft.store.QueueMessage;
import dev.weft.store.StaleVersionException;
import dev.weft.store.WorkQueue;
import dev.weft.workflow.Problem;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind {@link dev.weft.Weft}: plans workflows, runs executions, keeps waiting ones and their timers.
 * Not an API of its own: hosts use {@code Weft}.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  /** Resolves a stored credential for a node. */
  @FunctionalInterface
  public interface CredentialResolver {
    /** The decrypted credential, or a {@link NodeException} saying why there is none. */
    Credentials resolve(String credentialId, String type, String nodeName) throws NodeException;
  }

  /** Finds stored workflows by id (for sub-workflows and error workflows). */
  @FunctionalInterface
  public interface WorkflowLookup {
    /** The workflow, or {@code null}. */
    Workflow find(String id);
  }

  /**
   * Everything an engine is configured with.
   *
   * @param registry node and credential types
   * @param clock the clock nodes and expressions see
   * @param zone default time zone of workflows without one
   * @param listeners execution listeners
   * @param credentials credential resolver
   * @param binaries binary store
   * @param workflows stored workflow lookup
   * @param services extra services for nodes, by type
   * @param parallelism how many nodes of one execution may run at once in parallel order
   * @param vars values of {@code $vars}
   * @param limits expression limits
   * @param executions where executions are recorded, or {@code null} to keep them only in results
   * @param durable whether executions write a checkpoint after each node (needs {@code executions})
   * @param cluster the work queue, bus and tick lock shared with other instances; {@link Cluster#NONE} for none
   */
  public record Config(
      NodeRegistry registry,
      Clock clock,
      ZoneId zone,
      List<ExecutionListener> listeners,
      CredentialResolver credentials,
      BinaryStore binaries,
      WorkflowLookup workflows,
      Map<Class<?>, Object> services,
      int parallelism,
      Map<String, Object> vars,
      ExpressionLimits limits,
      dev.weft.store.ExecutionStore executions,
      boolean durable,
      Cluster cluster) {}

  /**
   * What an engine shares with other instances of a deployment; each part may be {@code null}.
   *
   * @param queue where executions are queued for workers (queue mode); needs an execution store
   * @param bus broadcasts cancellations, stopped executions and events
   * @param ticks makes schedules fire once per tick across instances
   * @param shareEvents whether execution events go over the bus both ways: this engine's to the others, and theirs to
   *     this engine's listeners (so a server shows executions that run on workers)
   */
  public record Cluster(WorkQueue queue, ClusterBus bus, TickLock ticks, boolean shareEvents) {
    /** A lone engine. */
    public static final Cluster NONE = new Cluster(null, null, null, false);
  }

  private final Config config;
  private final ExpressionEngine expressions;
  private final Events events;
  private final ExecutorService nodeExecutor;
  private final ScheduledExecutorService timers;
  private final Cache<Workflow, ExecutionPlan> plans = Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();
  private final Map<String, ExecutionRun> active = new ConcurrentHashMap<>();
  private final Map<String, ExecutionRun> waiting = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.ScheduledFuture<?>> wakeups = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> staticData = new ConcurrentHashMap<>();
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
  private final ExecutionRecorder recorder;
  /**
   * Periodic work that talks to the stores (heartbeats, lease renewals, polls for remote results), on a thread of its
   * own: a database that hangs must not delay waits, schedules and time limits on {@link #timers}.
   */
  private final ScheduledExecutorService storeTimer = Executors.newSingleThreadScheduledExecutor(daemon("weft-store"));
  private final List<QueueWorkers> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Futures of executions that run elsewhere (queued), completed by the bus or by polling the store. */
  private final Map<String, List<RemoteWaiter>> remote = new ConcurrentHashMap<>();
  private final List<ClusterBus.Subscription> subscriptions = new java.util.ArrayList<>();
  private volatile boolean closed;

  /** Someone waiting for an execution that runs elsewhere to stop (finish, or also wait when {@code anyStop}). */
  private record RemoteWaiter(CompletableFuture<ExecutionResult> future, boolean anyStop, long afterVersion) {}

  /** An engine with this configuration. */
  public Engine(Config config) {
    this.config = config;
    this.expressions = new ExpressionEngine(config.limits());
    this.events = new Events(config.clock(), config.listeners());
    this.nodeExecutor = newNodeExecutor();
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon("weft-timer"));
    scheduler.setRemoveOnCancelPolicy(true);
    this.timers = scheduler;
    this.services.putAll(config.services());
    this.services.putIfAbsent(ObjectMapper.class, Jackson.mapper());
    this.recorder = config.executions() == null ? null : new ExecutionRecorder(config.executions());
    if (recorder != null && (config.durable() || config.cluster().queue() != null)) {
      storeTimer.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    if (config.cluster().queue() != null && recorder == null) {
      throw new IllegalStateException("queue mode needs an execution store: queued executions live there");
    }
    ClusterBus bus = config.cluster().bus();
    if (bus != null) {
      subscriptions.add(bus.subscribe(ClusterBus.CANCEL, this::onCancelMessage));
      subscriptions.add(bus.subscribe(ClusterBus.STOPPED, this::onStoppedMessage));
      subscriptions.add(bus.subscribe(ClusterBus.WEBHOOK_REPLY, dev.weft.trigger.WebhookReplies::deliver));
      if (config.cluster().queue() != null) {
        subscriptions.add(bus.subscribe(ClusterBus.ENQUEUED, m -> workers.forEach(QueueWorkers::wake)));
      }
      if (config.cluster().shareEvents()) {
        String origin = UUID.randomUUID().toString();
        ExecutionListener sharer = event -> {
          try {
            bus.publish(ClusterBus.EVENTS, RemoteEvents.toMessage(origin, event));
          } catch (RuntimeException e) {
            LOG.debug("event {} of execution {} not shared: {}", event.type(), event.executionId(), e.getMessage());
          }
        };
        events.add(sharer);
        subscriptions.add(bus.subscribe(ClusterBus.EVENTS, m -> {
          if (!origin.equals(m.get("origin"))) {
            events.deliverRemote(RemoteEvents.fromMessage(m), sharer);
          }
        }));
      }
    }
    if (config.cluster().queue() != null) {
      storeTimer.scheduleWithFixedDelay(this::pollRemote, 2, 2, TimeUnit.SECONDS);
    }
  }

  /** How often running durable executions renew their heartbeat. */
  static final Duration HEARTBEAT = Duration.ofSeconds(10);
  /** A running execution whose heartbeat is older than this belongs to an engine that stopped. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(45);

  private void heartbeat() {
    for (ExecutionRun run : active.values()) {
      if (run.durable || run.queued) {
        try {
          recorder.heartbeat(run);
        } catch (RuntimeException e) {
          LOG.warn("heartbeat of execution {} failed", run.id, e);
        }
      }
    }
  }

  /** Virtual threads where the JVM has them (21+), else a growing pool of daemon threads. */
  private static ExecutorService newNodeExecutor() {
    try {
      Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) m.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Executors.newCachedThreadPool(daemon("weft-node"));
    }
  }

  /** Whether nodes run on virtual threads. */
  public boolean usesVirtualThreads() {
    return !(nodeExecutor instanceof java.util.concurrent.ThreadPoolExecutor);
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  // ---- accessors for the run machinery ----

  ExpressionEngine expressions() {
    return expressions;
  }

  Events events() {
    return events;
  }

  /** Adds a listener. */
  public void addListener(ExecutionListener listener) {
    events.add(listener);
  }

  /** Removes a listener. */
  public void removeListener(ExecutionListener listener) {
    events.remove(listener);
  }

  /** The engine's clock. */
  public Clock clock() {
    return config.clock();
  }

  /** The node registry. */
  public NodeRegistry registry() {
    return config.registry();
  }

  Map<String, Object> vars() {
    return config.vars();
  }

  /** Where credentials come from. */
  public CredentialResolver credentials() {
    return config.credentials();
  }

  /** Where binary data is kept. */
  public BinaryStore binaries() {
    return config.binaries();
  }

  int parallelism() {
    return config.parallelism();
  }

  ExecutorService nodeExecutor() {
    return nodeExecutor;
  }

  ScheduledExecutorService storeTimer() {
    return storeTimer;
  }

  /** The scheduler for timers (waits, schedules, time limits). */
  public ScheduledExecutorService timers() {
    return timers;
  }

  Workflow findWorkflow(String id) {
    return config.workflows() == null ? null : config.workflows().find(id);
  }

  /** A service for nodes; see {@link dev.weft.spi.Services}. */
  @SuppressWarnings("unchecked")
  public <T> T service(Class<T> type) {
    Object s = services.get(type);
    if (s == null && type.getName().equals("okhttp3.OkHttpClient")) {
      s = services.computeIfAbsent(type, k -> HttpClients.shared());
    }
    if (s == null) {
      throw new IllegalStateException("the host offers no service of type " + type.getName()
          + "; register one with Weft.builder().service(" + type.getSimpleName() + ".class, instance)");
    }
    return (T) s;
  }

  Map<String, Object> staticData(Workflow workflow, String node) {
    String key = (workflow.id() == null ? "name:" + workflow.name() : workflow.id()) + "\u0000" + node;
    return staticData.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
  }

  // ---- planning ----

  /** Every problem of a workflow against this engine's node types; empty when it can run. */
  public List<Problem> validate(Workflow workflow) {
    return new Planner(config.registry(), expressions, config.zone()).validate(workflow);
  }

  ExecutionPlan plan(Workflow workflow) {
    ExecutionPlan plan = plans.getIfPresent(workflow);
    if (plan == null) {
      plan = new Planner(config.registry(), expressions, config.zone()).plan(workflow);
      plans.put(workflow, plan);
    }
    return plan;
  }

  /** Forgets compiled plans (after node types changed). */
  public void invalidatePlans() {
    plans.invalidateAll();
  }

  // ---- running ----

  ExecutionRun newRun(Workflow workflow, ExecutionOptions options, List<Item> input) {
    if (closed) {
      throw new IllegalStateException("the engine is closed");
    }
    ExecutionPlan plan = plan(workflow);
    PlannedNode start = startNode(workflow, plan, options);
    String id = options.executionId() != null ? options.executionId() : dev.weft.internal.Ids.executionId();
    ExecutionRun run = new ExecutionRun(this, plan, id, options.mode(), options.parentExecutionId());
    for (Map.Entry<String, List<List<Item>>> prior : options.priorOutputs().entrySet()) {
      PlannedNode node = plan.byName.get(prior.getKey());
      if (node != null && node != start) { // the earlier run of an upstream node, as if it had run in this one
        RunRecord record = new RunRecord(new Task(node), 0, run.startedAt, List.of());
        record.task = null;
        record.outputs = prior.getValue();
        record.outputCounts = prior.getValue().stream().map(List::size).toList();
        run.restoreRun(prior.getKey(), record);
      }
    }
    Task.Source source = null;
    for (dev.weft.workflow.Connection c : workflow.connections()) {
      if (c.to().equals(start.name) && c.input() == 0 && options.priorOutputs().containsKey(c.from())) {
        source = new Task.Source(c.from(), c.output(), 0); // lineage runs on into the earlier outputs
        break;
      }
    }
    run.start(start, input, source);
    return run;
  }

  private static PlannedNode startNode(Workflow workflow, ExecutionPlan plan, ExecutionOptions options) {
    PlannedNode start;
    if (options.startNode() != null) {
      start = plan.byName.get(options.startNode());
      if (start == null) {
        throw new WorkflowException(workflow.name(), List.of(Problem.workflow("there is no node named '"
            + options.startNode() + "' to start at")));
      }
    } else {
      start = plan.defaultStart();
      if (start == null) {
        throw new WorkflowException(workflow.name(), List.of(Problem.workflow(
            "the workflow has no node to start at: add a trigger (for example weft.manualTrigger)")));
      }
    }
    return start;
  }

  /** Runs a workflow on the calling thread until it ends or suspends. */
  public ExecutionResult run(Workflow workflow, List<Item> input, ExecutionOptions options) {
    return drive(newRun(workflow, options, input));
  }

  /** Runs a workflow on an engine thread. */
  public CompletableFuture<ExecutionResult> runAsync(Workflow workflow, List<Item> input, ExecutionOptions options) {
    return driveAsync(newRun(workflow, options, input));
  }

  ExecutionResult drive(ExecutionRun run) {
    active.put(run.id, run);
    if (recorder != null && run.recordVersion == ExecutionRun.NOT_RECORDED) {
      run.durable = config.durable();
      run.recordVersion = recorder.started(run);
    }
    ExecutionResult result;
    try {
      result = run.drive();
    } catch (RuntimeException | Error e) {
      active.remove(run.id);
      run.finished.completeExceptionally(e);
      throw e;
    }
    active.remove(run.id);
    if (run.abandoned) {
      return result; // the engine closed under a queued run: another worker continues it from its checkpoint
    }
    if (recorder != null) {
      run.recordVersion = recorder.stopped(run, result, run.recordVersion);
    }
    run.announceEnd(); // after the record: whoever reads the store on this event finds the outcome
    ClusterBus bus = config.cluster().bus();
    if (bus != null && (result.status() != ExecutionStatus.WAITING || run.queued)) {
      publishStopped(bus, result, run.recordVersion);
    }
    if (result.status() == ExecutionStatus.WAITING && run.queued) {
      return result; // its worker queues the wake-up; no local timer
    }
    if (result.status() == ExecutionStatus.WAITING) {
      waiting.put(run.id, run);
      if (result.waitUntil() != null) {
        long delay = Math.max(0, Duration.between(clock().instant(), result.waitUntil()).toMillis());
        wakeups.put(run.id, timers.schedule(() -> wake(run.id), delay, TimeUnit.MILLISECONDS));
      }
    } else {
      run.finished.complete(result);
      if (result.status() == ExecutionStatus.ERROR && !"error".equals(run.mode)) {
        startErrorWorkflow(run, result);
      }
    }
    return result;
  }

  CompletableFuture<ExecutionResult> driveAsync(ExecutionRun run) {
    CompletableFuture<ExecutionResult> stopped = new CompletableFuture<>();
    nodeExecutor.execute(() -> {
      try {
        stopped.complete(drive(run));
      } catch (RuntimeException | Error e) {
        stopped.completeExceptionally(e);
      }
    });
    return stopped;
  }

  void checkpoint(ExecutionRun run) {
    if (recorder != null && !run.abandoned) {
      recorder.checkpoint(run);
    }
  }

  // ---- queue mode ----

  /** How many deliveries a queued execution gets before it is dead-lettered. */
  static final int MAX_DELIVERIES = 5;

  /** Whether this engine queues executions for workers instead of running them itself. */
  public boolean queueMode() {
    return config.cluster().queue() != null;
  }

  /** The bus shared with other instances, or {@code null} for a lone engine. */
  public ClusterBus clusterBus() {
    return config.cluster().bus();
  }

  /** The lock making schedules fire once per tick across instances, or {@code null} for a lone engine. */
  public TickLock tickLock() {
    return config.cluster().ticks();
  }

  /** Queue priority by how an execution was started: people waiting first, then webhooks, then the backlog. */
  public static int priorityOf(String mode) {
    return switch (mode) {
      case "manual", "retry" -> 10;
      case "webhook", "chat" -> 5;
      default -> 0;
    };
  }

  /**
   * Queues an execution for the workers: validates the workflow, stores the execution as {@code NEW} with its
   * workflow and input, and queues its id. Returns the execution id.
   *
   * @throws WorkflowException when the workflow is invalid or has no node to start at
   * @throws IllegalStateException when the engine has no work queue
   * @throws dev.weft.store.StoreException when the execution cannot be stored or queued (nothing is left queued)
   */
  public String enqueue(Workflow workflow, List<Item> input, ExecutionOptions options, int priority) {
    WorkQueue queue = config.cluster().queue();
    if (queue == null) {
      throw new IllegalStateException("this engine has no work queue; configure one with Weft.builder().workQueue(…)");
    }
    ExecutionPlan plan = plan(workflow);
    PlannedNode start = startNode(workflow, plan, options);
    String id = options.executionId() != null ? options.executionId() : dev.weft.internal.Ids.executionId();
    Map<String, Object> queued = new LinkedHashMap<>();
    queued.put("startNode", start.name);
    queued.put("input", ExecutionCheckpoint.items(input));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("workflow", plan.definition());
    data.put("queued", queued);
    ExecutionStore store = config.executions();
    ExecutionRecord record = store.create(new ExecutionRecord(id, workflow.id(), workflow.name(),
        ExecutionRecord.Status.NEW, options.mode(), clock().instant(), null, null, null, null,
        options.parentExecutionId(), Map.of(), data, 0));
    try {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("executionId", id);
      payload.put("action", "start");
      if (workflow.id() != null) {
        payload.put("workflowId", workflow.id()); // queues may limit how many of one workflow run at once
      }
      queue.enqueue(new QueueMessage(id, payload, priority, null, MAX_DELIVERIES));
    } catch (RuntimeException e) {
      try {
        store.update(record.finished(ExecutionRecord.Status.ERROR, clock().instant(),
            "the execution could not be queued: " + e.getMessage(), null), record.version());
      } catch (RuntimeException ignored) {
        // the store fails too; the caller gets the queue's error
      }
      throw e;
    }
    workers.forEach(QueueWorkers::wake);
    announceEnqueued();
    return id;
  }

  private final java.util.concurrent.atomic.AtomicLong lastEnqueueNotice = new java.util.concurrent.atomic.AtomicLong();

  /**
   * Tells idle workers of other instances that there is work, so they claim now rather than at their next poll (up
   * to 100 ms away). At most one notice per 2 ms: a woken worker polls again within a millisecond of a claim anyway.
   */
  private void announceEnqueued() {
    ClusterBus bus = config.cluster().bus();
    long now = System.nanoTime();
    long last = lastEnqueueNotice.get();
    if (bus == null || now - last < 2_000_000L || !lastEnqueueNotice.compareAndSet(last, now)) {
      return;
    }
    try {
      bus.publish(ClusterBus.ENQUEUED, Map.of());
    } catch (RuntimeException e) {
      LOG.debug("the enqueue notice was not sent ({}); workers find the work at their next poll", e.getMessage());
    }
  }

  /** Starts queue workers claiming from this engine's work queue. */
  public Workers startWorkers(String workerId, int concurrency) {
    if (config.cluster().queue() == null) {
      throw new IllegalStateException("this engine has no work queue; configure one with Weft.builder().workQueue(…)");
    }
    if (closed) {
      throw new IllegalStateException("the engine is closed");
    }
    QueueWorkers w = new QueueWorkers(this, config.cluster().queue(), workerId, concurrency);
    workers.add(w);
    return w;
  }

  void workersStopped(QueueWorkers w) {
    workers.remove(w);
  }

  /** A worker lost a lease (it could not renew in time): another worker may run the execution now, so stop here. */
  void leaseLost(Lease lease) {
    String id = String.valueOf(lease.message().payload().get("executionId"));
    ExecutionRun run = active.get(id);
    if (run != null && run.queued) {
      LOG.warn("execution {}: its queue lease was lost; stopping it here, another worker continues it", id);
      run.abandoned = true;
      run.cancellation.cancel("the queue lease was lost");
    }
  }

  /** Runs one queued message on a worker thread: start, continue after a crash, or wake/resume a waiting one. */
  @SuppressWarnings("unchecked")
  void processQueued(QueueWorkers worker, Lease lease) {
    Map<String, Object> payload = lease.message().payload();
    String id = String.valueOf(payload.get("executionId"));
    String action = String.valueOf(payload.getOrDefault("action", "start"));
    ExecutionStore store = config.executions();
    ExecutionRecord record = store.get(id).orElse(null);
    if (record == null || record.status().isFinished()) {
      worker.ack(lease); // deleted, or done by an earlier delivery
      return;
    }
    ExecutionRun run;
    try {
      switch (record.status()) {
        case NEW -> run = queuedRun(record);
        case RUNNING -> {
          Object beat = record.data().get("heartbeatAt");
          if (beat != null && java.time.Instant.parse(String.valueOf(beat))
              .isAfter(clock().instant().minus(STALE_AFTER))) {
            // its engine is alive (it lost the lease but still beats): look again later
            worker.nack(lease, HEARTBEAT.multipliedBy(2), null);
            return;
          }
          run = restore(record);
        }
        case WAITING -> {
          boolean due = "wake".equals(action) && record.waitUntil() != null
              && !record.waitUntil().isAfter(clock().instant().plusSeconds(1));
          if (!due && !"resume".equals(action)) {
            worker.ack(lease); // an old wake-up: the execution was resumed another way meanwhile
            return;
          }
          run = restore(record);
          Map<String, Object> resumePayload = payload.get("payload") instanceof Map<?, ?> m
              ? (Map<String, Object>) m : Map.of();
          run.prepareResume(new Resumption("resume".equals(action), resumePayload));
        }
        default -> {
          worker.ack(lease);
          return;
        }
      }
    } catch (RuntimeException e) {
      LOG.error("queued execution {} cannot be run: {}", id, e.getMessage());
      markUnrecoverable(store, record, e);
      worker.ack(lease);
      return;
    }
    if (!claim(run, record)) {
      worker.nack(lease, Duration.ofMillis(200), null); // changed meanwhile (cancelled, say): look again
      return;
    }
    active.put(run.id, run);
    ExecutionResult result = drive(run);
    if (run.abandoned) {
      return; // no ack: the lease expires and another worker continues from the checkpoint
    }
    if (run.recordVersion < 0) { // the store failed to take the outcome: run it again from its checkpoint later
      worker.nack(lease, STALE_AFTER, "the execution's outcome could not be stored");
      return;
    }
    if (result.status() == ExecutionStatus.WAITING && result.waitUntil() != null) {
      try {
        config.cluster().queue().enqueue(new QueueMessage(id + "#wake#" + run.recordVersion,
            Map.of("executionId", id, "action", "wake"), 0, result.waitUntil(), MAX_DELIVERIES));
      } catch (RuntimeException e) {
        LOG.error("execution {} waits until {}, but its wake-up could not be queued; it resumes when an engine "
            + "recovers waiting executions", id, result.waitUntil(), e);
      }
    }
    worker.ack(lease);
  }

  @SuppressWarnings("unchecked")
  private ExecutionRun queuedRun(ExecutionRecord record) {
    if (!(record.data().get("workflow") instanceof Map<?, ?> definition)
        || !(record.data().get("queued") instanceof Map<?, ?> queued)) {
      throw new IllegalStateException("execution " + record.id() + " was queued without its workflow and input");
    }
    Workflow workflow = Workflow.fromMap((Map<String, Object>) definition);
    ExecutionPlan plan = plan(workflow);
    PlannedNode start = plan.byName.get(String.valueOf(queued.get("startNode")));
    if (start == null) {
      throw new IllegalStateException("execution " + record.id() + " starts at node '" + queued.get("startNode")
          + "', which its workflow does not have");
    }
    ExecutionRun run = new ExecutionRun(this, plan, record.id(), record.mode(), record.parentExecutionId(),
        record.startedAt());
    run.customData.putAll(record.customData());
    run.start(start, ExecutionCheckpoint.readItems((List<Object>) queued.get("input")));
    return run;
  }

  /** Takes a queued execution for this worker: one compare-and-set writing its first checkpoint. */
  private boolean claim(ExecutionRun run, ExecutionRecord record) {
    synchronized (run) {
      run.queued = true;
      // an unsaved workflow keeps only this first checkpoint: after a crash it starts over (see Workers)
      run.durable = config.durable() && run.plan().workflow.settings().saveData() != dev.weft.workflow.SaveData.NONE;
      run.recordVersion = record.version();
      ExecutionRecord claimed = new ExecutionRecord(record.id(), record.workflowId(), record.workflowName(),
          ExecutionRecord.Status.RUNNING, record.mode(), record.startedAt(), null, null, null, null,
          record.parentExecutionId(), record.customData(), recorder.resumable(run), record.version());
      try {
        run.recordVersion = config.executions().update(claimed, record.version()).version();
        return true;
      } catch (StaleVersionException e) {
        return false;
      }
    }
  }

  private void publishStopped(ClusterBus bus, ExecutionResult result, long version) {
    try {
      Map<String, Object> message = RemoteResults.toMessage(result);
      message.put("version", version);
      bus.publish(ClusterBus.STOPPED, message);
    } catch (RuntimeException e) {
      LOG.warn("execution {}: the bus did not take its stop notice ({}); waiters poll the store", result.executionId(),
          e.getMessage());
    }
  }

  private void onCancelMessage(Map<String, Object> message) {
    String id = String.valueOf(message.get("executionId"));
    ExecutionRun run = active.get(id);
    if (run != null) {
      run.cancellation.cancel(String.valueOf(message.getOrDefault("reason", "cancelled on request")));
    } else if (waiting.containsKey(id)) {
      cancel(id, String.valueOf(message.getOrDefault("reason", "cancelled on request")));
    }
  }

  private void onStoppedMessage(Map<String, Object> message) {
    String id = String.valueOf(message.get("executionId"));
    if (!remote.containsKey(id)) {
      return;
    }
    long version = message.get("version") instanceof Number n ? n.longValue() : Long.MAX_VALUE;
    completeRemote(id, RemoteResults.fromMessage(message), version);
  }

  /** Completes the waiters a stop concerns; {@code version} is the stored version the stop wrote. */
  private void completeRemote(String id, ExecutionResult result, long version) {
    boolean finished = result.status() != ExecutionStatus.WAITING && result.status() != ExecutionStatus.RUNNING;
    remote.computeIfPresent(id, (k, list) -> {
      List<RemoteWaiter> left = new java.util.ArrayList<>();
      for (RemoteWaiter w : list) {
        if (finished || w.anyStop() && version > w.afterVersion()) {
          w.future().complete(result);
        } else {
          left.add(w);
        }
      }
      return left.isEmpty() ? null : left;
    });
  }

  private CompletableFuture<ExecutionResult> awaitRemote(String id, boolean anyStop, long afterVersion) {
    RemoteWaiter w = new RemoteWaiter(new CompletableFuture<>(), anyStop, afterVersion);
    remote.compute(id, (k, list) -> {
      List<RemoteWaiter> l = list == null ? new java.util.concurrent.CopyOnWriteArrayList<>() : list;
      l.add(w);
      return l;
    });
    return w.future();
  }

  /** The store is the truth: bus notices can be missed, so remote waits are checked here every few seconds. */
  private void pollRemote() {
    for (String id : remote.keySet()) {
      try {
        ExecutionRecord record = config.executions().get(id).orElse(null);
        if (record == null) {
          List<RemoteWaiter> gone = remote.remove(id);
          if (gone != null) {
            gone.forEach(w -> w.future().completeExceptionally(
                new IllegalStateException("execution " + id + " was deleted")));
          }
        } else if (record.status().isFinished()) {
          completeRemote(id, RemoteResults.fromRecord(record), record.version());
        }
      } catch (RuntimeException e) {
        LOG.debug("polling execution {} failed", id, e);
      }
    }
  }

  /**
   * What {@link #recover} found.
   *
   * @param resumedWaiting waiting executions now kept by this engine again (timers rescheduled)
   * @param resumedRunning running executions whose engine stopped beating, now continued here
   * @param failed executions that could not be recovered, with the reason
   */
  public record Recovery(List<String> resumedWaiting, List<String> resumedRunning, Map<String, String> failed) {}

  /**
   * Picks up executions from the execution store after a restart or a crash: waiting executions are kept again (and
   * resume on time), and running executions whose last heartbeat is older than {@code staleAfter} continue from their
   * last checkpoint, so that no finished node runs twice. When several engines share a store, each execution is
   * claimed by one of them (an optimistic update of its record).
   */
  public Recovery recover(Duration staleAfter) {
    List<String> waitingIds = new java.util.ArrayList<>();
    List<String> runningIds = new java.util.ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    if (recorder == null) {
      return new Recovery(waitingIds, runningIds, failed);
    }
    dev.weft.store.ExecutionStore store = config.executions();
    for (dev.weft.store.ExecutionRecord record : store.findByStatus(dev.weft.store.ExecutionRecord.Status.WAITING,
        10_000)) {
      if (waiting.containsKey(record.id()) || active.containsKey(record.id())) {
        continue;
      }
      try {
        ExecutionRun run = restore(record);
        waiting.put(run.id, run);
        if (record.waitUntil() != null) {
          long delay = Math.max(0, Duration.between(clock().instant(), record.waitUntil()).toMillis());
          wakeups.put(run.id, timers.schedule(() -> wake(run.id), delay, TimeUnit.MILLISECONDS));
        }
        waitingIds.add(run.id);
      } catch (RuntimeException e) {
        failed.put(record.id(), e.getMessage());
        LOG.error("waiting execution {} cannot be recovered: {}", record.id(), e.getMessage());
        markUnrecoverable(store, record, e);
      }
    }
    java.time.Instant cutoff = clock().instant().minus(staleAfter);
    for (dev.weft.store.ExecutionRecord record : store.findByStatus(dev.weft.store.ExecutionRecord.Status.RUNNING,
        10_000)) {
      if (active.containsKey(record.id())) {
        continue;
      }
      Object beat = record.data().get("heartbeatAt");
      if (beat == null || java.time.Instant.parse(String.valueOf(beat)).isAfter(cutoff)) {
        continue; // not checkpointed (not durable), or its engine is alive
      }
      try {
        ExecutionRun run = restore(record);
        recorder.checkpoint(run); // claims it: a racing engine's update with the same version fails
        if (run.recordVersion == record.version()) {
          continue; // another engine claimed it first
        }
        runningIds.add(run.id);
        active.put(run.id, run); // visible to whenFinished and cancel before its thread starts
        driveAsync(run);
      } catch (RuntimeException e) {
        failed.put(record.id(), e.getMessage());
        LOG.error("running execution {} cannot be recovered: {}", record.id(), e.getMessage());
        markUnrecoverable(store, record, e);
      }
    }
    return new Recovery(waitingIds, runningIds, failed);
  }

  /** Ends an execution that cannot be continued as failed, so that every start does not try it again. */
  private void markUnrecoverable(dev.weft.store.ExecutionStore store, dev.weft.store.ExecutionRecord record,
      RuntimeException e) {
    try {
      store.update(new dev.weft.store.ExecutionRecord(record.id(), record.workflowId(), record.workflowName(),
          dev.weft.store.ExecutionRecord.Status.ERROR, record.mode(), record.startedAt(), clock().instant(), null,
          "the execution could not be recovered: " + e.getMessage(), null, record.parentExecutionId(),
          record.customData(), record.data(), record.version()), record.version());
    } catch (RuntimeException ignored) {
      // another engine changed it meanwhile; it will report on its own
    }
  }

  @SuppressWarnings("unchecked")
  private ExecutionRun restore(dev.weft.store.ExecutionRecord record) {
    if (!(record.data().get("workflow") instanceof Map<?, ?> definition)
        || !(record.data().get("state") instanceof Map<?, ?> state)) {
      throw new IllegalStateException("execution " + record.id() + " has no checkpoint to continue from");
    }
    Workflow workflow = Workflow.fromMap((Map<String, Object>) definition);
    ExecutionRun run = new ExecutionRun(this, plan(workflow), record.id(), record.mode(), record.parentExecutionId(),
        record.startedAt());
    ExecutionCheckpoint.restore(run, (Map<String, Object>) state);
    run.customData.putAll(record.customData());
    run.recordVersion = record.version();
    run.durable = true;
    return run;
  }

  private void wake(String id) {
    ExecutionRun run = waiting.remove(id);
    wakeups.remove(id);
    if (run != null) {
      run.prepareResume(new Resumption(false, Map.of()));
      try {
        drive(run);
      } catch (RuntimeException e) {
        LOG.error("execution {} failed to resume", id, e);
      }
    }
  }

  /**
   * Resumes a waiting execution now, whatever it waits for, and runs it on the calling thread until it ends or
   * suspends again.
   *
   * @throws IllegalArgumentException when no execution with this id is waiting
   */
  public ExecutionResult resume(String id, Map<String, Object> payload) {
    ExecutionRun run = waiting.remove(id);
    if (run == null && queueMode() && !active.containsKey(id)) {
      return resumeQueued(id, payload);
    }
    if (run == null) {
      throw new IllegalArgumentException("no execution with id '" + id + "' is waiting"
          + (active.containsKey(id) ? " (it is running)" : ""));
    }
    java.util.concurrent.ScheduledFuture<?> wakeup = wakeups.remove(id);
    if (wakeup != null) {
      wakeup.cancel(false);
    }
    run.prepareResume(new Resumption(true, payload == null ? Map.of() : payload));
    return drive(run);
  }

  /** Resumes a waiting execution that a worker owns: queues the resumption and waits for the next stop. */
  private ExecutionResult resumeQueued(String id, Map<String, Object> payload) {
    ExecutionRecord record = config.executions().get(id).orElse(null);
    if (record == null || record.status() != ExecutionRecord.Status.WAITING) {
      throw new IllegalArgumentException("no execution with id '" + id + "' is waiting"
          + (record == null ? "" : " (it is " + record.status().name().toLowerCase(java.util.Locale.ROOT) + ")"));
    }
    CompletableFuture<ExecutionResult> next = awaitRemote(id, true, record.version());
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("executionId", id);
    message.put("action", "resume");
    message.put("payload", payload == null ? Map.of() : payload);
    try {
      config.cluster().queue().enqueue(new QueueMessage(id + "#resume#" + record.version(), message,
          priorityOf("manual"), null, MAX_DELIVERIES));
    } catch (dev.weft.store.DuplicateIdException e) {
      // already asked to resume from this very wait: wait for that one
    }
    workers.forEach(QueueWorkers::wake);
    announceEnqueued();
    try {
      return next.get(RESUME_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while execution " + id + " resumed on a worker", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("execution " + id + " was queued to resume, but no worker reported it within "
          + RESUME_WAIT.toSeconds() + " s; it resumes when a worker takes it", e);
    }
  }

  /** How long {@link #resume} waits for a worker to run a queued resumption. */
  static final Duration RESUME_WAIT = Duration.ofMinutes(5);

  /** Whether an execution is waiting and accepts an outside call to resume it. */
  public boolean isWaiting(String id) {
    if (waiting.containsKey(id)) {
      return true;
    }
    if (queueMode() && !active.containsKey(id)) {
      return config.executions().get(id).map(r -> r.status() == ExecutionRecord.Status.WAITING).orElse(false);
    }
    return false;
  }

  /**
   * The execution's final result once it ends, for running and waiting executions; {@code null} when unknown. In
   * queue mode this includes executions that run on other instances (their result then has no per-node runs).
   */
  public CompletableFuture<ExecutionResult> whenFinished(String id) {
    ExecutionRun run = active.get(id);
    if (run == null) {
      run = waiting.get(id);
    }
    if (run != null) {
      return run.finished;
    }
    if (!queueMode()) {
      return null;
    }
    CompletableFuture<ExecutionResult> future = awaitRemote(id, false, Long.MAX_VALUE);
    ExecutionRecord record = config.executions().get(id).orElse(null); // after registering: no stop is missed
    if (record == null) {
      remote.computeIfPresent(id, (k, list) -> {
        list.removeIf(w -> w.future() == future);
        return list.isEmpty() ? null : list;
      });
      return null;
    }
    if (record.status().isFinished()) {
      completeRemote(id, RemoteResults.fromRecord(record), record.version());
    }
    return future;
  }

  /** Cancels a running or waiting execution; returns false when there is none with this id. */
  public boolean cancel(String id, String reason) {
    ExecutionRun run = active.get(id);
    if (run != null) {
      return run.cancellation.cancel(reason);
    }
    if (queueMode() && !waiting.containsKey(id)) {
      return cancelQueued(id, reason);
    }
    if (!waiting.containsKey(id) && config.cluster().bus() != null && config.executions() != null) {
      // another instance sharing the store runs or keeps it: ask over the bus
      ExecutionRecord record = config.executions().get(id).orElse(null);
      if (record != null && !record.status().isFinished()) {
        config.cluster().bus().publish(ClusterBus.CANCEL, Map.of("executionId", id, "reason", reason));
        return true;
      }
      return false;
    }
    run = waiting.remove(id);
    if (run != null) {
      java.util.concurrent.ScheduledFuture<?> wakeup = wakeups.remove(id);
      if (wakeup != null) {
        wakeup.cancel(false);
      }
      run.cancellation.cancel(reason);
      ExecutionResult result = run.snapshotAs(ExecutionStatus.CANCELLED);
      if (recorder != null) {
        run.recordVersion = recorder.stopped(run, result, run.recordVersion);
      }
      events.emit(dev.weft.event.ExecutionEvent.Type.EXECUTION_CANCELLED, run, null, 0, List.of(), 0, reason, null);
      run.finished.complete(result);
      return true;
    }
    return false;
  }

  /**
   * Cancels an execution owned by the queue: a queued or waiting one is marked cancelled in the store (its message is
   * dropped when claimed); a running one is asked over the bus to stop on its worker.
   */
  private boolean cancelQueued(String id, String reason) {
    ExecutionStore store = config.executions();
    for (int attempt = 0; attempt < 5; attempt++) {
      ExecutionRecord record = store.get(id).orElse(null);
      if (record == null || record.status().isFinished()) {
        return false;
      }
      if (record.status() == ExecutionRecord.Status.RUNNING) {
        ClusterBus bus = config.cluster().bus();
        if (bus == null) {
          LOG.warn("execution {} runs on another instance and there is no cluster bus to ask it to stop", id);
          return false;
        }
        bus.publish(ClusterBus.CANCEL, Map.of("executionId", id, "reason", reason));
        return true;
      }
      try {
        ExecutionRecord cancelled = store.update(record.finished(ExecutionRecord.Status.CANCELLED, clock().instant(),
            reason, null), record.version());
        ExecutionResult result = RemoteResults.fromRecord(cancelled);
        ClusterBus bus = config.cluster().bus();
        if (bus != null) {
          publishStopped(bus, result, cancelled.version());
        }
        completeRemote(id, result, cancelled.version());
        return true;
      } catch (StaleVersionException e) {
        // a worker claimed it meanwhile: look again
      }
    }
    return false;
  }

  private void startErrorWorkflow(ExecutionRun run, ExecutionResult result) {
    String errorWorkflowId = run.plan().workflow.settings().errorWorkflow();
    if (errorWorkflowId == null) {
      return;
    }
    Workflow errorWorkflow = findWorkflow(errorWorkflowId);
    if (errorWorkflow == null) {
      LOG.warn("execution {} of workflow '{}' failed, and its error workflow '{}' does not exist", run.id,
          run.plan().workflow.name(), errorWorkflowId);
      return;
    }
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", result.error().message());
    error.put("node", result.error().nodeName() == null ? null
        : Map.of("name", result.error().nodeName(), "type", result.error().nodeType()));
    if (result.error().description() != null) {
      error.put("description", result.error().description());
    }
    Map<String, Object> execution = new LinkedHashMap<>();
    execution.put("id", run.id);
    execution.put("error", error);
    execution.put("lastNodeExecuted", result.lastNode());
    execution.put("mode", run.mode);
    Map<String, Object> workflow = new LinkedHashMap<>();
    workflow.put("id", run.plan().workflow.id());
    workflow.put("name", run.plan().workflow.name());
    Item item = Item.of("execution", execution, "workflow", workflow);
    try {
      runAsync(errorWorkflow, List.of(item), new ExecutionOptions("error", null, run.id, null));
    } catch (RuntimeException e) {
      LOG.error("error workflow '{}' could not start for execution {}", errorWorkflowId, run.id, e);
    }
  }

  /** Stops timers and cancels running executions. */
  @Override
  public void close() {
    closed = true;
    for (ExecutionRun run : active.values()) {
      if (run.queued) {
        run.abandoned = true; // not recorded as cancelled: its lease expires and another worker continues it
      }
      run.cancellation.cancel("the engine is closing");
    }
    subscriptions.forEach(ClusterBus.Subscription::close);
    timers.shutdownNow();
    storeTimer.shutdownNow();
    nodeExecutor.shutdownNow();
  }
}
