package dev.weft.store;

class InMemoryWorkflowStoreTest extends WorkflowStoreContract {
  @Override
  protected WorkflowStore newStore(TestClock clock) {
    return new InMemoryWorkflowStore(clock);
  }
}
