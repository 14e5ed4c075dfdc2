package dev.weft.nodes.ai.memory;

import dev.weft.nodes.ai.model.ChatMessage;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Services;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the conversation store for a node and reads the {@code memory} parameter the Agent and Chat Model nodes
 * share.
 *
 * <p>The store is, in order: a {@link ChatMemoryStore} the host offers as a service; a {@link JdbcChatMemoryStore}
 * over the {@link DataSource} the host offers (the engine's own database, so conversations survive restarts); else an
 * {@link InMemoryChatMemoryStore} per engine, with a warning that conversations end with the engine. The engine's
 * shared HTTP client is the per-engine key of that fallback: it is the one service every engine makes for itself.
 */
public final class ChatMemories {
  private static final Logger LOG = LoggerFactory.getLogger(ChatMemories.class);
  private static final Map<DataSource, ChatMemoryStore> JDBC = new WeakHashMap<>();
  private static final Map<Object, ChatMemoryStore> IN_MEMORY = new WeakHashMap<>();

  private ChatMemories() {}

  /** The conversation store for these services (see the class description). */
  public static ChatMemoryStore store(Services services) {
    ChatMemoryStore offered = optional(services, ChatMemoryStore.class);
    if (offered != null) {
      return offered;
    }
    DataSource dataSource = optional(services, DataSource.class);
    if (dataSource != null) {
      synchronized (JDBC) {
        return JDBC.computeIfAbsent(dataSource, JdbcChatMemoryStore::new);
      }
    }
    Object engineKey = optional(services, OkHttpClient.class);
    synchronized (IN_MEMORY) {
      return IN_MEMORY.computeIfAbsent(engineKey == null ? ChatMemories.class : engineKey, k -> {
        LOG.warn("conversation memory is kept in memory and ends with the engine: the host offers no "
            + "javax.sql.DataSource (or ChatMemoryStore) service to keep it in a database");
        return new InMemoryChatMemoryStore();
      });
    }
  }

  private static <T> T optional(Services services, Class<T> type) {
    try {
      return services.service(type);
    } catch (IllegalStateException absent) {
      return null;
    }
  }

  /** The {@code memory} parameter: a session key and how many turns to remember. */
  public static ParameterSpec parameter() {
    return ParameterSpec.collection("memory",
            ParameterSpec.string("sessionKey").displayName("Session key")
                .description("Conversations are remembered per key, for example {{ $json.sessionId }}; empty for "
                    + "no memory").build(),
            ParameterSpec.number("turns").displayName("Turns to remember").defaultValue(10)
                .description("How many past exchanges (a user message and its answer) are sent with the prompt")
                .build())
        .displayName("Conversation memory").build();
  }

  /** The memory of one session, or {@code null} when the node's memory parameter names no session key. */
  public static Session session(NodeContext context, int i) throws NodeException {
    String key = context.string("memory.sessionKey", i);
    if (key == null || key.isBlank()) {
      return null;
    }
    Number turns = context.parameter("memory.turns", i, Number.class);
    int n = turns == null ? 10 : turns.intValue();
    if (n < 1) {
      throw NodeException.parameter("memory.turns", i, "turns to remember must be at least 1, was " + n);
    }
    return new Session(store(context), key, n);
  }

  /**
   * The memory of one conversation.
   *
   * @param store where it is kept
   * @param key the session key
   * @param turns how many exchanges are remembered
   */
  public record Session(ChatMemoryStore store, String key, int turns) {
    /** The remembered messages, oldest first. */
    public List<ChatMessage> history() {
      return store.load(key, turns * 2);
    }

    /** Remembers one exchange and forgets what is beyond the turns kept. */
    public void remember(String userText, String answer) {
      store.append(key, List.of(ChatMessage.user(userText), ChatMessage.assistant(answer)));
      store.trim(key, turns * 2);
    }
  }
}
