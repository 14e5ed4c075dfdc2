package dev.weft.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;

/**
 * What a trigger gets when its workflow is activated: its parameters (expressions evaluated without an item), its
 * credentials, and the means to register schedules, webhooks and pollers and to start executions.
 */
public interface TriggerContext extends Services {

  /** A parameter value, default applied. */
  Object parameter(String name) throws NodeException;

  /** A parameter value converted as in {@link NodeContext#parameter(String, int, Class)}. */
  <T> T parameter(String name, Class<T> type) throws NodeException;

  /** The credentials of a type the node declared. */
  Credentials credentials(String credentialType) throws NodeException;

  /** Logger for the trigger. */
  Logger logger();

  /** Id of the workflow, its name, and the trigger node's name. */
  ExecutionInfo workflow();

  /** The engine's clock. */
  Clock clock();

  /** The workflow's time zone. */
  ZoneId timeZone();

  /** Data kept across activations (a polling cursor). Mutable; saved after each emitted execution. */
  Map<String, Object> staticData();

  /** Where binary content is stored (for triggers that receive files). */
  BinaryStore binaries();

  /**
   * Starts an execution of the workflow with these items as the trigger's output.
   *
   * @return completes when the execution ends (or suspends)
   */
  CompletionStage<ExecutionSummary> emit(List<Item> items);

  /**
   * Starts an execution like {@link #emit}, for a request whose caller waits for a node of the execution to answer it
   * through {@link WebhookResponder} (Respond to Webhook). The answer arrives as soon as that node runs, while the
   * execution goes on.
   *
   * <p>The default, for engines that cannot hand answers over early, completes the answer with {@code null} when the
   * execution stops.
   *
   * @return the answer (completing with {@code null} when the execution ended without one; cancel it when you stop
   *     waiting) and the execution's outcome
   */
  default PendingReply emitAwaitingReply(List<Item> items) {
    CompletionStage<ExecutionSummary> execution = emit(items);
    return new PendingReply(execution.thenApply(summary -> (WebhookResponse) null), execution);
  }

  /**
   * An execution whose caller waits for its answer.
   *
   * @param answer completes with the answer a node gave, or with {@code null} when the execution ended without one
   * @param execution completes when the execution ends (or suspends)
   */
  record PendingReply(CompletionStage<WebhookResponse> answer, CompletionStage<ExecutionSummary> execution) {}

  /**
   * Calls {@code tick} on a cron schedule: five fields (minute hour day month weekday) or six with seconds first.
   *
   * @throws NodeException naming the expression when it is malformed
   */
  TriggerActivation schedule(String cron, ZoneId zone, Runnable tick) throws NodeException;

  /** Calls {@code tick} at a fixed interval, the first time after one interval. */
  TriggerActivation every(Duration interval, Runnable tick);

  /**
   * Serves HTTP requests at {@code method path} under the host's webhook root. Paths may hold {@code :name}
   * segments, exposed in {@link WebhookRequest#pathParameters()}.
   *
   * @throws NodeException when another active workflow already serves this method and path
   */
  TriggerActivation webhook(String method, String path, WebhookHandler handler) throws NodeException;

  /**
   * The outcome of an emitted execution.
   *
   * @param executionId its id
   * @param status {@code success, error, waiting, cancelled}
   * @param output items of the last node that ran (empty when unknown)
   * @param error the error message when it failed, or {@code null}
   */
  record ExecutionSummary(String executionId, String status, List<Item> output, String error) {}
}
