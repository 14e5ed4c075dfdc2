package dev.weft.nodes.ai.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.nodes.ai.model.ChatMessage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC store on an H2 file database: the contract, conversations surviving a restart, and writes committed on a
 * pool whose connections do not auto-commit (the engine's).
 */
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

  @Test
  void writesAreCommittedOnConnectionsWithoutAutoCommit() {
    JdbcChatMemoryStore pooled = new JdbcChatMemoryStore(withoutAutoCommit(dataSource()));
    String s = session();
    pooled.append(s, List.of(ChatMessage.user("one"), ChatMessage.assistant("two")));
    pooled.append(s, List.of(ChatMessage.user("three"), ChatMessage.assistant("four")));
    pooled.trim(s, 2);
    assertThat(new JdbcChatMemoryStore(dataSource()).load(s, 10)).extracting(ChatMessage::content)
        .containsExactly("three", "four");
    pooled.clear(s);
    assertThat(new JdbcChatMemoryStore(dataSource()).load(s, 10)).isEmpty();
  }

  /** A data source handing out connections with auto-commit off, as HikariCP configured by the engine does. */
  static DataSource withoutAutoCommit(DataSource target) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (result instanceof Connection c) {
            c.setAutoCommit(false);
          }
          return result;
        });
  }
}
