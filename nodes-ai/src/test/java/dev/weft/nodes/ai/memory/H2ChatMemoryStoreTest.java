package dev.weft.nodes.ai.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.nodes.ai.model.ChatMessage;
import java.nio.file.Path;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC store on an H2 file database: the contract, and conversations surviving a restart. */
class H2ChatMemoryStoreTest extends ChatMemoryStoreContract {
  @TempDir
  Path dir;
  private JdbcChatMemoryStore store;

  private JdbcDataSource dataSource() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("memory").toAbsolutePath());
    ds.setUser("sa");
    return ds;
  }

  @BeforeEach
  void open() {
    store = new JdbcChatMemoryStore(dataSource());
  }

  @Override
  ChatMemoryStore store() {
    return store;
  }

  @Test
  void conversationsSurviveANewStoreOnTheSameDatabase() {
    String s = session();
    store.append(s, List.of(ChatMessage.user("remember me"), ChatMessage.assistant("I will")));
    JdbcChatMemoryStore reopened = new JdbcChatMemoryStore(dataSource()); // the table exists: it is kept
    assertThat(reopened.load(s, 10)).extracting(ChatMessage::content).containsExactly("remember me", "I will");
  }
}
