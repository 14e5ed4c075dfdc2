package dev.weft.event;

/**
 * Receives execution events: live views, persistence and metrics build on it. Called on the thread that produced the
 * event, so implementations return quickly (hand slow work to a queue). An exception thrown here is logged and
 * ignored: a listener cannot break an execution.
 */
@FunctionalInterface
public interface ExecutionListener {

  /** One event. */
  void onEvent(ExecutionEvent event);
}
