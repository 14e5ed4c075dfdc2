package dev.weft.nodes.ai.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.nodes.ai.model.ChatMessage;
import dev.weft.nodes.ai.model.ToolCall;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ChatMemoryStore} does; each implementation's test runs it. */
abstract class ChatMemoryStoreContract {

  /** The store under test. */
  abstract ChatMemoryStore store();

  /** A session key no other test (or earlier run against the same database) uses. */
  static String session() {
    return "test-" + UUID.randomUUID();
  }

  @Test
  void keepsMessagesInOrderAndReturnsTheLastOnes() {
    String s = session();
    store().append(s, List.of(ChatMessage.user("one"), ChatMessage.assistant("two")));
    store().append(s, List.of(ChatMessage.user("three"), ChatMessage.assistant("four")));
    assertThat(store().load(s, 10)).extracting(ChatMessage::content).containsExactly("one", "two", "three", "four");
    assertThat(store().load(s, 3)).extracting(ChatMessage::content).containsExactly("two", "three", "four");
    assertThat(store().load(s, 0)).isEmpty();
    assertThat(store().load(session(), 10)).isEmpty();
  }

  @Test
  void keepsEveryPartOfAMessage() {
    String s = session();
    ToolCall call = new ToolCall("call_1", "lookup_order", "{\"orderId\":\"A-1001\"}");
    List<ChatMessage> messages = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Ünïcödé ✓ 日本"),
        ChatMessage.assistant(null, List.of(call)), ChatMessage.toolResult(call, "no such order", true));
    store().append(s, messages);
    assertThat(store().load(s, 10)).isEqualTo(messages);
  }

  @Test
  void trimsToTheLastMessagesAndClearsSessionsApart() {
    String s = session();
    String other = session();
    for (int i = 1; i <= 5; i++) {
      store().append(s, List.of(ChatMessage.user("m" + i)));
    }
    store().append(other, List.of(ChatMessage.user("kept")));
    store().trim(s, 2);
    assertThat(store().load(s, 10)).extracting(ChatMessage::content).containsExactly("m4", "m5");
    store().trim(s, 5);
    assertThat(store().load(s, 10)).hasSize(2);
    store().clear(s);
    assertThat(store().load(s, 10)).isEmpty();
    assertThat(store().load(other, 10)).extracting(ChatMessage::content).containsExactly("kept");
    store().clear(other);
  }
}
