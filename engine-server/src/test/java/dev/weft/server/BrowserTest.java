package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in a real browser: {@code ui/e2e/studio.e2e.mjs} (playwright-core driving Debian's chromium) against
 * a server with the bundled UI: register, build a 3-node workflow on the canvas, run it with live status, see the
 * output, find it among the executions, add a credential whose secret is never shown again, import an n8n file,
 * chat with a workflow that starts with a Chat Trigger, and see an agent's steps (model calls, a tool call, a
 * sub-agent, a handoff) as a timeline in the studio and the execution view, the agent's model being a
 * {@link ScriptedModel} whose URL the script gets as {@code WEFT_E2E_MODEL_URL}. Needs a build with the UI (not
 * {@code -DskipUi}) and {@code /usr/bin/chromium}.
 */
class BrowserTest {
  @TempDir
  Path data;

  @Test
  void theStudioBuildsRunsAndShowsAWorkflow() throws Exception {
    Path ui = Path.of(System.getProperty("weft.ui.dir", "ui"));
    Path chromium = Path.of(System.getenv().getOrDefault("WEFT_CHROMIUM", "/usr/bin/chromium"));
    assumeTrue(WeftServer.class.getResource(WeftServer.UI_ROOT + "/index.html") != null,
        "the UI is not bundled (built with -DskipUi)");
    assumeTrue(Files.isExecutable(chromium), chromium + " is missing: apt-get install -y chromium");
    assumeTrue(Files.isDirectory(ui.resolve("node_modules/playwright-core")), "ui/node_modules lacks playwright-core");
    Path shots = Path.of(System.getProperty("weft.e2e.out", "target/e2e"));
    try (WeftServer server = TestServers.start(data, c -> c.withServeUi(true));
        ScriptedModel model = new ScriptedModel()) {
      assertThat(server.servesUi()).isTrue();
      // the agent step of the script: a tool, a sub-agent, a handoff, then the answer of the agent handed to
      model.callTools("check_stock", "{}")
          .callTools("checker", "{\"input\":\"Is 12 red bikes plenty?\"}")
          .answer("Yes, that is plenty.")
          .callTools("transfer_to_closer", "{}")
          .answer("We have 12 red bikes in stock.");
      ProcessBuilder pb = new ProcessBuilder("node", "e2e/studio.e2e.mjs", "http://127.0.0.1:" + server.port(),
          shots.toAbsolutePath().toString())
          .directory(ui.toFile()).redirectErrorStream(true);
      pb.environment().put("WEFT_E2E_MODEL_URL", model.baseUrl());
      Process p = pb.start();
      String out;
      boolean done = p.waitFor(5, TimeUnit.MINUTES);
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!done) {
        p.destroyForcibly();
      }
      System.out.println(out);
      assertThat(done).as("the browser test finished within 5 minutes:\n" + out).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("12 passed, 0 failed");
    }
  }

  @Test
  void theServerAnswersClientSideRoutesWithTheUi() throws IOException {
    assumeTrue(WeftServer.class.getResource(WeftServer.UI_ROOT + "/index.html") != null,
        "the UI is not bundled (built with -DskipUi)");
    try (WeftServer server = TestServers.start(data, c -> c.withServeUi(true))) {
      Http http = Http.to(server);
      Http.Res root = http.get("/");
      assertThat(root.status()).isEqualTo(200);
      assertThat(root.text()).contains("<div id=\"root\">");
      Http.Res deep = http.get("/workflows/some-id");
      assertThat(deep.status()).isEqualTo(200);
      assertThat(deep.text()).contains("<div id=\"root\">");
      assertThat(deep.header("Content-Security-Policy")).contains("script-src 'self'");
      assertThat(http.get("/api/nope").status()).as("API paths stay JSON 404s").isEqualTo(404);
    }
  }
}
