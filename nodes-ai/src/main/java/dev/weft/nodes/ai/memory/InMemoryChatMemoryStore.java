package dev.weft.nodes.ai.memory;

import dev.weft.nodes.ai.model.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Conversations in memory: lost when the engine stops. Thread-safe. */
public final class InMemoryChatMemoryStore implements ChatMemoryStore {
  private final Map<String, List<ChatMessage>> sessions = new ConcurrentHashMap<>();

  @Override
  public List<ChatMessage> load(String sessionKey, int maxMessages) {
    List<ChatMessage> session = sessions.get(sessionKey);
    if (session == null || maxMessages <= 0) {
      return List.of();
    }
    synchronized (session) {
      return List.copyOf(session.subList(Math.max(0, session.size() - maxMessages), session.size()));
    }
  }

  @Override
  public void append(String sessionKey, List<ChatMessage> messages) {
    List<ChatMessage> session = sessions.computeIfAbsent(sessionKey, k -> new ArrayList<>());
    synchronized (session) {
      session.addAll(messages);
    }
  }

  @Override
  public void trim(String sessionKey, int keepMessages) {
    List<ChatMessage> session = sessions.get(sessionKey);
    if (session != null) {
      synchronized (session) {
        int drop = session.size() - Math.max(0, keepMessages);
        if (drop > 0) {
          session.subList(0, drop).clear();
        }
      }
    }
  }

  @Override
  public void clear(String sessionKey) {
    sessions.remove(sessionKey);
  }
}
