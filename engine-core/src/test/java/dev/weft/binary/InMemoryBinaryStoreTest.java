package dev.weft.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import org.junit.jupiter.api.Test;

class InMemoryBinaryStoreTest extends BinaryStoreContract {
  @Override
  protected BinaryStore newStore() {
    return new InMemoryBinaryStore();
  }

  @Test
  void countsWhatItHolds() throws Exception {
    InMemoryBinaryStore memory = (InMemoryBinaryStore) store;
    BinaryData a = memory.store(new byte[10], null, null);
    memory.store(new byte[5], null, null);
    assertThat(memory.size()).isEqualTo(2);
    assertThat(memory.totalBytes()).isEqualTo(15);
    memory.delete(a);
    assertThat(memory.size()).isEqualTo(1);
    assertThat(memory.totalBytes()).isEqualTo(5);
  }
}
