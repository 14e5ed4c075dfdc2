package dev.weft.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.weft.event.ExecutionEvent;
import dev.weft.event.ExecutionListener;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Execution events for live views: each engine event gets a sequence number, goes at once to the subscribers that
 * may see it, and is written to {@code weft_server_event} in batches by a background thread, so that a client
 * reconnecting with {@code Last-Event-ID} gets every event it missed (recent ones from memory, older ones from the
 * table). Events of workflows that save no execution data ({@code saveData: none}) are not written to the table:
 * live views and reconnects replay them from the last {@value #RECENT} events kept in memory only. Events nodes
 * publish themselves go to live views only ({@link CustomEvents}).
 */
final class EventHub implements ExecutionListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
  private static final int RECENT = 10_000;
  private static final int SUBSCRIBER_BUFFER = 20_000;
  private static final int REPLAY_LIMIT = 50_000;
  /** Stored events older than this are deleted (live views need recent ones; run data stays in the executions). */
  static final java.time.Duration RETENTION = java.time.Duration.ofDays(7);
  private static final long PRUNE_EVERY_MS = 10 * 60_000;
  /** How long the writer lets events gather before it stores them. */
  private static final long LINGER_MS = 20;

  /** One numbered event. */
  record Stored(long seq, String executionId, String workflowId, String type, Map<String, Object> payload) {}

  /** A live view's queue of events; overflows end the subscription (the client reconnects and replays). */
  static final class Subscription implements AutoCloseable {
    private final Predicate<Stored> filter;
    final BlockingQueue<Stored> queue = new LinkedBlockingQueue<>(SUBSCRIBER_BUFFER);
    volatile boolean overflowed;
    private final EventHub hub;

    Subscription(EventHub hub, Predicate<Stored> filter) {
      this.hub = hub;
      this.filter = filter;
    }

    Stored poll(long millis) throws InterruptedException {
      return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      hub.subscribers.remove(this);
    }
  }

  private final ServerDatabase db;
  private final Clock clock;
  private final java.util.function.Function<String, String> ownerOfWorkflow;
  private final Predicate<String> storesEventsOf;
  private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Stored> recent = new ArrayDeque<>();
  private final LinkedBlockingQueue<Stored> toWrite = new LinkedBlockingQueue<>();
  private final List<java.util.function.Consumer<ExecutionEvent>> watchers = new CopyOnWriteArrayList<>();
  private final Thread writer;
  /** Held while writing, apart from the lock that numbers and hands out events, so the engine never waits on I/O. */
  private final Object writeLock = new Object();
  private long seq;
  /** The last number of the block this server reserved; guarded by this. */
  private long blockEnd;
  private volatile boolean closed;
  /**
   * How many event numbers a server reserves at once: servers sharing a database never hand out the same number, and
   * the reservation (one short transaction) comes once in this many events.
   */
  static final long BLOCK = 100_000;

  /**
   * @param ownerOfWorkflow the owner of a workflow id, or null
   * @param storesEventsOf whether the events of a workflow's executions are written to the table (by workflow id,
   *     which may be null)
   */
  EventHub(ServerDatabase db, Clock clock, java.util.function.Function<String, String> ownerOfWorkflow,
      Predicate<String> storesEventsOf) {
    this.db = db;
    this.clock = clock;
    this.ownerOfWorkflow = ownerOfWorkflow;
    this.storesEventsOf = storesEventsOf;
    reserveBlock();
    this.writer = new Thread(this::writeLoop, "weft-event-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Reserves the next block of event numbers in the database; called at start and holding this hub's lock. */
  private void reserveBlock() {
    long start = db.tx("reserving event numbers", c -> {
      long next;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT next_seq FROM weft_server_event_block WHERE id = 1 FOR UPDATE");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        next = rs.getLong(1);
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE weft_server_event_block SET next_seq = ? WHERE id = 1")) {
        ps.setLong(1, next + BLOCK);
        ps.executeUpdate();
      }
      return next;
    });
    seq = start - 1;
    blockEnd = start + BLOCK - 1;
  }

  /** The next event number; called holding this hub's lock. */
  private long nextSeq() {
    if (seq >= blockEnd) {
      reserveBlock();
    }
    return ++seq;
  }

  /** Adds code that sees every engine event (run bookkeeping of the server). */
  void watch(java.util.function.Consumer<ExecutionEvent> watcher) {
    watchers.add(watcher);
  }

  @Override
  public void onEvent(ExecutionEvent event) {
    for (var w : watchers) {
      try {
        w.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("an event watcher failed on {}", event.type(), e);
      }
    }
    if (closed) {
      return;
    }
    if (event.type() == ExecutionEvent.Type.CUSTOM) {
      publishLive(event);
      return;
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    String type = event.type().name().toLowerCase(Locale.ROOT).replaceFirst("_", ".");
    payload.put("type", type);
    payload.put("executionId", event.executionId());
    payload.put("workflowId", event.workflowId());
    payload.put("workflowName", event.workflowName());
    if (event.nodeName() != null) {
      payload.put("nodeName", event.nodeName());
      payload.put("runIndex", event.runIndex());
    }
    if (!event.itemCounts().isEmpty()) {
      payload.put("itemCounts", event.itemCounts());
    }
    if (event.durationNanos() > 0) {
      payload.put("durationMs", event.durationNanos() / 1_000_000.0);
    }
    if (event.error() != null) {
      payload.put("error", event.error());
    }
    payload.put("timestamp", (event.timestamp() == null ? clock.instant() : event.timestamp()).toString());
    boolean store = storesEventsOf.test(event.workflowId());
    synchronized (this) {
      long n = nextSeq();
      payload.put("seq", n);
      Stored stored = new Stored(n, event.executionId(), event.workflowId(), type, payload);
      recent.addLast(stored);
      if (recent.size() > RECENT) {
        recent.removeFirst();
      }
      if (store) {
        toWrite.add(stored);
      }
      deliver(stored);
    }
  }

  /** Queues an event for the subscribers that want it; called holding this hub's lock. */
  private void deliver(Stored stored) {
    for (Subscription s : subscribers) {
      if (s.filter.test(stored) && !s.queue.offer(stored)) {
        s.overflowed = true;
      }
    }
  }

  /** Hands a node's own event to the live views that may see it (see {@link CustomEvents}: never kept). */
  private void publishLive(ExecutionEvent event) {
    String name = subscribers.isEmpty() ? null : CustomEvents.name(event);
    if (name == null) {
      return;
    }
    Map<String, Object> payload = CustomEvents.payload(event, name, clock.instant());
    synchronized (this) {
      long n = nextSeq();
      payload.put("seq", n);
      Stored stored = new Stored(n, event.executionId(), event.workflowId(), name, payload);
      deliver(stored);
    }
  }

  /**
   * Subscribes a live view: events after {@code afterSeq} that pass {@code filter} are queued now (stored ones
   * first, in order), live ones follow without a gap or a repeat.
   *
   * @param afterSeq the last event the client has, or -1 to start with live events only
   * @param executionId when the view follows one execution, its id (lets replay read only its rows), else null
   */
  Subscription subscribe(Predicate<Stored> filter, long afterSeq, String executionId) {
    Subscription s = new Subscription(this, filter);
    if (afterSeq < 0) {
      synchronized (this) {
        subscribers.add(s);
      }
      return s;
    }
    // Read the table first (its rows are all older than what is in memory or still to be written), then take the
    // memory snapshot and subscribe under the lock, so nothing falls between.
    flush();
    TreeMap<Long, Stored> replay = new TreeMap<>(readStored(afterSeq, executionId));
    synchronized (this) {
      for (Stored r : recent) {
        if (r.seq() > afterSeq && (executionId == null || executionId.equals(r.executionId()))) {
          replay.put(r.seq(), r);
        }
      }
      for (Stored r : replay.values()) {
        if (filter.test(r)) {
          s.queue.offer(r);
        }
      }
      subscribers.add(s);
    }
    return s;
  }

  /** Whether a user may see an event (they own its workflow). */
  boolean visibleTo(Stored event, String userId) {
    return event.workflowId() != null && userId.equals(ownerOfWorkflow.apply(event.workflowId()));
  }

  /** Forgets the stored events of an execution. */
  void deleteExecution(String executionId) {
    flush();
    db.tx("deleting the events of execution " + executionId, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_server_event WHERE execution_id = ?")) {
        ps.setString(1, executionId);
        return ps.executeUpdate();
      }
    });
    synchronized (this) {
      recent.removeIf(r -> executionId.equals(r.executionId()));
    }
  }

  /** The stored events after {@code afterSeq} (of one execution, or of all when null), in order. */
  Map<Long, Stored> readStored(long afterSeq, String executionId) {
    return db.tx("reading stored events", c -> {
      String sql = "SELECT seq, execution_id, workflow_id, payload FROM weft_server_event WHERE seq > ?"
          + (executionId == null ? "" : " AND execution_id = ?") + " ORDER BY seq LIMIT " + REPLAY_LIMIT;
      Map<Long, Stored> rows = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, afterSeq);
        if (executionId != null) {
          ps.setString(2, executionId);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = Api.JSON.readValue(rs.getString(4), Map.class);
            rows.put(rs.getLong(1), new Stored(rs.getLong(1), rs.getString(2), rs.getString(3),
                String.valueOf(payload.get("type")), payload));
          }
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("a stored event is not valid JSON: " + e.getOriginalMessage(), e);
        }
      }
      return rows;
    });
  }

  /** Deletes the stored events written before {@code before}; returns how many. */
  int prune(Instant before) {
    return db.tx("pruning execution events", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_server_event WHERE created_at < ?")) {
        ps.setTimestamp(1, ServerDatabase.ts(before));
        return ps.executeUpdate();
      }
    });
  }

  /** Writes what is queued now (the writer thread does this continuously). */
  void flush() {
    synchronized (writeLock) {
      List<Stored> batch = new ArrayList<>();
      toWrite.drainTo(batch);
      write(batch);
    }
  }

  private void writeLoop() {
    long lastPrune = 0;
    while (!closed) {
      try {
        if (System.currentTimeMillis() - lastPrune > PRUNE_EVERY_MS) {
          lastPrune = System.currentTimeMillis();
          prune(clock.instant().minus(RETENTION));
        }
        Stored first = toWrite.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        if (toWrite.size() < 999) {
          try {
            // let more events gather, so that one commit stores many: under load each commit was a handful of
            // rows competing with the execution writes; live views have the events already, subscribe() flushes
            Thread.sleep(LINGER_MS);
          } catch (InterruptedException e) {
            toWrite.add(first); // closing: close() flushes it
            throw e;
          }
        }
        synchronized (writeLock) {
          List<Stored> batch = new ArrayList<>();
          batch.add(first);
          toWrite.drainTo(batch, 999);
          write(batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("execution events could not be stored; live views still get them", e);
      }
    }
  }

  private void write(List<Stored> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    db.tx("storing " + batch.size() + " execution events", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO weft_server_event (seq, execution_id, workflow_id,"
          + " payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
        for (Stored s : batch) {
          ps.setLong(1, s.seq());
          ps.setString(2, s.executionId());
          ps.setString(3, s.workflowId());
          ps.setString(4, storedJson(s.payload()));
          ps.setTimestamp(5, ServerDatabase.ts(now));
          ps.addBatch();
        }
        ps.executeBatch();
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("an event could not be written as JSON", e);
      }
      return null;
    });
  }

  /** The longest payload stored (H2 keeps it inline, in a column of at most this many characters). */
  static final int MAX_STORED_PAYLOAD = 1_000_000;

  /** A payload as stored: its JSON, with an error message that would not fit cut short, saying so. */
  static String storedJson(Map<String, Object> payload) throws JsonProcessingException {
    String json = Api.JSON.writeValueAsString(payload);
    if (json.length() <= MAX_STORED_PAYLOAD || !(payload.get("error") instanceof String error)) {
      return json;
    }
    Map<String, Object> cut = new LinkedHashMap<>(payload);
    cut.put("error", error.substring(0, Math.min(error.length(), 10_000)) + "... (" + error.length()
        + " characters, cut for storage)");
    return Api.JSON.writeValueAsString(cut);
  }

  /** Event types that end an execution for good. */
  static final Set<String> FINAL_TYPES = Set.of("execution.finished", "execution.failed", "execution.cancelled");

  @Override
  public void close() {
    closed = true;
    writer.interrupt();
    try {
      writer.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("the last execution events could not be stored", e);
    }
  }
}
