package dev.weft.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void idsAreVersion7UuidsThatSortInTheOrderTheyWereMade() {
    long before = System.currentTimeMillis();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      ids.add(Ids.executionId());
    }
    long after = System.currentTimeMillis();
    assertThat(new HashSet<>(ids)).hasSize(ids.size());
    assertThat(ids).isSorted();
    UUID first = UUID.fromString(ids.get(0));
    assertThat(first.version()).isEqualTo(7);
    assertThat(first.variant()).isEqualTo(2);
    long millis = first.getMostSignificantBits() >>> 16;
    assertThat(millis).isBetween(before, after + 1);
  }
}
