package dev.weft.execution;

import dev.weft.cluster.Workers;
import dev.weft.store.Lease;
import dev.weft.store.LeaseLostException;
import dev.weft.store.WorkQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim loop of {@link Workers}: one platform thread claims as many messages as there are free slots, hands each
 * to the engine's node executor, and a timer renews the leases of those in flight. A queue that fails (a database or
 * Redis going away) is retried with backoff and reported once per outage.
 */
final class QueueWorkers implements Workers {
  private static final Logger LOG = LoggerFactory.getLogger(QueueWorkers.class);
  static final Duration LEASE = Duration.ofSeconds(30);
  private static final long MAX_IDLE_MS = 100;
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Engine engine;
  private final WorkQueue queue;
  private final String workerId;
  private final int concurrency;
  private final Semaphore slots;
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private final Thread poller;
  private final ScheduledFuture<?> renewal;
  private volatile boolean stopping;
  private boolean signalled; // guarded by signal

  QueueWorkers(Engine engine, WorkQueue queue, String workerId, int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("workers need a concurrency of at least 1, got " + concurrency);
    }
    this.engine = engine;
    this.queue = queue;
    this.workerId = workerId;
    this.concurrency = concurrency;
    this.slots = new Semaphore(concurrency);
    long every = LEASE.toMillis() / 3;
    this.renewal = engine.storeTimer().scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    this.poller = new Thread(this::claimLoop, "weft-worker-" + workerId);
    poller.setDaemon(true);
    poller.start();
  }

  @Override
  public String workerId() {
    return workerId;
  }

  @Override
  public int concurrency() {
    return concurrency;
  }

  @Override
  public int running() {
    return concurrency - slots.availablePermits();
  }

  /** Something was queued in this process: claim now instead of at the next poll. */
  void wake() {
    synchronized (signal) {
      signalled = true;
      signal.notifyAll();
    }
  }

  private void claimLoop() {
    long idle = 1;
    long backoff = 100;
    boolean failing = false;
    while (!stopping) {
      int free;
      try {
        slots.acquire();
        free = 1 + slots.drainPermits();
      } catch (InterruptedException e) {
        continue; // stop() interrupts; the loop condition decides
      }
      List<Lease> claimed;
      try {
        claimed = stopping ? List.of() : queue.claim(workerId, free, LEASE);
        if (failing) {
          LOG.info("worker {}: the work queue answers again", workerId);
          failing = false;
          backoff = 100;
        }
      } catch (RuntimeException e) {
        slots.release(free);
        if (!failing) {
          LOG.error("worker {}: the work queue fails ({}); retrying with backoff until it answers", workerId,
              e.getMessage());
          failing = true;
        }
        pause(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        continue;
      }
      if (claimed.size() < free) {
        slots.release(free - claimed.size());
      }
      for (Lease lease : claimed) {
        leases.put(lease.messageId(), lease);
        try {
          engine.nodeExecutor().execute(() -> handle(lease));
        } catch (RuntimeException e) { // the engine is closing: leave it to the lease
          leases.remove(lease.messageId());
          slots.release();
        }
      }
      if (claimed.isEmpty()) {
        pause(idle);
        idle = Math.min(MAX_IDLE_MS, idle * 2);
      } else {
        idle = 1;
      }
    }
  }

  private void pause(long millis) {
    synchronized (signal) {
      if (!signalled) {
        try {
          signal.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      signalled = false;
    }
    Thread.interrupted(); // an interrupt from stop() only ends the wait
  }

  private void handle(Lease lease) {
    try {
      engine.processQueued(this, lease);
    } catch (RuntimeException | Error e) {
      LOG.error("worker {}: queued message {} failed", workerId, lease.messageId(), e);
      nack(lease, Duration.ofSeconds(5), e.toString());
    } finally {
      leases.remove(lease.messageId());
      slots.release();
    }
  }

  private void renew() {
    for (Lease lease : leases.values()) {
      try {
        leases.replace(lease.messageId(), queue.renew(lease));
      } catch (LeaseLostException e) {
        leases.remove(lease.messageId());
        engine.leaseLost(lease);
      } catch (RuntimeException e) {
        LOG.warn("worker {}: renewing the lease of {} failed: {}", workerId, lease.messageId(), e.getMessage());
      }
    }
  }

  private Lease current(Lease lease) {
    Lease now = leases.get(lease.messageId());
    return now == null ? lease : now;
  }

  /** Done with a message: deletes it from the queue. */
  void ack(Lease lease) {
    try {
      queue.ack(current(lease));
    } catch (LeaseLostException e) {
      LOG.warn("worker {}: the lease of {} was lost before its acknowledgement; a redelivery will find it done",
          workerId, lease.messageId());
    } catch (RuntimeException e) {
      LOG.warn("worker {}: acknowledging {} failed ({}); a redelivery will find it done", workerId,
          lease.messageId(), e.getMessage());
    }
  }

  /** Not now: the message becomes claimable again after {@code delay}. */
  void nack(Lease lease, Duration delay, String error) {
    try {
      queue.nack(current(lease), delay, error);
    } catch (RuntimeException e) {
      LOG.warn("worker {}: returning {} to the queue failed ({}); its lease will expire", workerId,
          lease.messageId(), e.getMessage());
    }
  }

  @Override
  public boolean stop(Duration drain) throws InterruptedException {
    if (stopping) { // stopped before: only report
      return slots.availablePermits() == concurrency;
    }
    stopping = true;
    poller.interrupt();
    wake();
    poller.join(Math.max(1, drain.toMillis()));
    boolean drained = slots.tryAcquire(concurrency, drain.toMillis(), TimeUnit.MILLISECONDS);
    if (drained) {
      slots.release(concurrency);
      renewal.cancel(false);
    }
    engine.workersStopped(this);
    return drained;
  }
}
