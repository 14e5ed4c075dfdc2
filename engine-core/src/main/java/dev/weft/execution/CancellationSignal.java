package dev.weft.execution;

import dev.weft.spi.Cancellation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An execution's cancellation: a flag, callbacks, and the threads to interrupt. Children follow their parent. */
final class CancellationSignal implements Cancellation {
  private volatile String reason;
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  /** Whether the cancellation was a time-out (the execution fails) rather than a request (it is cancelled). */
  volatile boolean timedOut;

  @Override
  public boolean isCancelled() {
    return reason != null;
  }

  @Override
  public String reason() {
    return reason;
  }

  @Override
  public AutoCloseable onCancel(Runnable callback) {
    callbacks.add(callback);
    if (isCancelled()) {
      runQuietly(callback);
    }
    return () -> callbacks.remove(callback);
  }

  /** Cancels; returns false when it was cancelled already. */
  boolean cancel(String why) {
    synchronized (this) {
      if (reason != null) {
        return false;
      }
      reason = why;
    }
    cancelled.countDown();
    for (Runnable r : callbacks) {
      runQuietly(r);
    }
    for (Thread t : threads) {
      t.interrupt();
    }
    return true;
  }

  /** Sleeps unless cancelled first; returns whether the full time passed. */
  boolean sleep(long millis) {
    try {
      return !cancelled.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void enter(Thread t) {
    threads.add(t);
    if (isCancelled()) {
      t.interrupt();
    }
  }

  void leave(Thread t) {
    threads.remove(t);
  }

  private static void runQuietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException ignored) {
      // a failing callback must not keep the others from running
    }
  }

  /** Cancels this signal whenever the parent is cancelled. */
  void follow(CancellationSignal parent) {
    parent.onCancel(() -> cancel(parent.reason()));
  }
}
