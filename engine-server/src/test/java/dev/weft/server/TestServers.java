package dev.weft.server;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Servers for tests: loopback, a free port, H2 in a temporary data folder, cheap bcrypt, the test webhook and schedule nodes. */
final class TestServers {
  private TestServers() {}

  static ServerConfig config(Path dataFolder) {
    return ServerConfig.defaults()
        .withHost("127.0.0.1")
        .withPort(0)
        .withDataFolder(dataFolder)
        .withBcryptCost(4)
        .withServeUi(false)
        .withEngine(b -> b.node(new TestWebhookTrigger()).node(new TestTickTrigger()));
  }

  static WeftServer start(Path dataFolder) {
    return WeftServer.create(config(dataFolder)).start();
  }

  static WeftServer start(Path dataFolder, UnaryOperator<ServerConfig> change) {
    return WeftServer.create(change.apply(config(dataFolder))).start();
  }
}
