package dev.weft.execution;

import dev.weft.ExecutionError;
import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.NodeRun;
import dev.weft.event.ExecutionEvent;
import dev.weft.spi.ExecutionCancelledException;
import dev.weft.spi.Item;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Resumption;
import dev.weft.spi.Suspension;
import dev.weft.workflow.ExecutionOrder;
import dev.weft.workflow.OnError;
import dev.weft.workflow.SaveData;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a plan: the stack of ready nodes, nodes waiting for more inputs, run records, and the loop that
 * drives them. The loop runs on one coordinating thread; nodes run on it too unless the workflow runs branches in
 * parallel.
 */
final class ExecutionRun {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionRun.class);

  private final Engine engine;
  private final ExecutionPlan plan;
  final String id;
  final String mode;
  final String parentId;
  final Instant startedAt;
  final CancellationSignal cancellation = new CancellationSignal();
  private final Map<String, List<RunRecord>> runs = new ConcurrentHashMap<>();
  private final List<String> runOrder = new ArrayList<>();
  private final Deque<Task> stack = new ArrayDeque<>();
  private final List<Task> waiting = new ArrayList<>();
  final Map<String, Map<String, Object>> nodeState = new ConcurrentHashMap<>();
  final Map<String, String> customData = new ConcurrentHashMap<>();
  private final Lineage lineage = new Lineage(this);
  private final boolean keepData;
  private final Map<String, Object> executionInfo;
  private final Map<String, Object> workflowInfo;

  private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
  private ExecutionError error;
  private String lastNode;
  private List<Item> lastOutput = List.of();
  private Task suspendedTask;
  private Suspension suspension;
  static final long NOT_RECORDED = Long.MIN_VALUE;
  /** The version of this execution's record in the execution store; -1 when the store failed. */
  long recordVersion = NOT_RECORDED;
  /** Completes when the execution ends for good (not when it suspends). */
  final CompletableFuture<ExecutionResult> finished = new CompletableFuture<>();

  ExecutionRun(Engine engine, ExecutionPlan plan, String id, String mode, String parentId) {
    this(engine, plan, id, mode, parentId, engine.clock().instant());
  }

  ExecutionRun(Engine engine, ExecutionPlan plan, String id, String mode, String parentId, Instant startedAt) {
    this.engine = engine;
    this.plan = plan;
    this.id = id;
    this.mode = mode;
    this.parentId = parentId;
    this.startedAt = startedAt;
    this.keepData = plan.keepLineage || plan.workflow.settings().saveData() != SaveData.NONE;
    Map<String, Object> exec = new LinkedHashMap<>();
    exec.put("id", id);
    exec.put("mode", mode);
    this.executionInfo = java.util.Collections.unmodifiableMap(exec);
    Map<String, Object> wf = new LinkedHashMap<>();
    wf.put("id", plan.workflow.id());
    wf.put("name", plan.workflow.name());
    this.workflowInfo = java.util.Collections.unmodifiableMap(wf);
  }

  /** What a checkpoint captures; taken on the coordinating thread between node activations. */
  record State(Iterable<Task> stack, Iterable<Task> waiting, Task suspended, Suspension suspension,
      List<String> runOrder, Map<String, List<RunRecord>> runs, Map<String, Map<String, Object>> nodeState,
      String lastNode, List<Item> lastOutput) {}

  State state() {
    synchronized (runOrder) {
      Map<String, List<RunRecord>> copy = new LinkedHashMap<>();
      for (String name : runOrder) {
        copy.put(name, List.copyOf(runs.get(name)));
      }
      return new State(List.copyOf(stack), List.copyOf(waiting), suspendedTask, suspension, List.copyOf(runOrder),
          copy, nodeState, lastNode, lastOutput);
    }
  }

  Deque<Task> stackForRestore() {
    return stack;
  }

  List<Task> waitingForRestore() {
    return waiting;
  }

  void restoreRun(String node, RunRecord record) {
    synchronized (runOrder) {
      runs.computeIfAbsent(node, k -> {
        runOrder.add(k);
        return new ArrayList<>();
      }).add(record);
    }
  }

  void restoreTail(String last, List<Item> output, Task suspended, Suspension suspendedUntil) {
    this.lastNode = last;
    this.lastOutput = output;
    this.suspendedTask = suspended;
    this.suspension = suspendedUntil;
    this.status = suspended != null ? ExecutionStatus.WAITING : ExecutionStatus.RUNNING;
  }

  /** Whether this run writes a checkpoint after each node. */
  volatile boolean durable;
  /** Whether a queue worker runs this execution (it renews a heartbeat; waits are woken through the queue). */
  volatile boolean queued;
  /** Set when the engine closes under a queued run: its outcome is not recorded, so another worker continues it. */
  volatile boolean abandoned;
  /** The resumable data last written (workflow, state, heartbeat), for heartbeats; guarded by this. */
  Map<String, Object> lastCheckpoint;

  Engine engine() {
    return engine;
  }

  ExecutionPlan plan() {
    return plan;
  }

  Lineage lineage() {
    return lineage;
  }

  Map<String, List<RunRecord>> runs() {
    return runs;
  }

  Map<String, Object> executionInfoMap() {
    return executionInfo;
  }

  Map<String, Object> workflowInfoMap() {
    return workflowInfo;
  }

  ExecutionStatus status() {
    return status;
  }

  Instant waitUntil() {
    return suspension == null ? null : suspension.resumeAt();
  }

  boolean resumableByCall() {
    return suspension != null && suspension.resumable();
  }

  /** Puts the start node on the stack with the run's input. */
  void start(PlannedNode startNode, List<Item> input) {
    start(startNode, input, null);
  }

  /** {@link #start(PlannedNode, List)} with the input coming from an earlier run of {@code source} (a retry). */
  void start(PlannedNode startNode, List<Item> input, Task.Source source) {
    Task task = new Task(startNode);
    task.inputs[0] = List.copyOf(input);
    if (source != null && task.sources.length > 0) {
      task.sources[0] = source;
    }
    stack.add(task);
    engine.events().emit(ExecutionEvent.Type.EXECUTION_STARTED, this, null, 0, List.of(), 0, null, null);
  }

  /** Puts the suspended node back on the stack, to run again with this resumption. */
  void prepareResume(Resumption resumption) {
    Task task = suspendedTask;
    suspendedTask = null;
    suspension = null;
    status = ExecutionStatus.RUNNING;
    task.resumption = resumption;
    stack.addFirst(task);
    engine.events().emit(ExecutionEvent.Type.EXECUTION_RESUMED, this, null, 0, List.of(), 0, null, null);
  }

  /** Runs until the execution ends or suspends; returns where it stands. */
  ExecutionResult drive() {
    Thread self = Thread.currentThread();
    long timeoutMs = plan.workflow.settings().timeoutMs();
    Future<?> watchdog = null;
    if (timeoutMs > 0) {
      long remaining = timeoutMs - java.time.Duration.between(startedAt, engine.clock().instant()).toMillis();
      watchdog = engine.timers().schedule(() -> {
        cancellation.timedOut = true;
        cancellation.cancel("the execution exceeded its time limit of " + timeoutMs + " ms");
      }, Math.max(0, remaining), TimeUnit.MILLISECONDS);
    }
    int maxConcurrency = plan.workflow.settings().executionOrder() == ExecutionOrder.PARALLEL
        ? engine.parallelism() : 1;
    BlockingQueue<Outcome> completions = new LinkedBlockingQueue<>();
    int running = 0;
    try {
      while (true) {
        boolean stopping = error != null || suspension != null || cancellation.isCancelled();
        if (!stopping && !stack.isEmpty() && running < maxConcurrency) {
          Task task = stack.pollFirst();
          if (maxConcurrency == 1 || running == 0 && stack.isEmpty()) {
            handle(execute(task, self));
          } else {
            running++;
            engine.nodeExecutor().execute(() -> completions.add(execute(task, Thread.currentThread())));
          }
          continue;
        }
        if (running > 0) {
          Outcome outcome;
          try {
            outcome = completions.take();
          } catch (InterruptedException e) {
            continue; // cancellation interrupts this thread too; the loop sees the flag
          }
          running--;
          handle(outcome);
          continue;
        }
        if (stopping) {
          break;
        }
        Task next = nextWaiting();
        if (next == null) {
          break;
        }
        stack.add(next);
      }
    } finally {
      if (watchdog != null) {
        watchdog.cancel(false);
      }
      if (cancellation.isCancelled()) {
        Thread.interrupted(); // the caller's thread may have been interrupted by the cancellation
      }
    }
    return conclude();
  }

  /** The waiting multi-input node to run with the inputs it has when nothing else can run, or {@code null}. */
  private Task nextWaiting() {
    Iterator<Task> it = waiting.iterator();
    while (it.hasNext()) {
      Task t = it.next();
      it.remove();
      if (t.hasRequiredInputs()) {
        return t;
      }
    }
    return null;
  }

  private ExecutionResult conclude() {
    if (cancellation.isCancelled() && error == null) {
      if (cancellation.timedOut) {
        error = new ExecutionError(cancellation.reason(), null, null, null, -1, null, null);
        status = ExecutionStatus.ERROR;
      } else {
        status = ExecutionStatus.CANCELLED;
      }
    } else if (error != null) {
      status = ExecutionStatus.ERROR;
    } else if (suspension != null) {
      status = ExecutionStatus.WAITING;
    } else {
      status = ExecutionStatus.SUCCESS;
    }
    ExecutionResult result = snapshot();
    endedNanos = java.time.Duration.between(startedAt, engine.clock().instant()).toNanos();
    return result;
  }

  private long endedNanos;

  /**
   * Emits the event saying how the execution ended (or that it waits). The engine calls this once the outcome is
   * recorded, so that a listener reading the store on that event finds it there.
   */
  void announceEnd() {
    long nanos = endedNanos;
    switch (status) {
      case WAITING -> engine.events().emit(ExecutionEvent.Type.EXECUTION_WAITING, this, null, 0, List.of(), nanos,
          null, null);
      case SUCCESS -> engine.events().emit(ExecutionEvent.Type.EXECUTION_FINISHED, this, null, 0, List.of(), nanos,
          null, null);
      case ERROR -> engine.events().emit(ExecutionEvent.Type.EXECUTION_FAILED, this, error.nodeName(), 0, List.of(),
          nanos, error.message(), null);
      case CANCELLED -> engine.events().emit(ExecutionEvent.Type.EXECUTION_CANCELLED, this, null, 0, List.of(), nanos,
          cancellation.reason(), null);
      default -> { }
    }
  }

  /** A snapshot with the status forced (a waiting execution cancelled from outside). */
  ExecutionResult snapshotAs(ExecutionStatus forced) {
    status = forced;
    return snapshot();
  }

  ExecutionResult snapshot() {
    SaveData save = plan.workflow.settings().saveData();
    boolean withData = save == SaveData.ALL || save == SaveData.ERRORS && status == ExecutionStatus.ERROR;
    int maxItems = plan.workflow.settings().maxStoredItems();
    Map<String, List<NodeRun>> result = new LinkedHashMap<>();
    synchronized (runOrder) {
      for (String name : runOrder) {
        List<RunRecord> records = runs.get(name);
        List<NodeRun> list = new ArrayList<>(records.size());
        for (RunRecord r : records) {
          list.add(r.toNodeRun(withData, maxItems));
        }
        result.put(name, list);
      }
    }
    Instant end = engine.clock().instant();
    return new ExecutionResult(id, plan.workflow.id(), status, error, startedAt, end, lastNode, result,
        waitUntil(), customData, lastOutput);
  }

  // ---- one node activation (on any thread) ----

  private Outcome execute(Task task, Thread thread) {
    PlannedNode node = task.node;
    RunRecord record;
    synchronized (runOrder) {
      List<RunRecord> list = runs.computeIfAbsent(node.name, k -> {
        runOrder.add(k);
        return new ArrayList<>();
      });
      record = new RunRecord(task, list.size(), engine.clock().instant());
      list.add(record);
    }
    engine.events().emit(ExecutionEvent.Type.NODE_STARTED, this, node.name, record.runIndex, record.inputCounts, 0,
        null, null);
    long t0 = System.nanoTime();
    Outcome outcome;
    if (node.config.disabled()) {
      record.disabled = true;
      outcome = success(task, record, padded(node, List.of(task.input(0))));
    } else if (node.pinned != null) {
      record.pinned = true;
      outcome = success(task, record, padded(node, List.of(node.pinned)));
    } else {
      outcome = runWithPolicy(task, record, thread);
    }
    record.durationNanos = System.nanoTime() - t0;
    if (!keepData) {
      record.task = null; // nothing will trace items back through this run, and its data is not kept
    }
    if (outcome.suspension() != null) {
      synchronized (runOrder) {
        List<RunRecord> list = runs.get(node.name);
        list.remove(record); // it runs again on resume, under the same run index
        if (list.isEmpty()) {
          runs.remove(node.name);
          runOrder.remove(node.name);
        }
      }
    } else if (outcome.failure() != null || outcome.cancelled()) {
      engine.events().emit(ExecutionEvent.Type.NODE_FAILED, this, node.name, record.runIndex, List.of(),
          record.durationNanos, record.error == null ? null : record.error.message(), null);
    } else {
      engine.events().emit(ExecutionEvent.Type.NODE_FINISHED, this, node.name, record.runIndex, record.outputCounts,
          record.durationNanos, null, null);
    }
    return outcome;
  }

  private Outcome runWithPolicy(Task task, RunRecord record, Thread thread) {
    PlannedNode node = task.node;
    int maxTries = node.config.retry().maxTries();
    Throwable failure = null;
    for (int attempt = 1; attempt <= maxTries; attempt++) {
      record.tries = attempt;
      if (cancellation.isCancelled()) {
        return cancelled(task, record);
      }
      try {
        NodeOutput out = invoke(task, record, thread);
        if (out == null) {
          throw new NodeException("the node returned no output (null); a node returns NodeOutput.none() when it has "
              + "nothing to output");
        }
        if (out.suspension() != null) {
          return new Outcome(task, record, List.of(), out.suspension(), null, false);
        }
        return success(task, record, place(task, out));
      } catch (ExecutionCancelledException e) {
        return cancelled(task, record);
      } catch (Throwable e) {
        if (cancellation.isCancelled()) {
          return cancelled(task, record);
        }
        if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
          throw vme;
        }
        failure = e;
        if (attempt < maxTries) {
          long wait = node.config.retry().waitBefore(attempt + 1);
          engine.events().emit(ExecutionEvent.Type.NODE_RETRYING, this, node.name, record.runIndex, List.of(), 0,
              describe(e), Map.of("try", attempt, "waitMs", wait));
          if (wait > 0 && !cancellation.sleep(wait)) {
            return cancelled(task, record);
          }
        }
      }
    }
    return failed(task, record, failure);
  }

  private NodeOutput invoke(Task task, RunRecord record, Thread thread) throws Exception {
    PlannedNode node = task.node;
    NodeContextImpl context = new NodeContextImpl(this, task, record.runIndex, executeOnce(task));
    long timeout = node.config.timeoutMs();
    if (timeout <= 0) {
      cancellation.enter(thread);
      try {
        return node.node.execute(context);
      } finally {
        cancellation.leave(thread);
        if (cancellation.isCancelled()) {
          Thread.interrupted();
        }
      }
    }
    Future<NodeOutput> future = engine.nodeExecutor().submit(() -> {
      Thread t = Thread.currentThread();
      cancellation.enter(t);
      try {
        return node.node.execute(context);
      } finally {
        cancellation.leave(t);
      }
    });
    try {
      return future.get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new NodeException("the node did not finish within its time limit of " + timeout + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    } catch (InterruptedException e) {
      future.cancel(true);
      throw new ExecutionCancelledException(cancellation.reason() == null ? "interrupted" : cancellation.reason());
    }
  }

  private Task executeOnce(Task task) {
    if (!task.node.config.executeOnce()) {
      return task;
    }
    Task once = new Task(task.node);
    for (int i = 0; i < task.inputs.length; i++) {
      List<Item> in = task.inputs[i];
      once.inputs[i] = in == null ? null : in.isEmpty() ? in : List.of(in.get(0));
      once.sources[i] = task.sources[i];
    }
    once.resumption = task.resumption;
    return once;
  }

  /** Places a node's items on the outputs, applying the workflow's error setting to items that failed. */
  private List<List<Item>> place(Task task, NodeOutput out) throws NodeException {
    PlannedNode node = task.node;
    List<List<Item>> given = out.outputs();
    if (given.size() > node.declaredOutputs) {
      throw new NodeException("the node returned " + given.size() + " outputs but has " + node.declaredOutputs);
    }
    List<List<Item>> outputs = new ArrayList<>(node.outputCount);
    for (int i = 0; i < node.outputCount; i++) {
      List<Item> items = i < given.size() ? given.get(i) : List.of();
      if (items == null) {
        throw new NodeException("the node returned no item list (null) for output " + i);
      }
      outputs.add(items);
    }
    List<NodeOutput.ItemError> errors = out.errors();
    if (!errors.isEmpty()) {
      OnError policy = node.config.onError();
      if (policy == OnError.STOP) {
        NodeOutput.ItemError first = errors.get(0);
        throw first.error() instanceof NodeException ne ? ne
            : NodeException.item(first.itemIndex(), describe(first.error()), first.error());
      }
      if (policy == OnError.CONTINUE) {
        List<Item> main = new ArrayList<>(outputs.get(0));
        int shift = 0;
        for (NodeOutput.ItemError e : errors) {
          main.add(Math.min(e.position() + shift, main.size()), errorItem(Map.of(), e.error()).pairedWith(e.itemIndex()));
          shift++;
        }
        outputs.set(0, main);
      } else {
        List<Item> failed = new ArrayList<>();
        List<Item> input = task.input(0);
        for (NodeOutput.ItemError e : errors) {
          Map<String, Object> base = e.itemIndex() < input.size() ? input.get(e.itemIndex()).json() : Map.of();
          failed.add(errorItem(base, e.error()).pairedWith(e.itemIndex()));
        }
        outputs.set(node.errorOutput(), failed);
      }
    }
    return inferLineage(task, outputs);
  }

  /** Pairs output items that name no source: with the only input item, or by position when counts match. */
  private static List<List<Item>> inferLineage(Task task, List<List<Item>> outputs) {
    List<Item> input = task.input(0);
    for (int o = 0; o < outputs.size(); o++) {
      List<Item> items = outputs.get(o);
      boolean missing = false;
      for (Item item : items) {
        if (item.pairedItems().isEmpty()) {
          missing = true;
          break;
        }
      }
      if (!missing) {
        continue;
      }
      List<Item> paired = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        Item item = items.get(i);
        if (item.pairedItems().isEmpty()) {
          if (input.size() == 1) {
            item = item.pairedWith(0);
          } else if (items.size() == input.size()) {
            item = item.pairedWith(i);
          }
        }
        paired.add(item);
      }
      outputs.set(o, paired);
    }
    return outputs;
  }

  private static Item errorItem(Map<String, Object> base, Throwable error) {
    Map<String, Object> json = new LinkedHashMap<>(base);
    json.put("error", describe(error));
    return Item.of(json);
  }

  private Outcome success(Task task, RunRecord record, List<List<Item>> outputs) {
    PlannedNode node = task.node;
    if (node.config.alwaysOutputData() && outputs.stream().allMatch(List::isEmpty)) {
      outputs = new ArrayList<>(outputs);
      outputs.set(0, List.of(Item.empty().pairedWith(0)));
    }
    record.setOutputs(outputs, keepData);
    return new Outcome(task, record, outputs, null, null, false);
  }

  private Outcome failed(Task task, RunRecord record, Throwable failure) {
    PlannedNode node = task.node;
    record.error = toError(node, failure);
    OnError policy = node.config.onError();
    if (policy == OnError.STOP) {
      record.setOutputs(padded(node, List.of()), keepData);
      return new Outcome(task, record, List.of(), null, failure, false);
    }
    List<List<Item>> outputs = padded(node, List.of());
    List<Item> input = task.input(0);
    if (policy == OnError.CONTINUE) {
      outputs.set(0, input); // as n8n does: the input passes on, the error is kept in the run
    } else {
      List<Item> failed = new ArrayList<>(input.size());
      for (int i = 0; i < input.size(); i++) {
        failed.add(errorItem(input.get(i).json(), failure).pairedWith(i));
      }
      outputs.set(node.errorOutput(), failed);
    }
    record.setOutputs(outputs, keepData);
    return new Outcome(task, record, outputs, null, null, false);
  }

  private Outcome cancelled(Task task, RunRecord record) {
    record.error = new ExecutionError("node '" + task.node.name + "' stopped: " + cancellation.reason(),
        task.node.name, task.node.descriptor.type(), null, -1, null, null);
    return new Outcome(task, record, List.of(), null, null, true);
  }

  private static List<List<Item>> padded(PlannedNode node, List<List<Item>> given) {
    List<List<Item>> outputs = new ArrayList<>(node.outputCount);
    for (int i = 0; i < Math.max(1, node.outputCount); i++) {
      outputs.add(i < given.size() ? given.get(i) : List.of());
    }
    return outputs;
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static ExecutionError toError(PlannedNode node, Throwable failure) {
    String parameter = null;
    int item = -1;
    String description = null;
    if (failure instanceof NodeException ne) {
      parameter = ne.parameter();
      item = ne.itemIndex();
      description = ne.description();
    }
    StringBuilder message = new StringBuilder("node '").append(node.name).append("' (").append(node.descriptor.type())
        .append(") failed");
    if (parameter != null) {
      message.append(", parameter '").append(parameter).append("'");
    }
    if (item >= 0) {
      message.append(", item ").append(item);
    }
    message.append(": ").append(describe(failure));
    String cause = failure instanceof NodeException ? null : failure.getClass().getName();
    return new ExecutionError(message.toString(), node.name, node.descriptor.type(), parameter, item, description,
        cause);
  }

  // ---- after an activation (on the coordinating thread) ----

  private void handle(Outcome outcome) {
    Task task = outcome.task();
    if (outcome.cancelled()) {
      return;
    }
    if (outcome.failure() != null) {
      if (error == null) {
        error = outcome.record().error;
        lastNode = task.node.name;
        lastOutput = List.of();
        LOG.debug("execution {} failed at node '{}'", id, task.node.name, outcome.failure());
      }
      return;
    }
    if (outcome.suspension() != null) {
      suspendedTask = task;
      suspension = outcome.suspension();
      lastNode = task.node.name;
      return;
    }
    lastNode = task.node.name;
    lastOutput = outcome.outputs().isEmpty() ? List.of() : outcome.outputs().get(0);
    scheduleChildren(task, outcome.record(), outcome.outputs());
    if (durable) {
      engine.checkpoint(this);
    }
  }

  private void scheduleChildren(Task task, RunRecord record, List<List<Item>> outputs) {
    PlannedNode node = task.node;
    ExecutionOrder order = plan.workflow.settings().executionOrder();
    List<Task> ready = new ArrayList<>();
    Set<String> parentsOutputs = new HashSet<>();
    for (List<PlannedNode.Edge> edges : node.edges) {
      for (PlannedNode.Edge e : edges) {
        parentsOutputs.add(e.target().name);
      }
    }
    for (int o = 0; o < outputs.size() && o < node.edges.size(); o++) {
      List<Item> items = outputs.get(o);
      if (items.isEmpty() && order != ExecutionOrder.V0) {
        continue;
      }
      Task.Source source = new Task.Source(node.name, o, record.runIndex);
      for (PlannedNode.Edge edge : node.edges.get(o)) {
        PlannedNode target = edge.target();
        if (items.isEmpty() && (edge.input() == 0 || target.inputCount <= 1)) {
          // legacy order delivers an empty output only to a later input of a multi-input node, as n8n's v0 does
          continue;
        }
        if (target.inputCount <= 1) {
          Task child = new Task(target);
          child.inputs[0] = items;
          child.sources[0] = source;
          ready.add(child);
          continue;
        }
        Task partial = null;
        for (Task w : waiting) {
          if (w.node == target && !w.has(edge.input())) {
            partial = w;
            break;
          }
        }
        boolean isNew = partial == null;
        if (isNew) {
          partial = new Task(target);
          waiting.add(partial);
        }
        partial.inputs[edge.input()] = items;
        partial.sources[edge.input()] = source;
        if (partial.complete()) {
          waiting.remove(partial);
          ready.add(partial);
        } else if (isNew && order == ExecutionOrder.V0) {
          forceParents(partial, node, parentsOutputs);
        }
      }
    }
    if (order == ExecutionOrder.V0) {
      stack.addAll(ready);
    } else {
      ready.sort(Comparator.comparingDouble((Task t) -> t.node.config.y()).thenComparingDouble(t -> t.node.config.x()));
      for (int i = ready.size() - 1; i >= 0; i--) {
        stack.addFirst(ready.get(i));
      }
    }
  }

  /**
   * Legacy (v0) order: a multi-input node missing an input makes the topmost branch that would feed it run, starting
   * with one empty item, as n8n's legacy order does.
   */
  private void forceParents(Task partial, PlannedNode parent, Set<String> parentsOutputs) {
    PlannedNode target = partial.node;
    Set<String> onStack = new HashSet<>();
    for (Task t : stack) {
      onStack.add(t.node.name);
    }
    for (PlannedNode.Edge in : target.incoming) {
      if (partial.has(in.input())) {
        continue;
      }
      PlannedNode feeder = in.source();
      if (feeder == parent || parentsOutputs.contains(feeder.name) || onStack.contains(feeder.name)
          || runs.containsKey(feeder.name)) {
        continue;
      }
      PlannedNode toAdd = feeder;
      for (PlannedNode ancestor : ancestorsNearestFirst(feeder)) {
        if (parentsOutputs.contains(ancestor.name) || onStack.contains(ancestor.name)) {
          toAdd = null;
          break;
        }
        if (runs.containsKey(ancestor.name)) {
          break;
        }
        toAdd = ancestor;
      }
      if (toAdd == null || ancestorsNearestFirst(toAdd).contains(parent)) {
        continue;
      }
      Task forced = new Task(toAdd);
      forced.inputs[0] = List.of(Item.empty());
      stack.addLast(forced);
      onStack.add(toAdd.name);
    }
  }

  private static List<PlannedNode> ancestorsNearestFirst(PlannedNode node) {
    List<PlannedNode> result = new ArrayList<>();
    Deque<PlannedNode> queue = new ArrayDeque<>();
    Set<PlannedNode> seen = new HashSet<>();
    queue.add(node);
    seen.add(node);
    while (!queue.isEmpty()) {
      PlannedNode n = queue.poll();
      for (PlannedNode.Edge e : n.incoming) {
        if (seen.add(e.source())) {
          result.add(e.source());
          queue.add(e.source());
        }
      }
    }
    return result;
  }
}
