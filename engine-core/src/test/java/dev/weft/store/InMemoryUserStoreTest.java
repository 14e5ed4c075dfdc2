package dev.weft.store;

class InMemoryUserStoreTest extends UserStoreContract {
  @Override
  protected UserStore newStore(TestClock clock) {
    return new InMemoryUserStore(clock);
  }
}
