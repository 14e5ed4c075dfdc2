package dev.weft.trigger;

import dev.weft.ExecutionResult;
import dev.weft.execution.Engine;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.Credentials;
import dev.weft.spi.ExecutionInfo;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.WebhookHandler;
import dev.weft.spi.WebhookResponse;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowNode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a trigger node gets when its workflow is activated. */
final class TriggerContextImpl implements TriggerContext {
  private final Engine engine;
  private final TriggerManager manager;
  private final Workflow workflow;
  private final WorkflowNode node;
  private final NodeDescriptor descriptor;
  private final List<TriggerActivation> registrations;
  private final Map<String, Object> staticData = new ConcurrentHashMap<>();

  TriggerContextImpl(Engine engine, TriggerManager manager, Workflow workflow, WorkflowNode node,
      NodeDescriptor descriptor, List<TriggerActivation> registrations) {
    this.engine = engine;
    this.manager = manager;
    this.workflow = workflow;
    this.node = node;
    this.descriptor = descriptor;
    this.registrations = registrations;
  }

  @Override
  public Object parameter(String name) throws NodeException {
    if (Json.has(node.parameters(), name)) {
      return Json.get(node.parameters(), name);
    }
    ParameterSpec spec = descriptor.parameter(name);
    return spec == null ? null : spec.defaultValue();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T parameter(String name, Class<T> type) throws NodeException {
    Object value = parameter(name);
    if (value == null || type.isInstance(value)) {
      return (T) value;
    }
    try {
      if (type == String.class) {
        return (T) String.valueOf(value);
      }
      if (type == Boolean.class) {
        return (T) Json.toBoolean(value);
      }
      Number n = Json.toNumber(value);
      if (type == Long.class) {
        return (T) Long.valueOf(n.longValue());
      }
      if (type == Integer.class) {
        return (T) Integer.valueOf(n.intValue());
      }
      if (type == Double.class) {
        return (T) Double.valueOf(n.doubleValue());
      }
      if (type == Number.class) {
        return (T) n;
      }
    } catch (IllegalArgumentException e) {
      throw NodeException.parameter(name, -1, e.getMessage());
    }
    throw NodeException.parameter(name, -1, "cannot convert a " + Json.typeOf(value) + " to " + type.getSimpleName());
  }

  @Override
  public Credentials credentials(String credentialType) throws NodeException {
    String id = node.credentials().get(credentialType);
    if (id == null || !descriptor.usesCredential(credentialType)) {
      throw new NodeException("no credentials of type '" + credentialType + "' are assigned to trigger '"
          + node.name() + "'");
    }
    return engineCredentials(id, credentialType);
  }

  private Credentials engineCredentials(String id, String type) throws NodeException {
    return engine.credentials().resolve(id, type, node.name());
  }

  @Override
  public Logger logger() {
    return LoggerFactory.getLogger(descriptor.type());
  }

  @Override
  public ExecutionInfo workflow() {
    return new ExecutionInfo(null, workflow.id(), workflow.name(), node.name(), descriptor.type(), "trigger", 0,
        engine.clock().instant());
  }

  @Override
  public Clock clock() {
    return engine.clock();
  }

  @Override
  public ZoneId timeZone() {
    String tz = workflow.settings().timezone();
    return tz == null ? ZoneId.of("UTC") : ZoneId.of(tz);
  }

  @Override
  public Map<String, Object> staticData() {
    return staticData;
  }

  @Override
  public BinaryStore binaries() {
    return engine.binaries();
  }

  @Override
  public CompletionStage<ExecutionSummary> emit(List<Item> items) {
    return manager.emit(workflow, node.name(), "trigger", items, null).thenApply(TriggerContextImpl::summarize);
  }

  @Override
  public PendingReply emitAwaitingReply(List<Item> items) {
    String id = dev.weft.internal.Ids.executionId();
    CompletableFuture<WebhookResponse> answer = WebhookReplies.expect(id); // before the execution can answer
    CompletionStage<ExecutionSummary> execution;
    try {
      execution = manager.emit(workflow, node.name(), "trigger", items, id).thenApply(TriggerContextImpl::summarize);
    } catch (RuntimeException e) {
      answer.cancel(false);
      throw e;
    }
    execution.whenComplete((summary, failure) -> {
      if (failure != null || !"waiting".equals(summary.status())) {
        answer.complete(null);
        return;
      }
      CompletableFuture<ExecutionResult> finished = engine.whenFinished(id); // a node may answer after the wait
      if (finished == null) {
        answer.complete(null);
      } else {
        finished.whenComplete((r, e) -> answer.complete(null));
      }
    });
    return new PendingReply(answer, execution);
  }

  static ExecutionSummary summarize(ExecutionResult r) {
    return new ExecutionSummary(r.executionId(), r.status().name().toLowerCase(java.util.Locale.ROOT), r.output(),
        r.error() == null ? null : r.error().message());
  }

  @Override
  public TriggerActivation schedule(String cron, ZoneId zone, Runnable tick) throws NodeException {
    CronSchedule schedule;
    try {
      schedule = CronSchedule.parse(cron);
    } catch (IllegalArgumentException e) {
      throw NodeException.parameter("cron", -1, e.getMessage());
    }
    ZoneId z = zone == null ? timeZone() : zone;
    AtomicBoolean stopped = new AtomicBoolean();
    AtomicReference<ScheduledFuture<?>> pending = new AtomicReference<>();
    Runnable[] plan = new Runnable[1];
    plan[0] = () -> {
      if (stopped.get()) {
        return;
      }
      ZonedDateTime now = ZonedDateTime.now(engine.clock()).withZoneSameInstant(z);
      Optional<ZonedDateTime> next = schedule.next(now);
      if (next.isEmpty()) {
        return;
      }
      long delay = Math.max(0, Duration.between(now, next.get()).toMillis());
      pending.set(engine.timers().schedule(() -> {
        if (stopped.get()) {
          return;
        }
        try {
          if (claimTick(next.get().toInstant(), Duration.ofMinutes(5))) {
            tick.run();
          }
        } catch (RuntimeException e) {
          logger().warn("scheduled trigger '{}' of workflow '{}' failed", node.name(), workflow.name(), e);
        }
        plan[0].run();
      }, delay, TimeUnit.MILLISECONDS));
    };
    plan[0].run();
    TriggerActivation activation = () -> {
      stopped.set(true);
      ScheduledFuture<?> f = pending.get();
      if (f != null) {
        f.cancel(false);
      }
    };
    registrations.add(activation);
    return activation;
  }

  /** Whether this instance fires this tick: always for a lone engine, once across instances sharing a lock. */
  private boolean claimTick(java.time.Instant tick, Duration hold) {
    dev.weft.cluster.TickLock lock = engine.tickLock();
    if (lock == null || workflow.id() == null) {
      return true;
    }
    return lock.claim(workflow.id() + "/" + node.name(), tick, hold);
  }

  @Override
  public TriggerActivation every(Duration interval, Runnable tick) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("trigger '" + node.name() + "': the interval must be positive, was " + interval);
    }
    ScheduledFuture<?> f = engine.timers().scheduleWithFixedDelay(() -> {
      try {
        long slot = engine.clock().millis() / interval.toMillis() * interval.toMillis();
        if (claimTick(java.time.Instant.ofEpochMilli(slot), interval.multipliedBy(2))) {
          tick.run();
        }
      } catch (RuntimeException e) {
        logger().warn("polling trigger '{}' of workflow '{}' failed", node.name(), workflow.name(), e);
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    TriggerActivation activation = () -> f.cancel(false);
    registrations.add(activation);
    return activation;
  }

  @Override
  public TriggerActivation webhook(String method, String path, WebhookHandler handler) throws NodeException {
    Webhooks.Route route;
    try {
      route = manager.webhooks().register(method, path, handler,
          "workflow '" + workflow.name() + "' node '" + node.name() + "'");
    } catch (IllegalStateException e) {
      throw NodeException.parameter("path", -1, e.getMessage());
    }
    try {
      manager.claimWebhook(workflow, node, method, path);
    } catch (dev.weft.store.DuplicateValueException e) {
      manager.webhooks().unregister(route);
      throw NodeException.parameter("path", -1, e.value() + " is already served by workflow '" + e.holderId()
          + "' (on this or another instance sharing the webhook store)");
    } catch (RuntimeException e) {
      manager.webhooks().unregister(route);
      throw e;
    }
    TriggerActivation activation = () -> manager.webhooks().unregister(route);
    registrations.add(activation);
    return activation;
  }

  @Override
  public <T> T service(Class<T> type) {
    return engine.service(type);
  }
}
