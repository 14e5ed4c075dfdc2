package dev.weft;

import dev.weft.binary.InMemoryBinaryStore;
import dev.weft.credential.CredentialCipher;
import dev.weft.cluster.ClusterBus;
import dev.weft.cluster.TickLock;
import dev.weft.cluster.Workers;
import dev.weft.credential.CredentialService;
import dev.weft.event.ExecutionListener;
import dev.weft.execution.Engine;
import dev.weft.execution.ExecutionOptions;
import dev.weft.expression.ExpressionLimits;
import dev.weft.node.NodeRegistry;
import dev.weft.plugin.NodePlugins;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodePack;
import dev.weft.store.CredentialStore;
import dev.weft.trigger.TriggerManager;
import dev.weft.trigger.Webhooks;
import dev.weft.workflow.Problem;
import dev.weft.workflow.Workflow;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Weft, embedded: the one object a host application holds.
 *
 * <pre>{@code
 * try (Weft weft = Weft.create()) {                      // node packs found on the classpath
 *   Workflow wf = Workflow.fromJson(json);
 *   ExecutionResult result = weft.run(wf);                // blocking; runAsync for a future
 *   System.out.println(result.output());
 * }
 * }</pre>
 *
 * <p>A {@code Weft} is thread-safe; share one per application. It runs workflows ({@link #run}), keeps waiting
 * executions and resumes them ({@link #resume}), activates triggers ({@link #activate}) and serves webhooks
 * ({@link #webhooks()}). Close it to stop triggers and cancel what still runs.
 */
public final class Weft implements AutoCloseable {
  private final Engine engine;
  private final Map<String, Workflow> workflows;
  private final TriggerManager triggers;
  private final CredentialService credentialService;
  private final NodePlugins plugins;
  private final List<Workers> workers = new java.util.concurrent.CopyOnWriteArrayList<>();

  private Weft(Engine engine, Map<String, Workflow> workflows, CredentialService credentialService,
      NodePlugins plugins, dev.weft.store.WebhookStore webhookStore) {
    this.engine = engine;
    this.workflows = workflows;
    this.triggers = new TriggerManager(engine, webhookStore);
    this.credentialService = credentialService;
    this.plugins = plugins;
  }

  /** An engine with the node packs found on the classpath and every default. */
  public static Weft create() {
    return builder().build();
  }

  /** Starts configuring an engine. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- running ----

  /** Runs a workflow from its trigger with one empty item, on the calling thread, until it ends or suspends. */
  public ExecutionResult run(Workflow workflow) {
    return run(workflow, List.of(Item.empty()));
  }

  /**
   * Runs a workflow from its trigger with these items as the trigger's output.
   *
   * @throws dev.weft.workflow.WorkflowException when the workflow is invalid, listing every problem
   */
  public ExecutionResult run(Workflow workflow, List<Item> input) {
    return engine.run(workflow, input, ExecutionOptions.manual());
  }

  /** Runs a workflow with options (start node, mode). */
  public ExecutionResult run(Workflow workflow, List<Item> input, ExecutionOptions options) {
    return engine.run(workflow, input, options);
  }

  /** Runs a workflow on an engine thread; the future completes when it ends or suspends. */
  public CompletableFuture<ExecutionResult> runAsync(Workflow workflow, List<Item> input) {
    return engine.runAsync(workflow, input, ExecutionOptions.manual());
  }

  // ---- queue mode ----

  /**
   * Queues a workflow run for the workers (see {@link Builder#workQueue}) with these items as its trigger's output,
   * and returns the execution id at once; {@link #whenFinished} gives its result. Manual runs are claimed before
   * queued trigger and schedule runs.
   *
   * @throws dev.weft.workflow.WorkflowException when the workflow is invalid, listing every problem
   * @throws IllegalStateException when the engine has no work queue
   */
  public String enqueue(Workflow workflow, List<Item> input) {
    return enqueue(workflow, input, ExecutionOptions.manual());
  }

  /** {@link #enqueue(Workflow, List)} with options (start node, mode, execution id). */
  public String enqueue(Workflow workflow, List<Item> input, ExecutionOptions options) {
    return engine.enqueue(workflow, input, options, Engine.priorityOf(options.mode()));
  }

  /**
   * Starts workers that claim queued executions from the work queue and run them, at most {@code concurrency} at a
   * time. {@link #close} stops them, giving running executions 30 seconds to finish.
   *
   * @throws IllegalStateException when the engine has no work queue
   */
  public Workers startWorkers(int concurrency) {
    return startWorkers(defaultWorkerId(), concurrency);
  }

  /** {@link #startWorkers(int)} with a worker id of your own (it names the worker in leases and logs). */
  public Workers startWorkers(String workerId, int concurrency) {
    Workers w = engine.startWorkers(Objects.requireNonNull(workerId, "workerId"), concurrency);
    workers.add(w);
    return w;
  }

  private static String defaultWorkerId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      host = "worker";
    }
    return host + "-" + ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Resumes a waiting execution now (whatever it waits for) with a payload for the node that suspended it, and runs
   * it until it ends or suspends again.
   *
   * @throws IllegalArgumentException when no execution with this id is waiting
   */
  public ExecutionResult resume(String executionId, Map<String, Object> payload) {
    return engine.resume(executionId, payload);
  }

  /**
   * Picks up executions from the execution store: waiting ones are kept (and resume on time) and running ones whose
   * engine stopped beating continue from their last checkpoint. {@link Builder#build} does this once when an execution
   * store is configured; hosts call it again to take over the work of an engine that died.
   */
  public Engine.Recovery recover() {
    return engine.recover(Engine.STALE_AFTER);
  }

  /** The bus shared with the other instances of a deployment ({@link Builder#clusterBus}), or {@code null}. */
  public ClusterBus clusterBus() {
    return engine.clusterBus();
  }

  /** Whether this engine queues executions for workers ({@link Builder#workQueue}) instead of running them. */
  public boolean queueMode() {
    return engine.queueMode();
  }

  /** Whether an execution is waiting and can be resumed (in queue mode, wherever it waits). */
  public boolean isWaiting(String executionId) {
    return engine.isWaiting(executionId);
  }

  /** The final result of a running or waiting execution, or {@code null} when there is none with this id. */
  public CompletableFuture<ExecutionResult> whenFinished(String executionId) {
    return engine.whenFinished(executionId);
  }

  /** Cancels a running or waiting execution; false when there is none with this id. */
  public boolean cancel(String executionId) {
    return engine.cancel(executionId, "cancelled on request");
  }

  /** Every problem of a workflow against this engine's node types; empty when it can run. */
  public List<Problem> validate(Workflow workflow) {
    return engine.validate(workflow);
  }

  // ---- stored workflows and triggers ----

  /** Keeps a workflow so that sub-workflow and error-workflow references by id find it. It must have an id. */
  public void save(Workflow workflow) {
    Objects.requireNonNull(workflow.id(), "a saved workflow needs an id");
    workflows.put(workflow.id(), workflow);
  }

  /**
   * Activates a workflow's triggers (schedules, webhooks, pollers). Re-activating replaces the previous activation.
   *
   * @throws NodeException naming the trigger node and parameter when a trigger cannot start
   */
  public void activate(Workflow workflow) throws NodeException {
    if (workflow.id() != null) {
      workflows.putIfAbsent(workflow.id(), workflow);
    }
    triggers.activate(workflow);
  }

  /**
   * Stops a workflow's triggers, and releases its routes in the shared webhook store when there is one; executions
   * already started go on.
   */
  public void deactivate(String workflowId) {
    triggers.deactivateAndRelease(workflowId);
  }

  /** Ids of the active workflows. */
  public List<String> activeWorkflows() {
    return triggers.activeWorkflows();
  }

  /** The webhooks of active workflows, for the host's HTTP server to dispatch to. */
  public Webhooks webhooks() {
    return triggers.webhooks();
  }

  // ---- credentials ----

  /**
   * The credential service: create, update, list and test credentials, stored encrypted.
   *
   * @throws IllegalStateException when the engine was built without {@link Builder#credentialStore}
   */
  public CredentialService credentials() {
    if (credentialService == null) {
      throw new IllegalStateException("this engine has no credential store; configure one with "
          + "Weft.builder().credentialStore(store, cipher)");
    }
    return credentialService;
  }

  /**
   * The node packs loaded as plugins from {@link Builder#pluginsDirectory}: list, load, start, stop, unload and reload
   * them at run time. Running executions keep the node instances they planned with; new executions use what is
   * registered now.
   *
   * @throws IllegalStateException when the engine was built without a plugins directory
   */
  public NodePlugins plugins() {
    if (plugins == null) {
      throw new IllegalStateException("this engine loads no plugins; set Weft.builder().pluginsDirectory(folder)");
    }
    return plugins;
  }

  // ---- introspection ----

  /** Every registered node type (all versions). */
  public List<NodeDescriptor> nodeTypes() {
    return engine.registry().descriptors();
  }

  /** Every registered credential type. */
  public List<CredentialType> credentialTypes() {
    return List.copyOf(engine.registry().credentialTypes());
  }

  /** Adds an execution listener. */
  public void addListener(ExecutionListener listener) {
    engine.addListener(listener);
  }

  /** Removes an execution listener. */
  public void removeListener(ExecutionListener listener) {
    engine.removeListener(listener);
  }

  /** Whether nodes run on virtual threads (Java 21 and later). */
  public boolean usesVirtualThreads() {
    return engine.usesVirtualThreads();
  }

  /** Stops triggers, cancels running executions and releases threads. */
  @Override
  public void close() {
    triggers.close();
    for (Workers w : workers) {
      try {
        w.stop(java.time.Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    engine.close();
    if (plugins != null) {
      plugins.close();
    }
    engine.registry().close(); // node packs release their pools and connections
  }

  /** Configures a {@link Weft}. */
  public static final class Builder {
    private final NodeRegistry registry = new NodeRegistry();
    private final List<NodePack> packs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private boolean discover = true;
    private Clock clock = Clock.systemUTC();
    private ZoneId zone = ZoneId.of("UTC");
    private final List<ExecutionListener> listeners = new ArrayList<>();
    private Engine.CredentialResolver credentials = (id, type, node) -> {
      throw new NodeException("credential '" + id + "' of type '" + type + "' cannot be loaded: this engine has no "
          + "credential store (configure one with Weft.builder().credentials(...))");
    };
    private BinaryStore binaries;
    private Engine.WorkflowLookup workflowLookup;
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();
    private int parallelism = Math.max(4, Runtime.getRuntime().availableProcessors() * 4);
    private final Map<String, Object> vars = new LinkedHashMap<>();
    private ExpressionLimits limits = ExpressionLimits.defaults();
    private dev.weft.store.ExecutionStore executions;
    private boolean durable = true;
    private java.nio.file.Path pluginsDirectory;
    private CredentialStore credentialStore;
    private CredentialCipher cipher;
    private dev.weft.store.WorkQueue workQueue;
    private ClusterBus clusterBus;
    private TickLock tickLock;
    private boolean shareEvents;
    private dev.weft.store.WebhookStore webhookStore;

    private Builder() {}

    /**
     * Queue mode: triggers, webhooks and {@link Weft#enqueue} queue executions here (their workflow and input kept in
     * the execution store, which this needs) for workers of any instance sharing the queue to run; see
     * {@link Weft#startWorkers}. Without workers nothing queued runs.
     */
    public Builder workQueue(dev.weft.store.WorkQueue value) {
      this.workQueue = Objects.requireNonNull(value, "queue");
      return this;
    }

    /**
     * The bus shared with the other instances of a deployment: cancellations reach the worker running an execution,
     * and results reach whoever waits for them.
     */
    public Builder clusterBus(ClusterBus value) {
      this.clusterBus = Objects.requireNonNull(value, "bus");
      return this;
    }

    /**
     * Shares execution events over the {@link #clusterBus} both ways: this engine's events go to the other
     * instances, and theirs reach this engine's listeners, so a server's live view shows executions running on
     * workers. Off by default: every event then costs a bus message.
     */
    public Builder shareEvents(boolean value) {
      this.shareEvents = value;
      return this;
    }

    /** Makes schedules and polling triggers fire once per tick across the instances sharing this lock. */
    public Builder tickLock(TickLock value) {
      this.tickLock = Objects.requireNonNull(value, "lock");
      return this;
    }

    /**
     * Records the routes of active workflows' webhooks in a store shared by the instances of a deployment, so that two
     * workflows cannot serve one route on different instances: activating a workflow whose webhook another workflow
     * holds fails naming the trigger node and that workflow. {@link Weft#deactivate} releases a workflow's routes;
     * closing the engine keeps them (its workflows stay active on the other instances).
     */
    public Builder webhookStore(dev.weft.store.WebhookStore value) {
      this.webhookStore = Objects.requireNonNull(value, "webhook store");
      return this;
    }

    /** Adds a node pack. */
    public Builder nodePack(NodePack pack) {
      packs.add(Objects.requireNonNull(pack, "pack"));
      return this;
    }

    /** Adds a single node type (from the host application, say). */
    public Builder node(Node node) {
      nodes.add(Objects.requireNonNull(node, "node"));
      return this;
    }

    /** Whether to add the node packs {@link java.util.ServiceLoader} finds on the classpath (default true). */
    public Builder discoverNodePacks(boolean value) {
      this.discover = value;
      return this;
    }

    /** The clock nodes and expressions see (default: system UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The time zone of workflows that set none (default UTC). */
    public Builder timeZone(ZoneId value) {
      this.zone = Objects.requireNonNull(value, "zone");
      return this;
    }

    /** Adds an execution listener. */
    public Builder listener(ExecutionListener value) {
      listeners.add(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /** Where nodes' credentials come from. */
    public Builder credentials(Engine.CredentialResolver value) {
      this.credentials = Objects.requireNonNull(value, "credentials");
      return this;
    }

    /**
     * Keeps credentials in this store, sealed with this cipher (AES-256-GCM; see {@link CredentialCipher}); nodes get
     * them decrypted, and only the types they declare.
     */
    public Builder credentialStore(CredentialStore store, CredentialCipher cipher) {
      this.credentialStore = Objects.requireNonNull(store, "store");
      this.cipher = Objects.requireNonNull(cipher, "cipher");
      return this;
    }

    /**
     * Loads node packs from PF4J plugin zips (or unpacked folders) in this folder when the engine is built; a plugin
     * that cannot load is reported (see {@link Weft#plugins()}) and the others still load.
     */
    public Builder pluginsDirectory(java.nio.file.Path value) {
      this.pluginsDirectory = Objects.requireNonNull(value, "directory");
      return this;
    }

    /** Where binary data is kept (default: in memory). */
    public Builder binaryStore(BinaryStore value) {
      this.binaries = Objects.requireNonNull(value, "binaries");
      return this;
    }

    /** Where stored workflows are found by id, besides those given to {@link Weft#save}. */
    public Builder workflows(Engine.WorkflowLookup value) {
      this.workflowLookup = value;
      return this;
    }

    /** A service nodes can look up by type. */
    public <T> Builder service(Class<T> type, T instance) {
      services.put(type, Objects.requireNonNull(instance, "instance"));
      return this;
    }

    /** How many nodes of one execution may run at once when a workflow runs branches in parallel. */
    public Builder parallelism(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, was " + value);
      }
      this.parallelism = value;
      return this;
    }

    /** A value for {@code $vars}. */
    public Builder variable(String name, Object value) {
      vars.put(name, value);
      return this;
    }

    /**
     * Where executions are recorded (status, error, run data as each workflow's retention setting allows). Without
     * one, executions live only in the results returned.
     */
    public Builder executionStore(dev.weft.store.ExecutionStore value) {
      this.executions = value;
      return this;
    }

    /**
     * Whether executions write a checkpoint to the execution store after each node (default true when a store is
     * configured), so that a crash loses nothing: a new engine continues from the last finished node.
     */
    public Builder durableExecutions(boolean value) {
      this.durable = value;
      return this;
    }

    /** Where stored workflows are found by id: a workflow store's records are read as workflows. */
    public Builder workflowStore(dev.weft.store.WorkflowStore store) {
      this.workflowLookup = id -> store.get(id).map(r -> Workflow.fromMap(r.definition()).withId(r.id())).orElse(null);
      return this;
    }

    /** Limits on expression evaluation. */
    public Builder expressionLimits(ExpressionLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * The engine.
     *
     * @throws IllegalStateException when two packs register the same node type and version (naming both)
     */
    public Weft build() {
      packs.forEach(registry::register);
      for (Node n : nodes) {
        registry.register(n, "host application");
      }
      if (discover) {
        registry.registerDiscovered(Thread.currentThread().getContextClassLoader());
      }
      CredentialService credentialService = null;
      Engine.CredentialResolver resolver = credentials;
      Map<Class<?>, Object> engineServices = new LinkedHashMap<>(services);
      if (credentialStore != null) {
        Map<Class<?>, Object> serviceMap = Map.copyOf(services);
        CredentialService service = new CredentialService(credentialStore, cipher, registry::credentialType,
            new dev.weft.spi.Services() {
              @Override
              @SuppressWarnings("unchecked")
              public <T> T service(Class<T> type) {
                Object s = serviceMap.get(type);
                if (s == null) {
                  throw new IllegalStateException("the host offers no service of type " + type.getName());
                }
                return (T) s;
              }
            });
        credentialService = service;
        engineServices.putIfAbsent(dev.weft.spi.CredentialUpdates.class, service.updates());
        resolver = (id, type, node) -> {
          dev.weft.spi.Credentials c;
          try {
            c = service.decrypt(id);
          } catch (RuntimeException e) {
            throw new NodeException(e.getMessage(), "credentials." + type, -1, null, null);
          }
          if (!c.type().equals(type)) {
            throw new NodeException("credential '" + id + "' is of type '" + c.type() + "', but the node needs '"
                + type + "'", "credentials." + type, -1, null, null);
          }
          return c;
        };
      }
      Map<String, Workflow> saved = new ConcurrentHashMap<>();
      Engine.WorkflowLookup external = workflowLookup;
      Engine.WorkflowLookup lookup = id -> {
        Workflow wf = saved.get(id);
        return wf != null || external == null ? wf : external.find(id);
      };
      Engine engine = new Engine(new Engine.Config(registry, clock, zone, List.copyOf(listeners), resolver,
          binaries != null ? binaries : new InMemoryBinaryStore(), lookup, Map.copyOf(engineServices), parallelism,
          Map.copyOf(vars), limits, executions, durable && executions != null,
          new Engine.Cluster(workQueue, clusterBus, tickLock, shareEvents)));
      NodePlugins nodePlugins = null;
      if (pluginsDirectory != null) {
        nodePlugins = new NodePlugins(registry, pluginsDirectory, engine::invalidatePlans);
        nodePlugins.loadAll(); // each failure is logged by NodePlugins and listed by weft.plugins().list()
      }
      Weft weft = new Weft(engine, saved, credentialService, nodePlugins, webhookStore);
      if (executions != null) {
        Engine.Recovery recovery = engine.recover(Engine.STALE_AFTER);
        if (!recovery.failed().isEmpty()) {
          org.slf4j.LoggerFactory.getLogger(Weft.class).warn("{} executions could not be recovered: {}",
              recovery.failed().size(), recovery.failed());
        }
      }
      return weft;
    }
  }
}
