package dev.weft.store;

class InMemoryWebhookStoreTest extends WebhookStoreContract {
  @Override
  protected WebhookStore newStore(TestClock clock) {
    return new InMemoryWebhookStore(clock);
  }
}
