package dev.weft.queue.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.execution.Engine;
import dev.weft.queue.redis.RedisOps.LuaScript;
import dev.weft.store.DeadLetter;
import dev.weft.store.DuplicateIdException;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.ExecutionStore;
import dev.weft.store.Lease;
import dev.weft.store.LeaseLostException;
import dev.weft.store.QueueMessage;
import dev.weft.store.StoreException;
import dev.weft.store.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WorkQueue} on Redis: every step is one Lua script, so it runs atomically on the server however many
 * workers in however many processes race.
 *
 * <p>A message is a hash; the ready messages sit in one sorted set per priority, scored by the time they become
 * claimable and ordered within a score by enqueue sequence, so a claim walks the priorities from the highest and takes
 * the due messages in order, while a delayed message (a retry, a timer) simply waits in its set until its score is
 * due. Leased messages sit in a sorted set scored by lease expiry: a claim first returns expired leases to the ready
 * sets (or, on their last attempt, to the dead letters), so a dead worker's work is taken over when its lease ends. A
 * lease is a random token stored in the hash; renew, ack and nack compare it, so a stale holder gets a
 * {@link LeaseLostException}. Ack deletes the hash: memory does not grow with the number of executions run.
 *
 * <p>All times come from the {@link Clock} given, as in the other queues, not from the Redis server: this is why
 * leases are not Redis Stream pending entries (whose idle time only the server's clock measures).
 *
 * <p><b>Per-workflow concurrency.</b> A message whose payload has a text field {@code workflowId} belongs to that
 * workflow's group; {@link #setConcurrencyLimit} caps how many of a group's messages are leased at once. The cap is a
 * semaphore of the group's live leases (dropped on ack, nack and lease expiry). A claim that meets a due message of a
 * full group parks it aside, keeping its place, and the group's next released lease puts it back, so a full group
 * never blocks the messages behind it.
 */
public final class RedisWorkQueue implements WorkQueue {
  private static final Logger LOG = LoggerFactory.getLogger(RedisWorkQueue.class);
  private static final String KIND = "queue message";
  /**
   * How long a renewal waits for an unreachable Redis before it fails: workers renew on a shared timer every third of
   * a lease and try again at the next beat, which must not be held up by one outage.
   */
  private static final long RENEW_WAIT_MILLIS = 2_000;
  /** The payload field naming a message's concurrency group. */
  public static final String GROUP_FIELD = "workflowId";
  // keys sorted: equal payloads give equal text whatever the map's order, which the repair's adoption compares
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private static final LuaScript ENQUEUE = LuaScript.load("enqueue");
  private static final LuaScript CLAIM = LuaScript.load("claim");
  private static final LuaScript RENEW = LuaScript.load("renew");
  private static final LuaScript ACK = LuaScript.load("ack");
  private static final LuaScript NACK = LuaScript.load("nack");
  private static final LuaScript DEAD_LETTERS = LuaScript.load("dead-letters");
  private static final LuaScript RETRY_DEAD_LETTER = LuaScript.load("retry-dead-letter");
  private static final LuaScript DELETE_DEAD_LETTER = LuaScript.load("delete-dead-letter");
  private static final LuaScript CONCURRENCY_LIMIT = LuaScript.load("concurrency-limit");

  private final RedisOps ops;
  private final String prefix;
  private final String routingKey;
  private final Clock clock;
  private volatile ExecutionStore repairStore;
  private volatile String knownEpoch;

  RedisWorkQueue(RedisOps ops, String prefix, Clock clock) {
    this.ops = ops;
    this.prefix = prefix;
    this.routingKey = prefix + ":seq";
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Repairs this queue from the execution store whenever Redis lost its data (a restart without persistence, a
   * failover that lost writes): the first claim after the loss, made by an instance that claimed before it, re-queues
   * in the background every execution the store has as new, running or waiting; see {@link #requeueFrom}. Workers call
   * this. When every instance was down while Redis lost its data, no instance can tell: call {@link #requeueFrom}.
   *
   * @return this queue
   */
  public RedisWorkQueue repairFrom(ExecutionStore store) {
    this.repairStore = Objects.requireNonNull(store, "store");
    return this;
  }

  private void dataLost(String epoch) {
    ExecutionStore store = repairStore;
    if (store == null) {
      LOG.warn("work queue {}: Redis lost its data (new epoch {}); queued executions are lost unless an instance"
          + " that repairs from the execution store re-queues them", prefix, epoch);
      return;
    }
    LOG.warn("work queue {}: Redis lost its data (new epoch {}); re-queueing executions from the execution store",
        prefix, epoch);
    Thread t = new Thread(() -> {
      try {
        Map<String, Long> running = new java.util.HashMap<>();
        store.findByStatus(ExecutionRecord.Status.RUNNING, 100_000).forEach(r -> running.put(r.id(), r.version()));
        int n = requeueFrom(store);
        LOG.info("work queue {}: re-queued {} execution(s) after Redis lost its data", prefix, n);
        // workers that were running executions then and died since leave them without a message: look again once
        // their heartbeats are stale
        Thread.sleep(Engine.STALE_AFTER.plusSeconds(5).toMillis());
        n = requeueAbandoned(store, running);
        if (n > 0) {
          LOG.info("work queue {}: re-queued {} abandoned running execution(s) after Redis lost its data", prefix, n);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.error("work queue {}: re-queueing from the execution store failed", prefix, e);
      }
    }, "weft-redis-queue-repair");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Queues again what the engine's queue messages say about the executions in the store: a start message for each
   * new execution, a wake-up for each waiting one with a wake time, and a start (continue) message for each running
   * one whose worker stopped beating ({@link Engine#STALE_AFTER}). A running execution whose worker still beats is left
   * to that worker, which keeps its lease through the loss; should it die, {@link #repairFrom} looks once more after
   * the heartbeat limit. Messages that are still queued are left alone. Resume requests that were in flight are not in
   * the store and stay lost.
   *
   * @return how many messages were queued
   */
  public int requeueFrom(ExecutionStore store) {
    int queued = 0;
    for (ExecutionRecord r : store.findByStatus(ExecutionRecord.Status.NEW, 100_000)) {
      queued += requeue(start(r));
    }
    queued += requeueAbandoned(store, Map.of());
    for (ExecutionRecord r : store.findByStatus(ExecutionRecord.Status.WAITING, 100_000)) {
      if (r.waitUntil() != null) {
        queued += requeue(new QueueMessage(r.id() + "#wake#" + r.version(),
            Map.of("executionId", r.id(), "action", "wake"), 0, r.waitUntil(), QueueMessage.DEFAULT_MAX_ATTEMPTS));
      }
    }
    return queued;
  }

  /**
   * Start messages for running executions that no worker beats for: the heartbeat is older than the engine's limit,
   * or there is none and the record is still at the version in {@code seen} (no progress since then).
   */
  private int requeueAbandoned(ExecutionStore store, Map<String, Long> seen) {
    int queued = 0;
    Instant cutoff = clock.instant().minus(Engine.STALE_AFTER);
    for (ExecutionRecord r : store.findByStatus(ExecutionRecord.Status.RUNNING, 100_000)) {
      Object beat = r.data().get("heartbeatAt");
      boolean stale = beat != null ? !Instant.parse(String.valueOf(beat)).isAfter(cutoff)
          : Long.valueOf(r.version()).equals(seen.get(r.id()));
      if (stale) {
        queued += requeue(start(r));
      }
    }
    return queued;
  }

  private static QueueMessage start(ExecutionRecord r) {
    return new QueueMessage(r.id(), Map.of("executionId", r.id(), "action", "start"), Engine.priorityOf(r.mode()),
        null, QueueMessage.DEFAULT_MAX_ATTEMPTS);
  }

  private int requeue(QueueMessage message) {
    try {
      enqueue(message, "repair");
      return 1;
    } catch (DuplicateIdException e) {
      return 0;
    }
  }

  /** The prefix of this queue's keys (with its hash tag). */
  public String keyPrefix() {
    return prefix;
  }

  static String micros(Instant t) {
    return Long.toString(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000));
  }

  private Object eval(String what, LuaScript script, String... args) {
    return ops.call(what, (r, afterFailure) -> evalOnce(script, args));
  }

  private Object evalOnce(LuaScript script, String... args) {
    List<String> list = new ArrayList<>(args.length + 2);
    list.add(prefix);
    list.add(UUID.randomUUID().toString()); // the epoch, should this call find the data set lost
    list.addAll(List.of(args));
    return ops.eval(script, routingKey, list);
  }

  @Override
  public String enqueue(QueueMessage message) {
    return enqueue(message, UUID.randomUUID().toString());
  }

  private String enqueue(QueueMessage message, String nonce) {
    Objects.requireNonNull(message, "message");
    String id = message.id() == null ? UUID.randomUUID().toString() : message.id();
    Instant deliverAt = message.deliverAt() == null ? clock.instant() : message.deliverAt();
    String payload = write(message.payload(), id);
    Object group = message.payload().get(GROUP_FIELD);
    Object queued = eval("queueing message '" + id + "'", ENQUEUE, id, payload, Integer.toString(message.priority()),
        deliverAt.toString(), micros(deliverAt), Integer.toString(message.maxAttempts()),
        group instanceof String g ? g : "", nonce);
    if (!Long.valueOf(1).equals(queued)) {
      throw new DuplicateIdException(KIND, id);
    }
    return id;
  }

  @Override
  public List<Lease> claim(String workerId, int maxMessages, Duration leaseDuration) {
    WorkQueue.checkClaim(workerId, maxMessages, leaseDuration);
    return ops.call("claiming messages for worker '" + workerId + "'", (r, afterFailure) -> {
      // a claim whose answer was lost leased its messages to nobody: their leases expire and they are delivered
      // again, so each try takes the time and tokens afresh
      Instant now = clock.instant();
      Instant expiresAt = now.plus(leaseDuration);
      String[] args = new String[5 + maxMessages];
      args[0] = micros(now);
      args[1] = now.toString();
      args[2] = micros(expiresAt);
      args[3] = workerId;
      args[4] = Integer.toString(maxMessages);
      for (int i = 0; i < maxMessages; i++) {
        args[5 + i] = UUID.randomUUID().toString();
      }
      List<?> rows = (List<?>) evalOnce(CLAIM, args);
      String epoch = (String) rows.get(0);
      String previous = knownEpoch;
      knownEpoch = epoch;
      // the server hands the repair to one claimer when a data set begins; only one that worked on the data set
      // before knows it was lost rather than new (a first start repairs nothing)
      if (Long.valueOf(1).equals(rows.get(1)) && previous != null && !previous.equals(epoch)) {
        dataLost(epoch);
      }
      List<Lease> leases = new ArrayList<>((rows.size() - 2) / 6);
      for (int i = 2; i < rows.size(); i += 6) {
        String id = (String) rows.get(i);
        QueueMessage m = new QueueMessage(id, read((String) rows.get(i + 1), id),
            Integer.parseInt((String) rows.get(i + 2)), Instant.parse((String) rows.get(i + 3)),
            Integer.parseInt((String) rows.get(i + 4)));
        int attempt = ((Long) rows.get(i + 5)).intValue();
        if (attempt > 1) {
          LOG.info("work queue {}: message '{}' delivered again to worker '{}' (attempt {} of {})", prefix, id,
              workerId, attempt, m.maxAttempts());
        }
        String token = epoch + "/" + args[5 + (i - 2) / 6];
        leases.add(new Lease(m, workerId, token, attempt, expiresAt, leaseDuration));
      }
      return leases;
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Unlike the other calls, a renewal waits at most about 2 s for an unreachable Redis, then fails with a
   * {@link StoreException}; the worker's next heartbeat tries again.
   */
  @Override
  public Lease renew(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    return ops.call(leaseWhat("renewing", lease), (r, afterFailure) -> {
      Instant expiresAt = clock.instant().plus(lease.duration());
      if (!Long.valueOf(1).equals(evalOnce(RENEW, concat(new String[] {lease.messageId(), lease.token(),
          micros(expiresAt), lease.workerId()}, held(lease))))) {
        throw new LeaseLostException(lease.messageId(), lease.workerId());
      }
      return new Lease(lease.message(), lease.workerId(), lease.token(), lease.attempt(), expiresAt,
          lease.duration());
    }, RENEW_WAIT_MILLIS);
  }

  @Override
  public void ack(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    ops.call(leaseWhat("acknowledging", lease), (r, afterFailure) -> {
      Object done = evalOnce(ACK, lease.messageId(), lease.token(), micros(clock.instant()));
      // after a try whose answer was lost, a missing lease most likely means that try deleted the message
      if (!Long.valueOf(1).equals(done) && !afterFailure) {
        throw new LeaseLostException(lease.messageId(), lease.workerId());
      }
      return null;
    });
  }

  @Override
  public void nack(Lease lease, Duration delay, String error) {
    Objects.requireNonNull(lease, "lease");
    if (delay != null && delay.isNegative()) {
      throw new IllegalArgumentException(
          "nack of queue message '" + lease.messageId() + "' gave a negative delay " + delay);
    }
    String reason = error != null ? error : "nacked by worker '" + lease.workerId() + "' on attempt "
        + lease.attempt() + " of " + lease.message().maxAttempts();
    ops.call(leaseWhat("returning", lease), (r, afterFailure) -> {
      Instant now = clock.instant();
      Instant again = delay == null ? now : now.plus(delay);
      Object done = evalOnce(NACK, concat(new String[] {lease.messageId(), lease.token(), micros(now),
          now.toString(), micros(again), reason}, held(lease)));
      if (Long.valueOf(0).equals(done) && !afterFailure) {
        throw new LeaseLostException(lease.messageId(), lease.workerId());
      }
      return null;
    });
  }

  /** What a holder knows of its message, for the scripts to re-create it should a lost data set have taken it. */
  private static String[] held(Lease lease) {
    QueueMessage m = lease.message();
    Object group = m.payload().get(GROUP_FIELD);
    return new String[] {write(m.payload(), m.id()), Integer.toString(m.priority()), m.deliverAt().toString(),
        micros(m.deliverAt()), Integer.toString(m.maxAttempts()), Integer.toString(lease.attempt()),
        group instanceof String g ? g : ""};
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static String leaseWhat(String verb, Lease lease) {
    return verb + " the lease of worker '" + lease.workerId() + "' on queue message '" + lease.messageId() + "'";
  }

  @Override
  public List<DeadLetter> deadLetters(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("dead letter limit must be at least 1, got " + limit);
    }
    List<?> rows = (List<?>) eval("reading dead letters", DEAD_LETTERS, Integer.toString(limit));
    List<DeadLetter> result = new ArrayList<>(rows.size() / 8);
    for (int i = 0; i < rows.size(); i += 8) {
      String id = (String) rows.get(i);
      String failedAt = (String) rows.get(i + 7);
      if (failedAt.isEmpty()) {
        continue; // deleted between the index and the read: cannot happen inside one script, kept as a guard
      }
      QueueMessage m = new QueueMessage(id, read((String) rows.get(i + 1), id),
          Integer.parseInt((String) rows.get(i + 2)), Instant.parse((String) rows.get(i + 3)),
          Integer.parseInt((String) rows.get(i + 4)));
      String error = (String) rows.get(i + 6);
      result.add(new DeadLetter(m, Integer.parseInt((String) rows.get(i + 5)), error.isEmpty() ? null : error,
          Instant.parse(failedAt)));
    }
    return result;
  }

  @Override
  public boolean retryDeadLetter(String messageId) {
    if (messageId == null) {
      return false;
    }
    return Long.valueOf(1).equals(eval("retrying dead letter '" + messageId + "'", RETRY_DEAD_LETTER, messageId,
        micros(clock.instant())));
  }

  @Override
  public boolean deleteDeadLetter(String messageId) {
    if (messageId == null) {
      return false;
    }
    return Long.valueOf(1).equals(eval("deleting dead letter '" + messageId + "'", DELETE_DEAD_LETTER, messageId));
  }

  @Override
  public long size() {
    String n = ops.call("counting queued messages", (r, afterFailure) -> r.get(prefix + ":n"));
    return n == null ? 0 : Long.parseLong(n);
  }

  /**
   * Caps how many messages of one concurrency group (a workflow: the payload's {@value #GROUP_FIELD}) are leased at
   * once, for every worker sharing this queue.
   *
   * @param group the workflow id
   * @param limit at least 1, or {@code null} for no cap
   */
  public void setConcurrencyLimit(String group, Integer limit) {
    Objects.requireNonNull(group, "group");
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("concurrency limit of workflow '" + group + "' must be at least 1, got "
          + limit);
    }
    eval("setting the concurrency limit of workflow '" + group + "'", CONCURRENCY_LIMIT, group,
        limit == null ? "" : limit.toString(), micros(clock.instant()));
  }

  /** Deletes every key of this queue: queued, leased and dead messages, limits. For tests and resets. */
  public void deleteAll() {
    ops.call("deleting queue " + prefix, (r, afterFailure) -> {
      String cursor = "0";
      var params = new redis.clients.jedis.params.ScanParams().match(prefix + ":*").count(500);
      do {
        var page = r.scan(cursor, params);
        if (!page.getResult().isEmpty()) {
          r.del(page.getResult().toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!"0".equals(cursor));
      return null;
    });
  }

  private static String write(Map<String, Object> payload, String id) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new StoreException("payload of queue message '" + id + "' cannot be stored as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, Object> read(String json, String id) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new StoreException("payload of queue message '" + id + "' in Redis is not a JSON object: "
          + e.getOriginalMessage(), e);
    }
  }
}
