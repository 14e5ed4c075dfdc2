package dev.weft.nodes.ai.memory;

import dev.weft.nodes.ai.model.ChatMessage;
import java.util.List;

/**
 * Where conversations are kept between executions, by session key. {@link InMemoryChatMemoryStore} keeps them for the
 * life of the engine; {@link JdbcChatMemoryStore} in a database table, so they survive restarts. A host may offer its
 * own implementation as a service of this type.
 */
public interface ChatMemoryStore {

  /** The last {@code maxMessages} messages of a session, oldest first; empty for an unknown session. */
  List<ChatMessage> load(String sessionKey, int maxMessages);

  /** Appends messages to a session, in order. */
  void append(String sessionKey, List<ChatMessage> messages);

  /** Deletes all but the last {@code keepMessages} messages of a session. */
  void trim(String sessionKey, int keepMessages);

  /** Deletes a session. */
  void clear(String sessionKey);
}
