package dev.weft.execution;

import dev.weft.event.ExecutionEvent;
import dev.weft.event.ExecutionListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers execution events to listeners; costs one volatile read when nobody listens. */
final class Events {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);
  private final List<ExecutionListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean active;
  private final java.time.Clock clock;

  Events(java.time.Clock clock, List<ExecutionListener> initial) {
    this.clock = clock;
    listeners.addAll(initial);
    active = !listeners.isEmpty();
  }

  void add(ExecutionListener listener) {
    listeners.add(listener);
    active = true;
  }

  void remove(ExecutionListener listener) {
    listeners.remove(listener);
    active = !listeners.isEmpty();
  }

  /** Hands an event another instance published to every listener here but {@code except} (the one publishing). */
  void deliverRemote(ExecutionEvent event, ExecutionListener except) {
    for (ExecutionListener l : listeners) {
      if (l == except) {
        continue;
      }
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("execution listener {} failed on a remote {}; ignored", l.getClass().getName(), event.type(), e);
      }
    }
  }

  boolean active() {
    return active;
  }

  void emit(ExecutionEvent.Type type, ExecutionRun run, String node, int runIndex, List<Integer> counts, long nanos,
      String error, Map<String, Object> data) {
    if (!active) {
      return;
    }
    ExecutionEvent event = new ExecutionEvent(type, run.id, run.plan().workflow.id(), run.plan().workflow.name(), node,
        runIndex, counts, nanos, error, data == null ? Map.of() : data, clock.instant());
    for (ExecutionListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("execution listener {} failed on {}; ignored", l.getClass().getName(), type, e);
      }
    }
  }
}
