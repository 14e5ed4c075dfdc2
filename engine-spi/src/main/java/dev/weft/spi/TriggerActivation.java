package dev.weft.spi;

/** A running trigger registration (a schedule, a webhook, a poller, a subscription). Closing it stops it. */
@FunctionalInterface
public interface TriggerActivation extends AutoCloseable {

  /** Stops the trigger. Closing twice is harmless. */
  @Override
  void close();

  /** An activation that holds nothing. */
  static TriggerActivation none() {
    return () -> {};
  }
}
