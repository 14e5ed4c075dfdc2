package dev.weft.nodes.ai.memory;

class InMemoryChatMemoryStoreTest extends ChatMemoryStoreContract {
  private final InMemoryChatMemoryStore store = new InMemoryChatMemoryStore();

  @Override
  ChatMemoryStore store() {
    return store;
  }
}
