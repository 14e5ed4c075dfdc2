package dev.weft.trigger;

import dev.weft.ExecutionResult;
import dev.weft.execution.Engine;
import dev.weft.execution.ExecutionOptions;
import dev.weft.node.NodeRegistry;
import dev.weft.spi.NodeException;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerNode;
import dev.weft.store.DuplicateValueException;
import dev.weft.store.WebhookRegistration;
import dev.weft.store.WebhookStore;
import dev.weft.workflow.Workflow;
import dev.weft.workflow.WorkflowException;
import dev.weft.workflow.WorkflowNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activates and deactivates workflows' triggers. A workflow's activation holds every trigger node's registrations;
 * activation is all or nothing: when one trigger cannot start, those already started are stopped again.
 */
public final class TriggerManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerManager.class);

  private final Engine engine;
  private final Webhooks webhooks = new Webhooks();
  private final Map<String, List<TriggerActivation>> active = new ConcurrentHashMap<>();
  /** Where routes are claimed across instances, or {@code null}. */
  private final WebhookStore webhookStore;
  /** Route keys claimed by the activation running now (activations are serialized), or {@code null}. */
  private List<String> claiming;

  /** A manager for an engine. */
  public TriggerManager(Engine engine) {
    this(engine, null);
  }

  /** A manager for an engine that claims its webhooks' routes in a store shared with other instances. */
  public TriggerManager(Engine engine, WebhookStore webhookStore) {
    this.engine = engine;
    this.webhookStore = webhookStore;
  }

  /** The webhooks of active workflows. */
  public Webhooks webhooks() {
    return webhooks;
  }

  /** Ids of the active workflows. */
  public List<String> activeWorkflows() {
    return List.copyOf(active.keySet());
  }

  /**
   * Starts every enabled trigger of a workflow (replacing an earlier activation of it).
   *
   * @throws NodeException naming the trigger node and the reason when a trigger cannot start
   */
  public synchronized void activate(Workflow workflow) throws NodeException {
    if (workflow.id() == null) {
      throw new IllegalArgumentException("workflow '" + workflow.name() + "' needs an id to be activated");
    }
    List<dev.weft.workflow.Problem> problems = engine.validate(workflow);
    if (!problems.isEmpty()) {
      throw new WorkflowException(workflow.name(), problems);
    }
    deactivate(workflow.id());
    NodeRegistry registry = engine.registry();
    List<TriggerActivation> started = new ArrayList<>();
    List<String> heldBefore = webhookStore == null ? List.of()
        : webhookStore.list(workflow.id()).stream().map(WebhookRegistration::routeKey).toList();
    List<String> claimedNow = new ArrayList<>();
    claiming = claimedNow;
    try {
      for (WorkflowNode node : workflow.nodes()) {
        if (node.disabled()) {
          continue;
        }
        NodeRegistry.Registered type = registry.find(node.type(), node.version());
        if (type != null && type.node() instanceof TriggerNode trigger) {
          TriggerContextImpl context = new TriggerContextImpl(engine, this, workflow, node, type.descriptor(), started);
          TriggerActivation activation;
          try {
            activation = trigger.activate(context);
          } catch (NodeException e) {
            throw new NodeException("trigger '" + node.name() + "' cannot start: " + e.getMessage(), e.parameter(),
                -1, e.description(), e);
          } catch (Exception e) {
            throw new NodeException("trigger '" + node.name() + "' cannot start: " + e.getMessage(), e);
          }
          started.add(activation == null ? TriggerActivation.none() : activation);
        }
      }
    } catch (NodeException | RuntimeException e) {
      started.forEach(TriggerManager::closeQuietly);
      releaseQuietly(workflow.id(), heldBefore); // what this attempt claimed; earlier claims may serve elsewhere
      throw e;
    } finally {
      claiming = null;
    }
    if (webhookStore != null) {
      webhookStore.release(workflow.id(), claimedNow); // routes the workflow no longer has
    }
    active.put(workflow.id(), started);
  }

  /**
   * Claims a webhook's route in the shared store, when there is one, for the activation running now.
   *
   * @throws DuplicateValueException when another workflow holds the route
   */
  void claimWebhook(Workflow workflow, WorkflowNode node, String method, String path) {
    if (webhookStore == null) {
      return;
    }
    WebhookRegistration claimed = webhookStore.claim(WebhookRegistration.of(method, path, workflow.id(),
        node.name()));
    if (claiming != null) {
      claiming.add(claimed.routeKey());
    }
  }

  private void releaseQuietly(String workflowId, List<String> keep) {
    if (webhookStore == null) {
      return;
    }
    try {
      webhookStore.release(workflowId, keep);
    } catch (RuntimeException e) {
      LOG.warn("the webhook routes of workflow {} could not be released", workflowId, e);
    }
  }

  /** Stops a workflow's triggers and releases its routes in the shared webhook store: it is active nowhere now. */
  public synchronized void deactivateAndRelease(String workflowId) {
    deactivate(workflowId);
    if (webhookStore != null) {
      webhookStore.release(workflowId);
    }
  }

  /** Stops a workflow's triggers. */
  public synchronized void deactivate(String workflowId) {
    List<TriggerActivation> activations = active.remove(workflowId);
    if (activations != null) {
      activations.forEach(TriggerManager::closeQuietly);
    }
  }

  /** Starts an execution of a trigger's items; {@code executionId} {@code null} generates one. */
  CompletableFuture<ExecutionResult> emit(Workflow workflow, String triggerNode, String mode,
      List<dev.weft.spi.Item> items, String executionId) {
    ExecutionOptions options = new ExecutionOptions(mode, triggerNode, null, executionId);
    if (engine.queueMode()) { // a worker runs it; the future completes when it reports the end
      String id = engine.enqueue(workflow, items, options, dev.weft.execution.Engine.priorityOf(mode));
      CompletableFuture<ExecutionResult> finished = engine.whenFinished(id);
      return finished != null ? finished : CompletableFuture.failedFuture(
          new IllegalStateException("execution " + id + " was deleted before it finished"));
    }
    return engine.runAsync(workflow, items, options);
  }

  private static void closeQuietly(TriggerActivation a) {
    try {
      a.close();
    } catch (RuntimeException e) {
      LOG.warn("a trigger failed to stop cleanly", e);
    }
  }

  @Override
  public synchronized void close() {
    for (String id : List.copyOf(active.keySet())) {
      deactivate(id);
    }
  }
}
