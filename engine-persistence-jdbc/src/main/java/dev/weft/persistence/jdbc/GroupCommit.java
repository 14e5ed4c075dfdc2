package dev.weft.persistence.jdbc;

import dev.weft.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes handed in by many threads are committed together by one writer thread, in one transaction
 * with JDBC batches, and each caller returns only once its own write is committed. Durability per call is unchanged;
 * the database sees one commit where it saw one per write.
 *
 * <p>A write that fails on its own (an optimistic version check) fails only its caller, inside a batch that commits
 * for the others. When a batch fails as a whole (a row violating a constraint aborts the batch, a lost connection),
 * its transaction is rolled back and each of its writes runs again alone in its own transaction, so that only the
 * offending caller gets the error.
 */
final class GroupCommit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
  /** The most writes one transaction takes. */
  static final int MAX_BATCH = 256;

  /** Writes of one kind that share statements; run together inside the writer's open transaction. */
  @FunctionalInterface
  interface Kind<W extends Write<?>> {
    /**
     * Runs the writes in order, setting each one's result ({@link Write#succeed}) or its own failure
     * ({@link Write#fail}); throws when the batch as a whole failed (the transaction is then rolled back).
     */
    void run(Connection connection, List<W> writes) throws SQLException;
  }

  /** One caller's write: what it is (for messages), its kind, and its outcome once committed. */
  abstract static class Write<T> {
    final String what;
    private final CompletableFuture<T> done = new CompletableFuture<>();
    private T result;
    private RuntimeException failure;
    private boolean decided;

    Write(String what) {
      this.what = what;
    }

    /** The kind that runs this write. */
    abstract Kind<? extends Write<T>> kind();

    /** This write's own outcome: it will commit with this result. */
    final void succeed(T value) {
      result = value;
      failure = null;
      decided = true;
    }

    /** This write's own failure: nothing of it is written; the rest of the batch goes on. */
    final void fail(RuntimeException e) {
      result = null;
      failure = e;
      decided = true;
    }

    private void reset() {
      result = null;
      failure = null;
      decided = false;
    }

    private void complete() {
      if (failure != null) {
        done.completeExceptionally(failure);
      } else if (!decided) {
        done.completeExceptionally(new IllegalStateException(what + ": the batch left this write without an"
            + " outcome"));
      } else {
        done.complete(result);
      }
    }
  }

  private final Database db;
  private final LinkedBlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;
  /** Transactions the writer began (for tests that check what shared one, and the closing log line). */
  private final java.util.concurrent.atomic.AtomicLong transactions = new java.util.concurrent.atomic.AtomicLong();
  /** Writes the writer took. */
  private final java.util.concurrent.atomic.AtomicLong taken = new java.util.concurrent.atomic.AtomicLong();

  GroupCommit(Database db, String name) {
    this.db = db;
    this.writer = new Thread(this::loop, name);
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Hands a write to the writer and waits (not interruptibly: a write in flight is never abandoned half-known) until
   * it is committed or failed.
   *
   * @return the write's result
   * @throws RuntimeException the write's own failure, or a {@link StoreException} when the database failed
   */
  <T> T submit(Write<T> write) {
    if (closed) {
      throw new StoreException(write.what + " failed: the stores are closed");
    }
    queue.add(write);
    if (closed && queue.remove(write)) {
      throw new StoreException(write.what + " failed: the stores are closed");
    }
    try {
      return write.done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private void loop() {
    List<Write<?>> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Write<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        taken.addAndGet(batch.size());
        commit(batch);
      } catch (InterruptedException e) {
        // nothing interrupts the writer on purpose; the loop condition decides when it stops
      } catch (RuntimeException | Error e) {
        LOG.error("the JDBC writer failed on a batch of {} writes", batch.size(), e);
        for (Write<?> w : batch) {
          w.done.completeExceptionally(e);
        }
      } finally {
        batch.clear();
      }
    }
  }

  /** Commits the writes together; on a batch-wide failure, each again alone. */
  private void commit(List<Write<?>> batch) {
    if (batch.size() > 1) {
      try {
        transactions.incrementAndGet();
        db.tx("writing a batch of " + batch.size() + " records", c -> {
          runByKind(c, batch);
          return null;
        });
        batch.forEach(Write::complete);
        return;
      } catch (RuntimeException e) {
        LOG.debug("a batch of {} writes failed as a whole; each runs again alone", batch.size(), e);
      }
    }
    for (Write<?> w : batch) {
      w.reset();
      transactions.incrementAndGet();
      try {
        db.tx(w.what, c -> {
          runByKind(c, List.of(w));
          return null;
        });
        w.complete();
      } catch (RuntimeException e) {
        w.done.completeExceptionally(e);
      }
    }
  }

  /** Runs each kind's writes in the order of their first arrival, each kind's in arrival order. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void runByKind(Connection c, List<Write<?>> writes) throws SQLException {
    Map<Kind<?>, List<Write<?>>> byKind = new LinkedHashMap<>(); // kinds are singletons: identity keys
    for (Write<?> w : writes) {
      byKind.computeIfAbsent(w.kind(), k -> new ArrayList<>()).add(w);
    }
    for (Map.Entry<Kind<?>, List<Write<?>>> e : byKind.entrySet()) {
      ((Kind) e.getKey()).run(c, e.getValue());
    }
  }

  /** How many transactions the writer has begun. */
  long transactions() {
    return transactions.get();
  }

  /** How many writes wait for the writer. */
  int queued() {
    return queue.size();
  }

  /** Commits what is queued, then stops the writer; later submissions fail. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (taken.get() > 0) {
      LOG.info("{}: {} writes in {} transactions", writer.getName(), taken.get(), transactions.get());
    }
    Write<?> left;
    while ((left = queue.poll()) != null) {
      left.done.completeExceptionally(new StoreException(left.what + " failed: the stores closed before it was"
          + " written"));
    }
  }
}
