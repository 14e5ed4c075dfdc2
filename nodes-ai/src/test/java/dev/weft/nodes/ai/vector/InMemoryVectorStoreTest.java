package dev.weft.nodes.ai.vector;

class InMemoryVectorStoreTest extends VectorStoreContract {
  @Override
  protected VectorStore createStore() {
    return new InMemoryVectorStore();
  }
}
