package dev.weft.cluster;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Broadcasts small messages between the engine instances of one deployment (mains, workers, webhook processes):
 * cancellation requests, finished executions, activation changes and execution events. In one process use
 * {@link LocalClusterBus}; across processes a shared backend (Redis pub/sub, say).
 *
 * <p>Every backend promises:
 * <ul>
 *   <li>A published message reaches every subscription of its channel that exists when it is published, in every
 *       instance sharing the backend, the publisher's own included; messages from one publisher to one channel
 *       arrive in publish order.</li>
 *   <li>Delivery is at most once: a subscriber that is disconnected when a message is published misses it. Messages
 *       are hints to act sooner, never the only record of a fact; the stores stay the truth.</li>
 *   <li>Handlers run on a thread of the bus, one message at a time per subscription; a handler that throws is logged
 *       and keeps its subscription.</li>
 *   <li>Message values are JSON values (maps, lists, strings, numbers, booleans, null) and arrive equal to what was
 *       published, with whole numbers as {@code Long}.</li>
 * </ul>
 */
public interface ClusterBus extends AutoCloseable {

  /** Channel of cancellation requests: {@code {executionId, reason}}. */
  String CANCEL = "weft.cancel";
  /** Channel of executions that finished or began to wait: {@code {executionId, status}}. */
  String STOPPED = "weft.stopped";
  /** Channel of "work was queued" notices, waking idle workers of every instance: an empty message. */
  String ENQUEUED = "weft.enqueued";
  /** Channel of workflow activation changes: {@code {workflowId, active}}. */
  String ACTIVATION = "weft.activation";
  /**
   * Channel of early webhook answers (a Respond to Webhook node on a worker answering a request another instance
   * holds): {@code {executionId, status, headers, contentType, body}} with the body in base64.
   */
  String WEBHOOK_REPLY = "weft.webhookReply";
  /** Channel of execution events, for live views on another instance: the event as JSON values. */
  String EVENTS = "weft.events";

  /** Sends a message to every current subscriber of the channel. */
  void publish(String channel, Map<String, Object> message);

  /** Calls {@code handler} with each message published to the channel from now on, until the subscription closes. */
  Subscription subscribe(String channel, Consumer<Map<String, Object>> handler);

  /** Stops the bus; its subscriptions end. */
  @Override
  default void close() {}

  /** A live subscription; closing it stops deliveries to its handler. */
  @FunctionalInterface
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
