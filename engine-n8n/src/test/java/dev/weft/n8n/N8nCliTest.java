package dev.weft.n8n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class N8nCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return N8nCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void importPrintsTheWeftWorkflow(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("wf.json");
    Files.writeString(file, """
        {"name": "Hello", "nodes": [{"name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1}],
         "connections": {}}
        """);
    assertThat(run("import", file.toString())).isEqualTo(N8nCli.OK);
    Map<?, ?> doc = new ObjectMapper().readValue(out.toString(StandardCharsets.UTF_8), Map.class);
    assertThat(doc.get("name")).isEqualTo("Hello");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void importListsEveryProblemAndExitsWith2(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("wf.json");
    Files.writeString(file, """
        {"name": "Bad", "nodes": [
          {"name": "S", "type": "n8n-nodes-base.set", "typeVersion": 2,
           "parameters": {"values": {"string": [{"name": "a", "value": "={{ $env.X }}"}]}}},
          {"name": "H", "type": "n8n-nodes-base.slack", "typeVersion": 2}], "connections": {}}
        """);
    assertThat(run("import", file.toString())).isEqualTo(N8nCli.PROBLEMS);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("the n8n workflow 'Bad' cannot be imported (2 problems):")
        .contains("  - node 'S' (n8n-nodes-base.set@2), parameter 'values.string[0].value': cannot translate "
            + "`$env.X`: environment variables ($env) are not readable in Weft expressions")
        .contains("  - node 'H' (n8n-nodes-base.slack@2): the n8n node type 'n8n-nodes-base.slack' has no Weft "
            + "equivalent");
  }

  @Test
  void reportsMissingFilesAndUsage(@TempDir Path dir) {
    assertThat(run("import", dir.resolve("none.json").toString())).isEqualTo(N8nCli.PROBLEMS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
    assertThat(run("check", dir.resolve("nope").toString())).isEqualTo(N8nCli.PROBLEMS);
    assertThat(run("frobnicate")).isEqualTo(N8nCli.PROBLEMS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: weft n8n import FILE | weft n8n check DIR");
  }
}
