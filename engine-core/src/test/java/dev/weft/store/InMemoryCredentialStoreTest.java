package dev.weft.store;

class InMemoryCredentialStoreTest extends CredentialStoreContract {
  @Override
  protected CredentialStore newStore(TestClock clock) {
    return new InMemoryCredentialStore(clock);
  }
}
