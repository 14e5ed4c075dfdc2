package dev.weft.store;

class InMemoryExecutionStoreTest extends ExecutionStoreContract {
  @Override
  protected ExecutionStore newStore(TestClock clock) {
    return new InMemoryExecutionStore(clock);
  }
}
