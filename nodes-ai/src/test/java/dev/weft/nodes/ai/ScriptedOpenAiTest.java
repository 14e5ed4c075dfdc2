package dev.weft.nodes.ai;

import dev.weft.Weft;
import dev.weft.event.ExecutionEvent;
import dev.weft.spi.Node;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test of AI nodes through the real engine against a local server answering as OpenAI does: each test gets a fresh
 * server, an engine with the AI pack whose OpenAI credential ({@link AiTests#openAi}) points at it, and the execution
 * events that engine publishes.
 */
public abstract class ScriptedOpenAiTest {
  /** The model's server; a test queues its answers. */
  protected MockWebServer server;
  /** The engine under test. */
  protected Weft weft;
  /** The engine's execution events, in the order it published them. */
  protected final List<ExecutionEvent> events = new CopyOnWriteArrayList<>();

  /** Nodes the engine has besides the AI pack; none unless the test says. */
  protected List<Node> extraNodes() {
    return List.of();
  }

  @BeforeEach
  protected void startServerAndEngine() throws Exception {
    server = new MockWebServer();
    server.start();
    weft = AiTests.engine(b -> b.listener(events::add), extraNodes(), AiTests.openAi(server));
  }

  @AfterEach
  protected void stopEngineAndServer() {
    weft.close();
    server.close();
  }
}
