package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.InMemoryExecutionStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionAndRecordingTest extends EngineTestSupport {
  private final InMemoryExecutionStore store = new InMemoryExecutionStore();

  @Override
  protected Weft.Builder configure(Weft.Builder builder) {
    return builder.executionStore(store);
  }

  private static String chain(String settings) {
    return """
        {"name": "keep", "settings": {%s}, "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Tag", "type": "test.tag", "parameters": {"value": 1}}],
         "connections": [{"from": "Start", "to": "Tag"}]}
        """.formatted(settings);
  }

  private static List<Item> items(int n) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(Item.of("i", i));
    }
    return items;
  }

  @Test
  void everyExecutionIsRecordedWithItsRunData() {
    ExecutionResult r = run(chain(""), items(3));
    ExecutionRecord record = store.get(r.executionId()).orElseThrow();
    assertThat(record.status()).isEqualTo(ExecutionRecord.Status.SUCCESS);
    assertThat(record.finishedAt()).isNotNull();
    assertThat(Json.get(record.data(), "runs.Tag[0].outputItems")).isEqualTo(List.of(3));
    assertThat(Json.get(record.data(), "runs.Tag[0].outputs[0][2].json.i")).isEqualTo(2);
  }

  @Test
  void saveDataNoneKeepsCountsButNoItems() {
    ExecutionResult r = run(chain("\"saveData\": \"none\""), items(3));
    assertThat(r.runs("Tag").get(0).outputCounts()).containsExactly(3);
    assertThat(r.items("Tag")).isEmpty();
    assertThat(r.output()).hasSize(3);
    ExecutionRecord record = store.get(r.executionId()).orElseThrow();
    assertThat(Json.get(record.data(), "runs.Tag[0].outputs[0]")).isEqualTo(List.of());
  }

  @Test
  void saveDataErrorsKeepsItemsOfFailedExecutionsOnly() {
    ExecutionResult ok = run(chain("\"saveData\": \"errors\""), items(2));
    assertThat(ok.items("Tag")).isEmpty();
    ExecutionResult failed = run("""
        {"name": "fails", "settings": {"saveData": "errors"}, "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Tag", "type": "test.tag"}, {"name": "Boom", "type": "test.fail", "parameters": {"always": true}}],
         "connections": [{"from": "Start", "to": "Tag"}, {"from": "Tag", "to": "Boom"}]}
        """, items(2));
    assertThat(failed.items("Tag")).hasSize(2);
    ExecutionRecord record = store.get(failed.executionId()).orElseThrow();
    assertThat(record.status()).isEqualTo(ExecutionRecord.Status.ERROR);
    assertThat(record.errorNode()).isEqualTo("Boom");
    assertThat(record.errorMessage()).isEqualTo(failed.error().message());
  }

  @Test
  void maxStoredItemsCapsWhatIsKept() {
    ExecutionResult r = run(chain("\"maxStoredItems\": 2"), items(5));
    assertThat(r.items("Tag")).hasSize(2);
    assertThat(r.runs("Tag").get(0).outputCounts()).containsExactly(5);
    assertThat(r.output()).hasSize(5);
  }

  @Test
  void aWaitingExecutionIsRecordedAsWaitingThenFinished() {
    ExecutionResult waiting = run("""
        {"name": "w", "nodes": [{"name": "Start", "type": "test.trigger"}, {"name": "P", "type": "test.suspend"}],
         "connections": [{"from": "Start", "to": "P"}]}
        """);
    assertThat(store.get(waiting.executionId()).orElseThrow().status()).isEqualTo(ExecutionRecord.Status.WAITING);
    weft.resume(waiting.executionId(), java.util.Map.of());
    assertThat(store.get(waiting.executionId()).orElseThrow().status()).isEqualTo(ExecutionRecord.Status.SUCCESS);
  }

  @Test
  void aCancelledWaitingExecutionIsRecordedAndAnnouncedAsCancelled() {
    java.util.List<dev.weft.event.ExecutionEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    weft.addListener(events::add);
    ExecutionResult waiting = run("""
        {"name": "w", "nodes": [{"name": "Start", "type": "test.trigger"}, {"name": "P", "type": "test.suspend"}],
         "connections": [{"from": "Start", "to": "P"}]}
        """);
    assertThat(weft.cancel(waiting.executionId())).isTrue();
    assertThat(store.get(waiting.executionId()).orElseThrow().status()).isEqualTo(ExecutionRecord.Status.CANCELLED);
    assertThat(events).extracting(dev.weft.event.ExecutionEvent::type)
        .endsWith(dev.weft.event.ExecutionEvent.Type.EXECUTION_CANCELLED);
  }
}
