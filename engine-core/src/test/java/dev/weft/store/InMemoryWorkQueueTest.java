package dev.weft.store;

class InMemoryWorkQueueTest extends WorkQueueContract {
  @Override
  protected WorkQueue newQueue(TestClock clock) {
    return new InMemoryWorkQueue(clock);
  }
}
