package dev.weft.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.event.ExecutionListener;
import dev.weft.expression.ExpressionEngine;
import dev.weft.expression.ExpressionLimits;
import dev.weft.internal.Jackson;
import dev.weft.node.NodeRegistry;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeException;
import dev.weft.spi.Resumption;
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
      boolean durable) {}

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
  private volatile boolean closed;

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
    if (recorder != null && config.durable()) {
      timers.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** How often running durable executions renew their heartbeat. */
  static final Duration HEARTBEAT = Duration.ofSeconds(10);
  /** A running execution whose heartbeat is older than this belongs to an engine that stopped. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(45);

  private void heartbeat() {
    for (ExecutionRun run : active.values()) {
      if (run.durable) {
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
    String id = options.executionId() != null ? options.executionId() : UUID.randomUUID().toString();
    ExecutionRun run = new ExecutionRun(this, plan, id, options.mode(), options.parentExecutionId());
    run.start(start, input);
    return run;
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
    if (recorder != null) {
      run.recordVersion = recorder.stopped(run, result, run.recordVersion);
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
    if (recorder != null) {
      recorder.checkpoint(run);
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

  /** Whether an execution is waiting and accepts an outside call to resume it. */
  public boolean isWaiting(String id) {
    return waiting.containsKey(id);
  }

  /** The execution's final result once it ends, for running and waiting executions; {@code null} when unknown. */
  public CompletableFuture<ExecutionResult> whenFinished(String id) {
    ExecutionRun run = active.get(id);
    if (run == null) {
      run = waiting.get(id);
    }
    return run == null ? null : run.finished;
  }

  /** Cancels a running or waiting execution; returns false when there is none with this id. */
  public boolean cancel(String id, String reason) {
    ExecutionRun run = active.get(id);
    if (run != null) {
      return run.cancellation.cancel(reason);
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
      run.cancellation.cancel("the engine is closing");
    }
    timers.shutdownNow();
    nodeExecutor.shutdownNow();
  }
}
