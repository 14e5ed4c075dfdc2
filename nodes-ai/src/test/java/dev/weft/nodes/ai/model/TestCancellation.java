package dev.weft.nodes.ai.model;

import dev.weft.spi.Cancellation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A cancellation signal a test cancels by hand. */
final class TestCancellation implements Cancellation {
  private volatile String reason;
  private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

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
      callback.run();
    }
    return () -> callbacks.remove(callback);
  }

  void cancel(String why) {
    reason = why;
    callbacks.forEach(Runnable::run);
  }
}
